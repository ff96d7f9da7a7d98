import type DataLoader from 'dataloader';
import { perArguments, primed, tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { DriverAssignment, ServiceReminder, Vehicle } from './generated/prisma/client.js';
import type { FleetTx } from './db.js';
import type { Repositories } from './repositories/index.js';
import type { CostSum } from './repositories/log-repository.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface FleetLoaders {
  vehicleById: DataLoader<string, Vehicle | null>;
  assignmentsByVehicleId: DataLoader<string, DriverAssignment[]>;
  vehiclesByEmployeeId: DataLoader<string, Vehicle[]>;
  remindersByVehicleId: DataLoader<string, ServiceReminder[]>;
  /** One loader per distinct day range (a plan step's vehicles share one range). */
  costsByVehicleId(from: Date | null, to: Date | null): DataLoader<string, CostSum[]>;
}

export function createLoaders(scope: LoaderScope<FleetTx>, repositories: Repositories): FleetLoaders {
  const { vehicles, assignments, reminders, logs } = repositories;
  const load = tenantLoaders(scope);
  const vehicleById = load.byId((tx, ids) => vehicles.findByIds(tx, ids));
  const costs = perArguments(({ from, to }: { from: string | null; to: string | null }) =>
    load.byParent(
      (tx, ids) => logs.costSums(tx, ids, from === null ? null : new Date(from), to === null ? null : new Date(to)),
      (row) => row.vehicleId,
    ),
  );
  return {
    vehicleById,
    assignmentsByVehicleId: load.byParent(
      (tx, ids) => assignments.listByVehicleIds(tx, ids),
      (row) => row.vehicleId,
    ),
    vehiclesByEmployeeId: load.byParent(
      async (tx, ids) => {
        const rows = await assignments.listVehiclesByEmployeeIds(tx, ids);
        primed(vehicleById, rows);
        return rows;
      },
      (row) => row.employeeId,
    ),
    remindersByVehicleId: load.byParent(
      (tx, ids) => reminders.listByVehicleIds(tx, ids),
      (row) => row.vehicleId,
    ),
    costsByVehicleId: (from, to) => costs({ from: from?.toISOString() ?? null, to: to?.toISOString() ?? null }),
  };
}
