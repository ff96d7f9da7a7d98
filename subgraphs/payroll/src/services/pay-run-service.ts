import { isExclusionViolation, type TenantScope } from '@tessera/prisma';
import { errorsOf, isCurrency, isUuid, listPage, primed, toDecimal, type Connection, type UserError } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';
import { checkPeriod } from '../domain/pay-period.js';
import { draftPayslips, payRunTotals } from '../domain/payslip-drafts.js';
import { invalidCurrency, payRunNotFound, payRunNotIn, payRunOverlap, type TransitionSource } from '../errors.js';
import type { PayrollEvents } from '../events/payroll-events.js';
import type {
  ApprovePayRunInput,
  CancelPayRunInput,
  CreatePayRunInput,
  MarkPayRunPaidInput,
  QueryPayRunsArgs,
} from '../generated/graphql.js';
import type { PayRun } from '../generated/prisma/client.js';
import type { PayrollLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';

export interface PayRunPayload {
  payRun: PayRun | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): PayRunPayload => ({ payRun: null, userErrors });

/** Pay runs of the caller's tenant: DRAFT -> APPROVED -> PAID, or DRAFT -> CANCELLED. Changes are for owners and admins. */
export class PayRunService {
  constructor(
    private readonly scope: TenantScope<PayrollTx>,
    private readonly repositories: Repositories,
    private readonly loaders: PayrollLoaders,
    private readonly events: PayrollEvents,
    private readonly now: () => Date,
  ) {}

  get(id: string): Promise<PayRun | null> {
    return this.loaders.payRunById.load(id);
  }

  list(args: QueryPayRunsArgs): Promise<Connection<PayRun>> {
    const statuses = args.filter?.status ?? null;
    return listPage(args, async (window) => {
      const page = await this.scope.run((tx) => this.repositories.payRuns.page(tx, statuses, window));
      return { ...page, rows: primed(this.loaders.payRunById, page.rows) };
    });
  }

  /**
   * Creates a DRAFT run and its payslips in one transaction: one per profile employed during the
   * period with a salary or PAYABLE commissions in the currency; those commissions join the run.
   * Creations of a tenant are serialised, so of two overlapping requests exactly one succeeds (the
   * database's exclusion constraint would refuse the second anyway).
   */
  async create(input: CreatePayRunInput): Promise<PayRunPayload> {
    const currency = input.currency.trim().toUpperCase();
    const period = checkPeriod(input.periodStart, input.periodEnd, ['input', 'periodEnd']);
    const errors = [...(isCurrency(currency) ? [] : [invalidCurrency()]), ...errorsOf(period)];
    if (errors.length > 0 || !period.ok) return refused(...errors);
    const { start, end } = period.value;
    const { payRuns, profiles, commissions, payslips } = this.repositories;
    try {
      const result = await this.scope.run(async (tx): Promise<PayRunPayload> => {
        await payRuns.lockCreation(tx);
        const other = await payRuns.findOverlapping(tx, currency, start, end);
        if (other) return refused(payRunOverlap(other));
        const run = await payRuns.create(tx, { periodStart: start, periodEnd: end, currency });
        const employed = await profiles.listEmployedDuring(tx, start, end);
        const payable = await commissions.listUnclaimedPayable(
          tx,
          currency,
          employed.map((profile) => profile.employeeId),
        );
        const drafts = draftPayslips(
          period.value,
          currency,
          employed.map((profile) => ({
            employeeId: profile.employeeId,
            name: profile.name,
            salaryAmount: profile.salaryAmount === null ? null : toDecimal(profile.salaryAmount),
            salaryCurrency: profile.salaryCurrency,
            hiredOn: profile.hiredOn,
            terminatedOn: profile.terminatedOn,
          })),
          payable.map((commission) => ({ id: commission.id, employeeId: commission.employeeId, amount: toDecimal(commission.amount) })),
        );
        const slips = await payslips.createMany(tx, run, drafts);
        const slipOf = new Map(slips.map((slip) => [slip.employeeId, slip.id]));
        for (const draft of drafts) {
          if (draft.commissionIds.length === 0) continue;
          const claimed = await commissions.claim(tx, draft.commissionIds, slipOf.get(draft.employeeId)!);
          if (claimed !== draft.commissionIds.length)
            throw new Error(`pay run ${run.id}: commissions of ${draft.employeeId} were claimed meanwhile`);
        }
        return { payRun: await payRuns.setTotals(tx, run.id, payRunTotals(drafts)), userErrors: [] };
      });
      if (result.payRun) this.loaders.payRunById.prime(result.payRun.id, result.payRun);
      return result;
    } catch (error) {
      // the exclusion constraint pay_runs_no_overlap
      if (isExclusionViolation(error)) return refused(payRunOverlap({ periodStart: start, periodEnd: end }));
      throw error;
    }
  }

  /** DRAFT -> APPROVED; records payroll.pay_run.approved. */
  approve(input: ApprovePayRunInput): Promise<PayRunPayload> {
    return this.move(input.payRunId, 'DRAFT', async (tx, id) => {
      const run = await this.repositories.payRuns.transition(tx, id, 'DRAFT', { status: 'APPROVED', approvedAt: this.now() });
      if (run) await this.events.payRunApproved(tx, run, (await this.repositories.payslips.idsOfPayRun(tx, run.id)).length);
      return run;
    });
  }

  /** APPROVED -> PAID: every commission of the run becomes PAID; records payroll.commission.paid for each and payroll.pay_run.paid. */
  markPaid(input: MarkPayRunPaidInput): Promise<PayRunPayload> {
    return this.move(input.payRunId, 'APPROVED', async (tx, id) => {
      const paidAt = this.now();
      const run = await this.repositories.payRuns.transition(tx, id, 'APPROVED', { status: 'PAID', paidAt });
      if (!run) return null;
      const slipIds = await this.repositories.payslips.idsOfPayRun(tx, run.id);
      for (const commission of await this.repositories.commissions.markPaid(tx, slipIds, paidAt)) {
        await this.events.commissionPaid(tx, commission, run.id);
      }
      await this.events.payRunPaid(tx, run, slipIds.length);
      return run;
    });
  }

  /** DRAFT -> CANCELLED: its commissions are released for the next run. */
  cancel(input: CancelPayRunInput): Promise<PayRunPayload> {
    return this.move(input.payRunId, 'DRAFT', async (tx, id) => {
      const run = await this.repositories.payRuns.transition(tx, id, 'DRAFT', { status: 'CANCELLED', cancelledAt: this.now() });
      if (run) await this.repositories.commissions.release(tx, await this.repositories.payslips.idsOfPayRun(tx, run.id));
      return run;
    });
  }

  /** Runs one transition in a tenant transaction; says why not when the run is missing or in another state. */
  private async move(
    payRunId: string,
    from: TransitionSource,
    work: (tx: PayrollTx, id: string) => Promise<PayRun | null>,
  ): Promise<PayRunPayload> {
    if (!isUuid(payRunId)) return refused(payRunNotFound());
    const result = await this.scope.run(async (tx): Promise<PayRunPayload> => {
      const run = await work(tx, payRunId);
      if (run) return { payRun: run, userErrors: [] };
      const current = await this.repositories.payRuns.findById(tx, payRunId);
      if (!current) return refused(payRunNotFound());
      return refused(payRunNotIn(from, current.status));
    });
    if (result.payRun) this.loaders.payRunById.clear(result.payRun.id).prime(result.payRun.id, result.payRun);
    return result;
  }
}
