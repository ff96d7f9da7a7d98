import type { Page, PageWindow } from '@tessera/service-kit';
import type { FuelLog, FuelUnit, MaintenanceLog, Trip } from '../generated/prisma/client.js';
import type { FleetTx } from '../db.js';

export interface NewTrip {
  vehicleId: string;
  driverId: string;
  startedAt: Date;
  endedAt: Date;
  startOdometer: number;
  endOdometer: number;
}

export interface NewFuelLog {
  vehicleId: string;
  date: Date;
  quantity: string;
  unit: FuelUnit;
  cost: string;
  currency: string;
  odometer: number;
}

export interface NewMaintenanceLog {
  vehicleId: string;
  date: Date;
  description: string;
  serviceKind: string | null;
  cost: string;
  currency: string;
  odometer: number;
}

/** A vehicle's summed costs over a range of days, in the currency they were recorded in. */
export interface CostSum {
  vehicleId: string;
  currency: string;
  total: string;
}

/** SQL access to trips, fuel logs and maintenance logs (append-only history), always filtered by the tenant. */
export class LogRepository {
  constructor(private readonly tenantId: string) {}

  createTrip(tx: FleetTx, data: NewTrip): Promise<Trip> {
    return tx.trip.create({ data: { ...data, tenantId: this.tenantId } });
  }

  createFuelLog(tx: FleetTx, data: NewFuelLog): Promise<FuelLog> {
    return tx.fuelLog.create({ data: { ...data, tenantId: this.tenantId } });
  }

  createMaintenanceLog(tx: FleetTx, data: NewMaintenanceLog): Promise<MaintenanceLog> {
    return tx.maintenanceLog.create({ data: { ...data, tenantId: this.tenantId } });
  }

  async tripPage(tx: FleetTx, vehicleId: string, query: PageWindow): Promise<Page<Trip>> {
    const where = { tenantId: this.tenantId, vehicleId };
    const rows = await tx.trip.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.trip.count({ where }) };
  }

  async fuelPage(tx: FleetTx, vehicleId: string, query: PageWindow): Promise<Page<FuelLog>> {
    const where = { tenantId: this.tenantId, vehicleId };
    const rows = await tx.fuelLog.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.fuelLog.count({ where }) };
  }

  async maintenancePage(tx: FleetTx, vehicleId: string, query: PageWindow): Promise<Page<MaintenanceLog>> {
    const where = { tenantId: this.tenantId, vehicleId };
    const rows = await tx.maintenanceLog.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.maintenanceLog.count({ where }) };
  }

  /** Fuel plus maintenance costs per vehicle and currency on the days from..to (either open): one statement. */
  costSums(tx: FleetTx, vehicleIds: readonly string[], from: Date | null, to: Date | null): Promise<CostSum[]> {
    return tx.$queryRaw<CostSum[]>`
      SELECT vehicle_id::text AS "vehicleId", currency::text AS currency, SUM(cost)::text AS total
      FROM (
        SELECT vehicle_id, currency, cost, date FROM fuel_logs WHERE tenant_id = ${this.tenantId}::uuid AND vehicle_id = ANY(${[...vehicleIds]}::uuid[])
        UNION ALL
        SELECT vehicle_id, currency, cost, date FROM maintenance_logs WHERE tenant_id = ${this.tenantId}::uuid AND vehicle_id = ANY(${[...vehicleIds]}::uuid[])
      ) costs
      WHERE (${from}::date IS NULL OR date >= ${from}::date) AND (${to}::date IS NULL OR date <= ${to}::date)
      GROUP BY vehicle_id, currency`;
  }
}
