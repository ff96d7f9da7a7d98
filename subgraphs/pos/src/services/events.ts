import type { Outbox } from '@tessera/events';
import type { Register, RegisterSession, Sale, SaleLine, SalePayment } from '../generated/prisma/client.js';
import type { PosTx } from '../db.js';
import { toMoney, toPrice } from '../domain/money.js';

/** Records POS's domain events in the transaction of the change they describe. */
export class PosEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  /** pos.sale.completed: commerce takes the stock out of the register's location; analytics counts the sale. */
  async saleCompleted(tx: PosTx, register: Register, sale: Sale, lines: SaleLine[], payments: SalePayment[]): Promise<void> {
    await this.outbox.record(tx, {
      type: 'pos.sale.completed',
      tenantId: this.tenantId,
      subjectId: sale.id,
      data: this.saleFacts(register, sale, lines, payments),
    });
  }

  /** pos.sale.voided: reverse what pos.sale.completed did. */
  async saleVoided(tx: PosTx, register: Register, sale: Sale, lines: SaleLine[], payments: SalePayment[]): Promise<void> {
    await this.outbox.record(tx, {
      type: 'pos.sale.voided',
      tenantId: this.tenantId,
      subjectId: sale.id,
      data: { ...this.saleFacts(register, sale, lines, payments), voidedAt: (sale.voidedAt ?? new Date()).toISOString() },
    });
  }

  /** pos.session.closed with the reconciliation (subjectId is the session id). */
  async sessionClosed(tx: PosTx, register: Register, session: RegisterSession, saleCount: number): Promise<void> {
    const money = (value: { toString(): string } | null) => toMoney(value ?? '0', session.currency);
    await this.outbox.record(tx, {
      type: 'pos.session.closed',
      tenantId: this.tenantId,
      subjectId: session.id,
      data: {
        registerId: register.id,
        locationId: register.locationId,
        openingFloat: money(session.openingFloat),
        expected: money(session.expectedCash),
        counted: money(session.countedCash),
        difference: money(session.difference),
        saleCount,
        openedAt: session.openedAt.toISOString(),
        closedAt: (session.closedAt ?? new Date()).toISOString(),
      },
    });
  }

  private saleFacts(register: Register, sale: Sale, lines: SaleLine[], payments: SalePayment[]) {
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
        unitPrice: toPrice(line.unitPrice, sale.currency),
        lineTotal: money(line.lineTotal),
      })),
      total: money(sale.total),
      payments: payments.map((payment) => ({ method: payment.method, amount: money(payment.amount) })),
      change: money(sale.change),
      completedAt: sale.completedAt.toISOString(),
    };
  }
}
