import { describe, expect, it } from 'vitest';
import { isoDay } from '@tessera/service-kit';
import { Metric } from './metrics.js';

describe('metrics', () => {
  it('a fact counts on the UTC day of its instant', () => {
    expect(isoDay(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-03-31');
    expect(isoDay(new Date('2026-04-01T01:30:00+02:00'))).toBe('2026-03-31');
    expect(isoDay(new Date('2026-04-01T00:00:00Z'))).toBe('2026-04-01');
  });

  it('metric keys are `<module>.<what>` (the database checks the same shape)', () => {
    for (const key of Object.values(Metric)) expect(key).toMatch(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/);
  });
});
