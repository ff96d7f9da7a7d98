import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FEEDS } from '@tessera/modules';
import { referenceConsumers, uuidV7Time } from './references.js';

describe('uuidV7Time', () => {
  it("reads a UUIDv7's millisecond timestamp and nothing from other ids", () => {
    expect(uuidV7Time('0190f3a0-0000-7000-8000-000000000001')).toBe(0x0190f3a00000);
    expect(uuidV7Time(randomUUID())).toBeNull(); // v4
    expect(uuidV7Time('not-a-uuid')).toBeNull();
  });
});

describe('referenceConsumers', () => {
  it('runs one durable consumer per feeding event type, named after the module', () => {
    const consumers = referenceConsumers('invoicing', ['contact', 'deal']);
    expect(consumers.map((consumer) => consumer.type)).toEqual([...REFERENCE_FEEDS.contact.events, ...REFERENCE_FEEDS.deal.events]);
    expect(consumers.map((consumer) => consumer.name)).toContain('invoicing-ref-crm-deal-stage-changed');
    expect(new Set(consumers.map((consumer) => consumer.name)).size).toBe(consumers.length);
  });
});
