/** The fleet module's event contracts (subjectId: the entity the event is about). */
import { z } from 'zod';
import { day, instant, money, uuid } from './shared.js';

const distanceUnit = z.enum(['KM', 'MI']);
/** An odometer reading or a distance: whole units of the vehicle's odometer (km or miles). */
const reading = z.number().int().nonnegative();

/** A vehicle as fleet's vehicle events describe it (subjectId is the vehicle id). */
const vehicleFacts = z.object({
  plate: z.string(),
  vin: z.string(),
  make: z.string(),
  model: z.string(),
  year: z.number().int(),
  odometer: reading,
  unit: distanceUnit,
  currency: z.string(),
});

export const fleetEvents = {
  'fleet.vehicle.created': { version: 1, data: vehicleFacts },
  'fleet.vehicle.retired': { version: 1, data: vehicleFacts.extend({ retiredAt: instant }) },
  // subjectId is the trip id; distance = endOdometer - startOdometer, in the vehicle's unit.
  'fleet.trip.recorded': {
    version: 1,
    data: z.object({
      vehicleId: uuid,
      driverId: uuid,
      startedAt: instant,
      endedAt: instant,
      startOdometer: reading,
      endOdometer: reading,
      distance: reading,
      unit: distanceUnit,
    }),
  },
  // subjectId is the fuel or maintenance log id; `day` is the day of the refuelling or the work.
  'fleet.cost.recorded': {
    version: 1,
    data: z.object({ vehicleId: uuid, kind: z.enum(['FUEL', 'MAINTENANCE']), amount: money, day }),
  },
} as const;
