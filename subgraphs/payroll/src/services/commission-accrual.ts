import { Decimal, toDecimal } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';
import { commissionAmount, effectiveRate } from '../domain/commission-rates.js';
import type { PayrollEvents } from '../events/payroll-events.js';
import type { Repositories } from '../repositories/index.js';

/** A won deal, as crm.deal.won reports it. */
export interface WonDeal {
  dealId: string;
  ownerId: string | null;
  amount: { amount: string; currency: string };
  closedAt: Date;
}

/** A paid invoice, as invoicing.invoice.paid reports it. */
export interface PaidInvoice {
  invoiceId: string;
  dealId: string | null;
  paidAt: Date;
}

/**
 * Commissions from other modules' events, in the consumer's tenant transaction. A deal's won and
 * paid events come through different streams in any order, and may be redelivered: both handlers
 * take the deal's advisory lock first, so whichever runs second sees what the first committed.
 */
export class CommissionAccrual {
  constructor(
    private readonly repositories: Repositories,
    private readonly events: PayrollEvents,
  ) {}

  /** One commission per won deal with an owner: ACCRUED, or PAYABLE at once if its invoice was already paid. */
  async dealWon(tx: PayrollTx, deal: WonDeal): Promise<void> {
    if (deal.ownerId === null) return;
    const { commissions, profiles, rules, paidDeals } = this.repositories;
    await commissions.lockDeal(tx, deal.dealId);
    if (await commissions.findByDealId(tx, deal.dealId)) return;
    const [profile, rule, paid] = [
      await profiles.findByEmployeeId(tx, deal.ownerId),
      await rules.find(tx),
      await paidDeals.find(tx, deal.dealId),
    ];
    const rate = effectiveRate(
      profile?.commissionRate == null ? null : toDecimal(profile.commissionRate),
      rule ? toDecimal(rule.defaultRate) : null,
    );
    const dealAmount = new Decimal(deal.amount.amount);
    const commission = await commissions.insertIfAbsent(tx, {
      dealId: deal.dealId,
      employeeId: deal.ownerId,
      status: paid ? 'PAYABLE' : 'ACCRUED',
      dealAmount,
      amount: commissionAmount(dealAmount, rate, deal.amount.currency),
      currency: deal.amount.currency,
      rate,
      accruedAt: deal.closedAt,
      payableAt: paid?.paidAt ?? null,
    });
    if (!commission) return;
    await this.events.commissionAccrued(tx, commission);
    if (paid) await this.events.commissionPayable(tx, commission);
  }

  /** The deal's commission becomes PAYABLE; without one yet, the deal is remembered as paid. */
  async invoicePaid(tx: PayrollTx, invoice: PaidInvoice): Promise<void> {
    if (invoice.dealId === null) return;
    const { commissions, paidDeals } = this.repositories;
    await commissions.lockDeal(tx, invoice.dealId);
    const payable = await commissions.makePayable(tx, invoice.dealId, invoice.paidAt);
    if (payable) {
      await this.events.commissionPayable(tx, payable);
      return;
    }
    if (!(await commissions.findByDealId(tx, invoice.dealId))) {
      await paidDeals.record(tx, { dealId: invoice.dealId, invoiceId: invoice.invoiceId, paidAt: invoice.paidAt });
    }
  }
}
