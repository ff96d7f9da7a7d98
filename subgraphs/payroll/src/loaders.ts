import type DataLoader from 'dataloader';
import { perArguments, primed, tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { PayrollTx } from './db.js';
import type { Commission, CommissionStatus, PayProfile, PayRun, Payslip } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

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

export function createLoaders(scope: LoaderScope<PayrollTx>, repositories: Repositories): PayrollLoaders {
  const { commissions, payRuns, payslips, profiles } = repositories;
  const load = tenantLoaders(scope);
  const commissionById = load.byId((tx, ids) => commissions.findByIds(tx, ids));
  const payslipById = load.byId((tx, ids) => payslips.findByIds(tx, ids));
  // Rows fetched as lists are primed into the by-id loaders, so a reference back to them costs nothing.
  const byStatuses = perArguments((statuses: CommissionStatus[] | null) =>
    load.byParent(
      async (tx, ids) => primed(commissionById, await commissions.listByEmployeeIds(tx, ids, statuses)),
      (row) => row.employeeId,
    ),
  );
  return {
    commissionById,
    payslipById,
    payRunById: load.byId((tx, ids) => payRuns.findByIds(tx, ids)),
    payProfileByEmployeeId: load.byKey(
      (tx, ids) => profiles.findByEmployeeIds(tx, ids),
      (row) => row.employeeId,
    ),
    payslipsByPayRunId: load.byParent(
      async (tx, ids) => primed(payslipById, await payslips.listByPayRunIds(tx, ids)),
      (row) => row.payRunId,
    ),
    payslipsByEmployeeId: load.byParent(
      async (tx, ids) => primed(payslipById, await payslips.listByEmployeeIds(tx, ids)),
      (row) => row.employeeId,
    ),
    commissionsByPayslipId: load.byParent(
      async (tx, ids) => primed(commissionById, await commissions.listByPayslipIds(tx, ids)),
      (row) => row.payslipId,
    ),
    commissionsByEmployeeId: (statuses) => byStatuses(statuses ? [...new Set(statuses)].sort() : null),
  };
}
