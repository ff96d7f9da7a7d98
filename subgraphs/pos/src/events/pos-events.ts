import type { EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import { toExactMoney, toMoney } from '@tessera/service-kit';
import type { Register, RegisterSession, Sale, SaleLine, SalePayment } from '../generated/prisma/client.js';

/** The facts of a sale every sale event carries. */
export function saleFacts(register: Register, sale: Sale, lines: SaleLine[], payments: SalePayment[]) {
  const money = (value: { toString(): string }) => toMoney(value, sale.currency);
  return {
    registerId: sale.registerId,
    sessionId: sale.sessionId,
    locationId: register.locationId,
    receiptNumber: sale.receiptNumber,
    currency: sale.currency,
    lines: lines.map((line) => ({
      variantId: line.variantId,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: toExactMoney(line.unitPrice, sale.currency),
      lineTotal: money(line.lineTotal),
    })),
    total: money(sale.total),
    payments: payments.map((payment) => ({ method: payment.method, amount: money(payment.amount) })),
    change: money(sale.change),
    completedAt: sale.completedAt.toISOString(),
  };
}

/** The payload of `pos.sale.voided`. */
export const saleVoidedData = (register: Register, sale: Sale, lines: SaleLine[], payments: SalePayment[]) => ({
  ...saleFacts(register, sale, lines, payments),
  voidedAt: (sale.voidedAt ?? new Date()).toISOString(),
});

/** The payload of `pos.session.closed`: the reconciliation of a session. */
export function sessionClosedData(register: Register, session: RegisterSession, saleCount: number) {
  const money = (value: { toString(): string } | null) => toMoney(value ?? '0', session.currency);
  return {
    registerId: register.id,
    locationId: register.locationId,
    openingFloat: money(session.openingFloat),
    expected: money(session.expectedCash),
    counted: money(session.countedCash),
    difference: money(session.difference),
    saleCount,
    openedAt: session.openedAt.toISOString(),
    closedAt: (session.closedAt ?? new Date()).toISOString(),
  };
}

/** Records POS's events in the outbox, in the transaction of the change they describe. */
export class PosEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  /** pos.sale.completed: commerce takes the stock out of the register's location; analytics counts the sale. */
  saleCompleted(
    tx: SqlExecutor,
    register: Register,
    sale: Sale,
    lines: SaleLine[],
    payments: SalePayment[],
  ): Promise<EventEnvelope<'pos.sale.completed'>> {
    return this.outbox.record(tx, {
      type: 'pos.sale.completed',
      tenantId: this.tenantId,
      subjectId: sale.id,
      data: saleFacts(register, sale, lines, payments),
    });
  }

  /** pos.sale.voided: reverse what pos.sale.completed did. */
  saleVoided(
    tx: SqlExecutor,
    register: Register,
    sale: Sale,
    lines: SaleLine[],
    payments: SalePayment[],
  ): Promise<EventEnvelope<'pos.sale.voided'>> {
    return this.outbox.record(tx, {
      type: 'pos.sale.voided',
      tenantId: this.tenantId,
      subjectId: sale.id,
      data: saleVoidedData(register, sale, lines, payments),
    });
  }

  /** pos.session.closed with the reconciliation (subjectId is the session id). */
  sessionClosed(
    tx: SqlExecutor,
    register: Register,
    session: RegisterSession,
    saleCount: number,
  ): Promise<EventEnvelope<'pos.session.closed'>> {
    return this.outbox.record(tx, {
      type: 'pos.session.closed',
      tenantId: this.tenantId,
      subjectId: session.id,
      data: sessionClosedData(register, session, saleCount),
    });
  }
}
