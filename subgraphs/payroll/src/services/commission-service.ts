import type { TenantScope } from '@tessera/prisma';
import { errorsOf, isUuid, listPage, primed, toDecimal, type Connection, type UserError } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';
import { checkRate, DEFAULT_COMMISSION_RATE, effectiveRate, type CommissionRuleRecord } from '../domain/commission-rates.js';
import { payProfileNotFound } from '../errors.js';
import type { QueryCommissionsArgs, SetCommissionRateInput, SetEmployeeCommissionRateInput } from '../generated/graphql.js';
import type { Commission, CommissionStatus, PayProfile } from '../generated/prisma/client.js';
import type { PayrollLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';

export interface CommissionRulePayload {
  commissionRule: CommissionRuleRecord | null;
  userErrors: UserError[];
}

export interface PayProfilePayload {
  payProfile: PayProfile | null;
  userErrors: UserError[];
}

/** Commissions of the caller's tenant and the rates they are computed with. */
export class CommissionService {
  private rule: Promise<CommissionRuleRecord> | null = null;

  constructor(
    private readonly scope: TenantScope<PayrollTx>,
    private readonly repositories: Repositories,
    private readonly loaders: PayrollLoaders,
  ) {}

  get(id: string): Promise<Commission | null> {
    return this.loaders.commissionById.load(id);
  }

  /** Commissions, oldest first, optionally of some statuses (an empty list matches none) and/or one employee. */
  list(args: QueryCommissionsArgs): Promise<Connection<Commission>> {
    const employeeId = args.filter?.employeeId ?? null;
    const statuses = args.filter?.status ?? null;
    return listPage(args, async (window) => {
      if (employeeId !== null && !isUuid(employeeId)) return { rows: [], totalCount: 0 };
      const page = await this.scope.run((tx) => this.repositories.commissions.page(tx, { statuses, employeeId }, window));
      return { ...page, rows: primed(this.loaders.commissionById, page.rows) };
    });
  }

  ofEmployee(employeeId: string, statuses: readonly CommissionStatus[] | null | undefined): Promise<Commission[]> {
    return this.loaders.commissionsByEmployeeId(statuses).load(employeeId);
  }

  /** The tenant's rule (read once per request): the rate it set, else the built-in 10%. */
  commissionRule(): Promise<CommissionRuleRecord> {
    this.rule ??= this.scope
      .run((tx) => this.repositories.rules.find(tx))
      .then((rule) =>
        rule
          ? { defaultRate: toDecimal(rule.defaultRate), updatedAt: rule.updatedAt }
          : { defaultRate: DEFAULT_COMMISSION_RATE, updatedAt: null },
      );
    return this.rule;
  }

  /** The rate the employee's next commission would be computed with. */
  async effectiveRate(profile: PayProfile) {
    const own = profile.commissionRate === null ? null : toDecimal(profile.commissionRate);
    return effectiveRate(own, own === null ? (await this.commissionRule()).defaultRate : null);
  }

  /** Sets the tenant's default rate (owners and admins). Commissions already accrued keep theirs. */
  async setRate(input: SetCommissionRateInput): Promise<CommissionRulePayload> {
    const rate = checkRate(input.rate, ['input', 'rate']);
    if (!rate.ok) return { commissionRule: null, userErrors: rate.errors };
    const rule = await this.scope.run((tx) => this.repositories.rules.set(tx, rate.value));
    const record = { defaultRate: toDecimal(rule.defaultRate), updatedAt: rule.updatedAt };
    this.rule = Promise.resolve(record);
    return { commissionRule: record, userErrors: [] };
  }

  /** Sets or clears an employee's own rate (owners and admins); the employee needs a pay profile. */
  async setEmployeeRate(input: SetEmployeeCommissionRateInput): Promise<PayProfilePayload> {
    const rate = input.rate == null ? undefined : checkRate(input.rate, ['input', 'rate']);
    const errors = [...(isUuid(input.employeeId) ? [] : [payProfileNotFound()]), ...errorsOf(rate)];
    if (errors.length > 0) return { payProfile: null, userErrors: errors };
    const value = rate?.ok ? rate.value : null;
    const profile = await this.scope.run((tx) => this.repositories.profiles.setCommissionRate(tx, input.employeeId, value));
    if (!profile) return { payProfile: null, userErrors: [payProfileNotFound()] };
    this.loaders.payProfileByEmployeeId.clear(profile.employeeId).prime(profile.employeeId, profile);
    return { payProfile: profile, userErrors: [] };
  }
}
