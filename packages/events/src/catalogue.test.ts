import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_END, CATALOGUE_START, catalogueMarkdown, describeSchema, eventCatalogue, INTERNAL_EVENT_TYPES } from './catalogue.js';
import { EVENT_TYPES } from './contracts.js';

describe('the event catalogue', () => {
  it('has every public built-in type, with its version and a JSON Schema of its data; no internal type', () => {
    const catalogue = eventCatalogue();
    const types = catalogue.map((entry) => entry.type);
    expect(types).toEqual(EVENT_TYPES.filter((type) => !INTERNAL_EVENT_TYPES.has(type)).sort());
    expect(types).not.toContain('analytics.dashboard.updated');
    const won = catalogue.find((entry) => entry.type === 'crm.deal.won')!;
    expect(won).toMatchObject({ module: 'crm', version: 1, dataSchema: { type: 'object', properties: expect.any(Object) } });
    for (const entry of catalogue) expect(entry.dataSchema.type, entry.type).toBe('object');
  });

  it('describes a schema as a short type', () => {
    const created = eventCatalogue().find((entry) => entry.type === 'crm.contact.created')!;
    expect(describeSchema(created.dataSchema)).toBe('{ name: string, email: string | null, companyId: uuid | null }');
  });

  it('is in the README as the contracts make it (run `npm run events -- catalogue` when this fails)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf(CATALOGUE_START), readme.indexOf(CATALOGUE_END) + CATALOGUE_END.length);
    expect(section).toBe(catalogueMarkdown());
  });
});
