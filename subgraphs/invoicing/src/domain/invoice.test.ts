import { describe, expect, it } from 'vitest';
import { documentNumber, effectiveStatus, isOverdue } from './invoice.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('effectiveStatus', () => {
  const today = new Date('2026-11-21T23:59:59.000Z');

  it('is OVERDUE for SENT and PARTIALLY_PAID invoices due before today (UTC)', () => {
    expect(effectiveStatus({ kind: 'INVOICE', status: 'SENT', dueDate: day('2026-11-20') }, today)).toBe('OVERDUE');
    expect(effectiveStatus({ kind: 'INVOICE', status: 'PARTIALLY_PAID', dueDate: day('2026-11-20') }, today)).toBe('OVERDUE');
  });

  it('is not OVERDUE on the due date itself, for drafts, paid, void invoices or credit notes', () => {
    expect(effectiveStatus({ kind: 'INVOICE', status: 'SENT', dueDate: day('2026-11-21') }, today)).toBe('SENT');
    expect(effectiveStatus({ kind: 'INVOICE', status: 'DRAFT', dueDate: day('2026-01-01') }, today)).toBe('DRAFT');
    expect(effectiveStatus({ kind: 'INVOICE', status: 'PAID', dueDate: day('2026-01-01') }, today)).toBe('PAID');
    expect(effectiveStatus({ kind: 'INVOICE', status: 'VOID', dueDate: day('2026-01-01') }, today)).toBe('VOID');
    expect(isOverdue({ kind: 'CREDIT_NOTE', status: 'SENT', dueDate: day('2026-01-01') }, today)).toBe(false);
  });
});

describe('documentNumber', () => {
  it('pads the sequence to four digits per kind', () => {
    expect(documentNumber('INVOICE', 2026, 1)).toBe('INV-2026-0001');
    expect(documentNumber('CREDIT_NOTE', 2026, 42)).toBe('CN-2026-0042');
    expect(documentNumber('INVOICE', 2027, 12345)).toBe('INV-2027-12345');
  });
});
