import { describe, expect, it } from 'vitest';
import { checkName, MAX_NAME_LENGTH } from './item-rules.js';

describe('item rules', () => {
  it('trims a name and accepts 1 to 200 characters', () => {
    expect(checkName('  Tea  ')).toEqual({ ok: true, value: 'Tea' });
    expect(checkName('x'.repeat(MAX_NAME_LENGTH)).ok).toBe(true);
  });

  it('refuses a blank or too long name with INVALID on the name field', () => {
    for (const name of ['', '   ', 'x'.repeat(MAX_NAME_LENGTH + 1)]) {
      const checked = checkName(name);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'name'] })]);
    }
  });
});
