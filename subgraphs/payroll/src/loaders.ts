import DataLoader from 'dataloader';
import type { TenantScope } from '@tessera/prisma';
import { distinctUuids, manyByKey, oneByKey } from '@tessera/service-kit';
import type { Commission, CommissionStatus, PayProfile, PayRun, Payslip } from './generated/prisma/client.js';
import type { PayrollTx } from './db.js';
import type { PayrollRepositories } from './repositories/index.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface PayrollLoaders {
  commissionById: DataLoader<string, Commission | null>;
  payRunById: DataLoader<string, PayRun | null>;
  payslipById: DataLoader<string, Payslip | null>;
  payProfileByEmployeeId: DataLoader<string, PayProfile | null>;
  payslipsByPayRunId: DataLoader<string, Payslip[]>;
  payslipsByEmployeeId: DataLoader<string, Payslip[]>;
  commissionsByPayslipId: DataLoader<string, Commission[]>;
  /** One loader per distinct status filter (a plan step's employees share one filter). */
  commissionsByEmployeeId(statuses: readonly CommissionStatus[] | null | undefined): DataLoader<string, Commission[]>;
}

const OPTIONS = { maxBatchSize: 1000 } as const;

export function createLoaders(scope: TenantScope<PayrollTx>, repositories: PayrollRepositories): PayrollLoaders {
  const { commissions, payRuns, payslips, profiles } = repositories;
  /** Runs one batch query in a tenant transaction; no statement at all without well-formed ids. */
  const fetch = async <T>(ids: readonly string[], query: (tx: PayrollTx, wanted: string[]) => Promise<T[]>): Promise<T[]> => {
    const wanted = distinctUuids(ids);
    return wanted.length === 0 ? [] : scope.run((tx) => query(tx, wanted));
  };
  const byEmployee = new Map<string, DataLoader<string, Commission[]>>();
  const commissionById = new DataLoader<string, Commission | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => commissions.findByIds(tx, w)), (r) => r.id),
    OPTIONS,
  );
  const payslipById = new DataLoader<string, Payslip | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => payslips.findByIds(tx, w)), (r) => r.id),
    OPTIONS,
  );
  /** Rows fetched as lists are primed into the by-id loaders, so a reference back to them costs nothing. */
  const primed = <T extends { id: string }>(loader: DataLoader<string, T | null>, rows: T[]): T[] => {
    for (const row of rows) loader.prime(row.id, row);
    return rows;
  };
  return {
    commissionById,
    payslipById,
    payRunById: new DataLoader(async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => payRuns.findByIds(tx, w)), (r) => r.id), OPTIONS),
    payProfileByEmployeeId: new DataLoader(
      async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => profiles.findByEmployeeIds(tx, w)), (r) => r.employeeId),
      OPTIONS,
    ),
    payslipsByPayRunId: new DataLoader(
      async (ids) => manyByKey(ids, primed(payslipById, await fetch(ids, (tx, w) => payslips.listByPayRunIds(tx, w))), (r) => r.payRunId),
      OPTIONS,
    ),
    payslipsByEmployeeId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(payslipById, await fetch(ids, (tx, w) => payslips.listByEmployeeIds(tx, w))), (r) => r.employeeId),
      OPTIONS,
    ),
    commissionsByPayslipId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(commissionById, await fetch(ids, (tx, w) => commissions.listByPayslipIds(tx, w))), (r) => r.payslipId),
      OPTIONS,
    ),
    commissionsByEmployeeId(statuses) {
      const filter = statuses ? [...new Set(statuses)].sort() : null;
      const key = filter ? filter.join(',') : '*';
      let loader = byEmployee.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (ids) =>
            manyByKey(
              ids,
              primed(commissionById, await fetch(ids, (tx, w) => commissions.listByEmployeeIds(tx, w, filter))),
              (r) => r.employeeId,
            ),
          OPTIONS,
        );
        byEmployee.set(key, loader);
      }
      return loader;
    },
  };
}
