import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventContracts } from './contracts.js';
import { createEnvelope, InvalidEventError, parseEnvelope, subjectFilterOf, subjectOf } from './envelope.js';

const tenantId = randomUUID();
const won = () =>
  createEnvelope('crm', {
    type: 'crm.deal.won',
    tenantId,
    subjectId: randomUUID(),
    data: {
      title: 'Big deal',
      contactId: randomUUID(),
      ownerId: null,
      amount: { amount: '1250.00', currency: 'EUR' },
      closedAt: new Date().toISOString(),
    },
  });

describe('event envelopes', () => {
  it('fills in id, version, source and time, and round-trips through JSON', () => {
    const event = won();
    expect(event).toMatchObject({ type: 'crm.deal.won', version: 1, tenantId, source: 'crm', traceparent: null });
    expect(parseEnvelope(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('refuses data that breaks the contract, at creation and when parsed', () => {
    expect(() =>
      createEnvelope('crm', {
        type: 'crm.deal.won',
        tenantId,
        subjectId: randomUUID(),
        // a float amount and an unknown currency shape
        data: {
          title: 'x',
          contactId: randomUUID(),
          ownerId: null,
          amount: { amount: 12.5 as unknown as string, currency: 'euro' },
          closedAt: 'now',
        },
      }),
    ).toThrow(InvalidEventError);
    const event = { ...won(), data: { title: 'no amount' } };
    expect(() => parseEnvelope(event)).toThrow(/invalid crm.deal.won data/);
  });

  it('refuses unknown types, other versions, missing tenants and a module recording another module’s event', () => {
    expect(() => parseEnvelope({ ...won(), type: 'crm.deal.exploded' })).toThrow(/unknown event type/);
    expect(() => parseEnvelope({ ...won(), version: 2 })).toThrow(/unsupported version 2/);
    expect(() => parseEnvelope({ ...won(), tenantId: 'acme' })).toThrow(/tenantId/);
    expect(() =>
      createEnvelope('invoicing', {
        type: 'crm.contact.deleted',
        tenantId,
        subjectId: randomUUID(),
        data: { deletedAt: new Date().toISOString() },
      }),
    ).toThrow(/belong to the module/);
  });

  it('puts the tenant in the subject: <module>.<tenant>.<entity>.<verb>, behind an optional namespace', () => {
    expect(subjectOf('crm.deal.won', tenantId)).toBe(`crm.${tenantId}.deal.won`);
    expect(subjectOf('invoicing.invoice.payment_recorded', tenantId, 'staging')).toBe(
      `staging.invoicing.${tenantId}.invoice.payment_recorded`,
    );
    expect(subjectFilterOf('hr.employee.hired')).toBe('hr.*.employee.hired');
  });

  it('has a schema and a version for every type, each named <module>.<entity>.<verb>', () => {
    for (const type of EVENT_TYPES) {
      expect(type).toMatch(/^[a-z]+\.[a-z_]+\.[a-z_]+$/);
      expect(eventContracts[type].version).toBeGreaterThan(0);
    }
  });
});
