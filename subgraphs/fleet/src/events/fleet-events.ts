import type { EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import { isoDay, toMoney } from '@tessera/service-kit';
import type { FuelLog, MaintenanceLog, Trip, Vehicle } from '../generated/prisma/client.js';

/** The facts of a vehicle its events carry. */
export const vehicleFacts = (vehicle: Vehicle) => ({
  plate: vehicle.plate,
  vin: vehicle.vin,
  make: vehicle.make,
  model: vehicle.model,
  year: vehicle.year,
  odometer: vehicle.odometer,
  unit: vehicle.odometerUnit,
  currency: vehicle.currency,
});

/** The payload of `fleet.vehicle.retired`. */
export const vehicleRetiredData = (vehicle: Vehicle) => ({
  ...vehicleFacts(vehicle),
  retiredAt: (vehicle.retiredAt ?? new Date()).toISOString(),
});

/** The payload of `fleet.trip.recorded` (the vehicle gives the distance's unit). */
export const tripRecordedData = (trip: Trip, vehicle: Vehicle) => ({
  vehicleId: trip.vehicleId,
  driverId: trip.driverId,
  startedAt: trip.startedAt.toISOString(),
  endedAt: trip.endedAt.toISOString(),
  startOdometer: trip.startOdometer,
  endOdometer: trip.endOdometer,
  distance: trip.endOdometer - trip.startOdometer,
  unit: vehicle.odometerUnit,
});

/** The payload of `fleet.cost.recorded` for a fuel or maintenance log. */
export const costRecordedData = (kind: 'FUEL' | 'MAINTENANCE', log: FuelLog | MaintenanceLog) => ({
  vehicleId: log.vehicleId,
  kind,
  amount: toMoney(log.cost, log.currency),
  day: isoDay(log.date),
});

/** Records fleet's events in the outbox, in the transaction of the change they describe. */
export class FleetEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  vehicleCreated(tx: SqlExecutor, vehicle: Vehicle): Promise<EventEnvelope<'fleet.vehicle.created'>> {
    return this.outbox.record(tx, {
      type: 'fleet.vehicle.created',
      tenantId: this.tenantId,
      subjectId: vehicle.id,
      data: vehicleFacts(vehicle),
    });
  }

  vehicleRetired(tx: SqlExecutor, vehicle: Vehicle): Promise<EventEnvelope<'fleet.vehicle.retired'>> {
    return this.outbox.record(tx, {
      type: 'fleet.vehicle.retired',
      tenantId: this.tenantId,
      subjectId: vehicle.id,
      data: vehicleRetiredData(vehicle),
    });
  }

  tripRecorded(tx: SqlExecutor, trip: Trip, vehicle: Vehicle): Promise<EventEnvelope<'fleet.trip.recorded'>> {
    return this.outbox.record(tx, {
      type: 'fleet.trip.recorded',
      tenantId: this.tenantId,
      subjectId: trip.id,
      data: tripRecordedData(trip, vehicle),
    });
  }

  costRecorded(
    tx: SqlExecutor,
    kind: 'FUEL' | 'MAINTENANCE',
    log: FuelLog | MaintenanceLog,
  ): Promise<EventEnvelope<'fleet.cost.recorded'>> {
    return this.outbox.record(tx, {
      type: 'fleet.cost.recorded',
      tenantId: this.tenantId,
      subjectId: log.id,
      data: costRecordedData(kind, log),
    });
  }
}
