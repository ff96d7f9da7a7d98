import { containsInsensitive } from '@tessera/prisma';
import { listCountWhere, listFindArgs, type ListWindow, type Page } from '@tessera/service-kit';
import type { DistanceUnit, Prisma, Vehicle, VehicleStatus } from '../generated/prisma/client.js';
import type { FleetTx } from '../db.js';

export interface NewVehicle {
  plate: string;
  normalizedPlate: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  odometer: number;
  odometerUnit: DistanceUnit;
  currency: string;
}

export interface VehicleChange {
  plate?: string;
  normalizedPlate?: string;
  vin?: string;
  make?: string;
  model?: string;
  year?: number;
  status?: VehicleStatus;
}

export interface VehicleListFilter {
  statuses: VehicleStatus[] | null;
  search: string | null;
}

/** SQL access to vehicles, always filtered by the tenant. */
export class VehicleRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: FleetTx, ids: readonly string[]): Promise<Vehicle[]> {
    return tx.vehicle.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: FleetTx, id: string): Promise<Vehicle | null> {
    return tx.vehicle.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** A vehicle by id, locked (FOR UPDATE) until the transaction ends. */
  async lock(tx: FleetTx, id: string): Promise<Vehicle | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM vehicles WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length === 0 ? null : this.findById(tx, id);
  }

  /** Another vehicle of the tenant with this plate key or VIN, if any. */
  findClash(tx: FleetTx, normalizedPlate: string | null, vin: string | null, exceptId: string | null): Promise<Vehicle | null> {
    const or: Prisma.VehicleWhereInput[] = [];
    if (normalizedPlate) or.push({ normalizedPlate });
    if (vin) or.push({ vin });
    if (or.length === 0) return Promise.resolve(null);
    return tx.vehicle.findFirst({ where: { tenantId: this.tenantId, OR: or, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  }

  async page(tx: FleetTx, filter: VehicleListFilter, query: ListWindow): Promise<Page<Vehicle>> {
    const where: Prisma.VehicleWhereInput = {
      tenantId: this.tenantId,
      ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
      ...(filter.search
        ? {
            OR: [
              { plate: containsInsensitive(filter.search) },
              { normalizedPlate: containsInsensitive(filter.search.replace(/[\s-]/g, '')) },
              { vin: containsInsensitive(filter.search) },
              { make: containsInsensitive(filter.search) },
              { model: containsInsensitive(filter.search) },
            ],
          }
        : {}),
    };
    const rows = await tx.vehicle.findMany(listFindArgs(where, query));
    return { rows, totalCount: await tx.vehicle.count({ where: listCountWhere(where, query) }) };
  }

  create(tx: FleetTx, data: NewVehicle): Promise<Vehicle> {
    return tx.vehicle.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** Changes a vehicle that is not retired; null when there is none (a conditional UPDATE). */
  async update(tx: FleetTx, id: string, change: VehicleChange): Promise<Vehicle | null> {
    const [updated] = await tx.vehicle.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, status: { not: 'RETIRED' } },
      data: change,
    });
    return updated ?? null;
  }

  /** Retires a vehicle that is not retired yet; null when there is none. */
  async retire(tx: FleetTx, id: string, at: Date): Promise<Vehicle | null> {
    const [updated] = await tx.vehicle.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, status: { not: 'RETIRED' } },
      data: { status: 'RETIRED', retiredAt: at },
    });
    return updated ?? null;
  }

  /**
   * Moves the vehicle's odometer to `to`, only if its current reading is at most `notAbove` and its
   * status is one of `statuses`: one conditional UPDATE, so of two transactions starting from the
   * same reading the second (which waits for the first's row lock, then re-reads the row) finds the
   * reading already moved past it and changes nothing. Null when refused.
   */
  async advanceOdometer(tx: FleetTx, id: string, notAbove: number, to: number, statuses: VehicleStatus[]): Promise<Vehicle | null> {
    const [updated] = await tx.vehicle.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, odometer: { lte: notAbove }, status: { in: statuses } },
      data: { odometer: to },
    });
    return updated ?? null;
  }
}
