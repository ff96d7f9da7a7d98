import type { Outbox } from '@tessera/events';
import type { FuelLog, MaintenanceLog, Trip, Vehicle } from '../generated/prisma/client.js';
import type { FleetTx } from '../db.js';
import { toMoney } from '../domain/money.js';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Records fleet's domain events in the transaction of the change they describe. */
export class FleetEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  async vehicleCreated(tx: FleetTx, vehicle: Vehicle): Promise<void> {
    await this.outbox.record(tx, {
      type: 'fleet.vehicle.created',
      tenantId: this.tenantId,
      subjectId: vehicle.id,
      data: this.vehicleFacts(vehicle),
    });
  }

  async vehicleRetired(tx: FleetTx, vehicle: Vehicle): Promise<void> {
    await this.outbox.record(tx, {
      type: 'fleet.vehicle.retired',
      tenantId: this.tenantId,
      subjectId: vehicle.id,
      data: { ...this.vehicleFacts(vehicle), retiredAt: (vehicle.retiredAt ?? new Date()).toISOString() },
    });
  }

  async tripRecorded(tx: FleetTx, trip: Trip, vehicle: Vehicle): Promise<void> {
    await this.outbox.record(tx, {
      type: 'fleet.trip.recorded',
      tenantId: this.tenantId,
      subjectId: trip.id,
      data: {
        vehicleId: trip.vehicleId,
        driverId: trip.driverId,
        startedAt: trip.startedAt.toISOString(),
        endedAt: trip.endedAt.toISOString(),
        startOdometer: trip.startOdometer,
        endOdometer: trip.endOdometer,
        distance: trip.endOdometer - trip.startOdometer,
        unit: vehicle.odometerUnit,
      },
    });
  }

  async costRecorded(tx: FleetTx, kind: 'FUEL' | 'MAINTENANCE', log: FuelLog | MaintenanceLog): Promise<void> {
    await this.outbox.record(tx, {
      type: 'fleet.cost.recorded',
      tenantId: this.tenantId,
      subjectId: log.id,
      data: { vehicleId: log.vehicleId, kind, amount: toMoney(log.cost, log.currency), day: isoDay(log.date) },
    });
  }

  private vehicleFacts(vehicle: Vehicle) {
    return {
      plate: vehicle.plate,
      vin: vehicle.vin,
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      odometer: vehicle.odometer,
      unit: vehicle.odometerUnit,
      currency: vehicle.currency,
    };
  }
}
