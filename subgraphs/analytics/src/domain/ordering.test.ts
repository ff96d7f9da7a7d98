import { describe, expect, it } from 'vitest';
import { COMMISSION_STATUS_RANK, dealVersion, invoiceStatusRank, OPEN_INVOICE_STATUSES } from './ordering.js';

describe('ordering rules', () => {
  it('an invoice only moves forward: sent < partially paid < paid or void; open statuses rank below closed ones', () => {
    expect(invoiceStatusRank('DRAFT')).toBeNull();
    const rank = (status: Parameters<typeof invoiceStatusRank>[0]) => invoiceStatusRank(status)!;
    expect(rank('SENT')).toBeLessThan(rank('PARTIALLY_PAID'));
    expect(rank('OVERDUE')).toBeLessThan(rank('PARTIALLY_PAID'));
    for (const open of OPEN_INVOICE_STATUSES) {
      expect(rank(open)).toBeLessThan(rank('PAID'));
      expect(rank(open)).toBeLessThan(rank('VOID'));
    }
  });

  it('a commission only moves forward: accrued < payable < paid', () => {
    expect(COMMISSION_STATUS_RANK.ACCRUED).toBeLessThan(COMMISSION_STATUS_RANK.PAYABLE);
    expect(COMMISSION_STATUS_RANK.PAYABLE).toBeLessThan(COMMISSION_STATUS_RANK.PAID);
  });

  it('a deal version: final stages are closed, a stage change outranks a creation at the same instant', () => {
    const at = '2026-03-01T10:00:00.000Z';
    expect(dealVersion('crm.deal.won', 'WON', at, 'e1')).toEqual({ closed: true, at: new Date(at), rank: 2, eventId: 'e1' });
    expect(dealVersion('crm.deal.lost', 'LOST', at, 'e2').closed).toBe(true);
    const created = dealVersion('crm.deal.created', 'LEAD', at, 'e3');
    const moved = dealVersion('crm.deal.stage_changed', 'QUALIFIED', at, 'e4');
    expect(created.closed || moved.closed).toBe(false);
    expect(moved.rank).toBeGreaterThan(created.rank);
  });
});
