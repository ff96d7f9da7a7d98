import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventCatalogue } from '@tessera/events';
import { followedProducers, offeredCatalogue } from './event-types.js';

const consumes = (JSON.parse(readFileSync(new URL('../../module.json', import.meta.url), 'utf8')) as { events: { consumes: string[] } })
  .events.consumes;

describe('the event types webhooks offer', () => {
  it('are the whole public catalogue: the module follows the stream of every module that records public events', () => {
    expect(offeredCatalogue(consumes).map((entry) => entry.type)).toEqual(eventCatalogue().map((entry) => entry.type));
    expect(new Set(followedProducers(consumes))).toEqual(new Set(eventCatalogue().map((entry) => entry.module)));
  });

  it('carry a short shape of their data', () => {
    const won = offeredCatalogue(consumes).find((entry) => entry.type === 'crm.contact.created');
    expect(won?.dataShape).toBe('{ name: string, email: string | null, companyId: uuid | null }');
  });
});
