import DataLoader from 'dataloader';
import type { TenantScope } from '@tessera/prisma';
import { distinctUuids, manyByKey, oneByKey } from '@tessera/service-kit';
import type { DriverAssignment, ServiceReminder, Vehicle } from './generated/prisma/client.js';
import type { FleetTx } from './db.js';
import type { FleetRepositories } from './repositories/index.js';
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

const OPTIONS = { maxBatchSize: 1000 } as const;

export function createLoaders(scope: TenantScope<FleetTx>, repositories: FleetRepositories): FleetLoaders {
  const { vehicles, assignments, reminders, logs } = repositories;
  const fetch = async <T>(ids: readonly string[], query: (tx: FleetTx, wanted: string[]) => Promise<T[]>): Promise<T[]> => {
    const wanted = distinctUuids(ids);
    return wanted.length === 0 ? [] : scope.run((tx) => query(tx, wanted));
  };
  const vehicleById = new DataLoader<string, Vehicle | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => vehicles.findByIds(tx, w)), (r) => r.id),
    OPTIONS,
  );
  const costLoaders = new Map<string, DataLoader<string, CostSum[]>>();
  return {
    vehicleById,
    assignmentsByVehicleId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => assignments.listByVehicleIds(tx, w)), (r) => r.vehicleId),
      OPTIONS,
    ),
    vehiclesByEmployeeId: new DataLoader(async (ids) => {
      const rows = await fetch(ids, (tx, w) => assignments.listVehiclesByEmployeeIds(tx, w));
      const byEmployee = manyByKey(ids, rows, (r) => r.employeeId);
      return byEmployee.map((list) =>
        list.map(({ employeeId: _employeeId, ...vehicle }) => {
          vehicleById.prime(vehicle.id, vehicle);
          return vehicle;
        }),
      );
    }, OPTIONS),
    remindersByVehicleId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => reminders.listByVehicleIds(tx, w)), (r) => r.vehicleId),
      OPTIONS,
    ),
    costsByVehicleId(from, to) {
      const key = `${from?.toISOString() ?? ''}..${to?.toISOString() ?? ''}`;
      let loader = costLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => logs.costSums(tx, w, from, to)), (r) => r.vehicleId),
          OPTIONS,
        );
        costLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
