import type { DriverAssignment, Vehicle } from '../generated/prisma/client.js';
import type { FleetTx } from '../db.js';

/** A vehicle together with the employee it was fetched for. */
export type AssignedVehicle = Vehicle & { employeeId: string };

/** SQL access to driver assignments, always filtered by the tenant. */
export class AssignmentRepository {
  constructor(private readonly tenantId: string) {}

  listByVehicleIds(tx: FleetTx, vehicleIds: readonly string[]): Promise<DriverAssignment[]> {
    return tx.driverAssignment.findMany({
      where: { tenantId: this.tenantId, vehicleId: { in: [...vehicleIds] } },
      orderBy: [{ assignedAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The vehicles (not retired) the employees are assigned to, oldest assignment first: one statement. */
  listVehiclesByEmployeeIds(tx: FleetTx, employeeIds: readonly string[]): Promise<AssignedVehicle[]> {
    return tx.$queryRaw<AssignedVehicle[]>`
      SELECT a.employee_id AS "employeeId", v.id, v.tenant_id AS "tenantId", v.plate, v.normalized_plate AS "normalizedPlate",
             v.vin, v.make, v.model, v.year, v.odometer, v.odometer_unit::text AS "odometerUnit", v.currency,
             v.status::text AS status, v.retired_at AS "retiredAt", v.created_at AS "createdAt", v.updated_at AS "updatedAt"
      FROM driver_assignments a
      JOIN vehicles v ON v.tenant_id = a.tenant_id AND v.id = a.vehicle_id
      WHERE a.tenant_id = ${this.tenantId}::uuid AND a.employee_id = ANY(${[...employeeIds]}::uuid[]) AND v.status <> 'RETIRED'
      ORDER BY a.assigned_at, a.id`;
  }

  async isAssigned(tx: FleetTx, vehicleId: string, employeeId: string): Promise<boolean> {
    const found = await tx.driverAssignment.findFirst({ where: { tenantId: this.tenantId, vehicleId, employeeId }, select: { id: true } });
    return found !== null;
  }

  /** Assigns the employee; assigning twice changes nothing. */
  async assign(tx: FleetTx, vehicleId: string, employeeId: string): Promise<void> {
    await tx.driverAssignment.createMany({ data: [{ tenantId: this.tenantId, vehicleId, employeeId }], skipDuplicates: true });
  }

  /** Ends the assignment; whether there was one. */
  async unassign(tx: FleetTx, vehicleId: string, employeeId: string): Promise<boolean> {
    const { count } = await tx.driverAssignment.deleteMany({ where: { tenantId: this.tenantId, vehicleId, employeeId } });
    return count > 0;
  }

  async unassignAll(tx: FleetTx, vehicleId: string): Promise<void> {
    await tx.driverAssignment.deleteMany({ where: { tenantId: this.tenantId, vehicleId } });
  }
}
