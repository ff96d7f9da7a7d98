import { type Connection, ErrorCode, errorsOf, isUuid, listPage, type PageArgs, TesseraError, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { ServiceReminder } from '../generated/prisma/client.js';
import type { SetServiceReminderInput } from '../generated/graphql.js';
import type { FleetTx } from '../db.js';
import type { FleetLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { checkIntervals, checkServiceKind, dayOf, dueOf, isDueWithin, nextDue } from '../domain/service-schedule.js';
import { checkReading } from '../domain/vehicle-fields.js';
import { refuse, vehicleNotFound, vehicleRetired } from '../errors.js';

export interface SetServiceReminderPayload {
  serviceReminder: ServiceReminder | null;
  userErrors: UserError[];
}

const DAY_MS = 86_400_000;
const MAX_HORIZON = 100_000;

/** Service reminders: set per vehicle and kind, due by date and/or distance from the last service. */
export class ReminderService {
  constructor(
    private readonly scope: TenantScope<FleetTx>,
    private readonly repositories: Repositories,
    private readonly loaders: FleetLoaders,
    private readonly now: () => Date,
  ) {}

  ofVehicle(vehicleId: string): Promise<ServiceReminder[]> {
    return this.loaders.remindersByVehicleId.load(vehicleId);
  }

  async next(vehicleId: string, odometer: number): Promise<ServiceReminder | null> {
    return nextDue(await this.loaders.remindersByVehicleId.load(vehicleId), odometer, this.now());
  }

  /** The distance left from the vehicle's current reading to the due reading; null if due by time only. */
  async remainingDistance(reminder: ServiceReminder): Promise<number | null> {
    if (reminder.dueOdometer === null) return null;
    const vehicle = await this.loaders.vehicleById.load(reminder.vehicleId);
    return vehicle ? reminder.dueOdometer - vehicle.odometer : null;
  }

  async isDue(reminder: ServiceReminder): Promise<boolean> {
    const vehicle = await this.loaders.vehicleById.load(reminder.vehicleId);
    return vehicle ? isDueWithin(reminder, vehicle.odometer, this.now()) : false;
  }

  due(args: PageArgs & { withinDays?: number | null; withinDistance?: number | null }): Promise<Connection<ServiceReminder>> {
    const withinDays = args.withinDays ?? 0;
    const withinDistance = args.withinDistance ?? 0;
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_HORIZON) {
      throw new TesseraError(ErrorCode.BAD_USER_INPUT, `withinDays must be between 0 and ${MAX_HORIZON}`);
    }
    if (!Number.isInteger(withinDistance) || withinDistance < 0 || withinDistance > 10_000_000) {
      throw new TesseraError(ErrorCode.BAD_USER_INPUT, 'withinDistance must be between 0 and 10000000');
    }
    const horizon = new Date(dayOf(this.now()).getTime() + withinDays * DAY_MS);
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.reminders.duePage(tx, horizon, withinDistance, window)));
  }

  async set(input: SetServiceReminderInput): Promise<SetServiceReminderPayload> {
    const refused = (...userErrors: UserError[]) => ({ serviceReminder: null, userErrors });
    const kind = checkServiceKind(input.kind, ['input', 'kind']);
    const intervals = checkIntervals(input.everyDistance, input.everyMonths, ['input', 'everyDistance']);
    const lastReading =
      input.lastServiceOdometer == null ? undefined : checkReading(input.lastServiceOdometer, ['input', 'lastServiceOdometer']);
    const errors = errorsOf(kind, intervals, lastReading);
    const today = dayOf(this.now());
    if (input.lastServiceDate && input.lastServiceDate.getTime() > today.getTime()) {
      errors.push(refuse('INVALID', 'The last service cannot be in the future', ['input', 'lastServiceDate']));
    }
    if (!isUuid(input.vehicleId)) errors.unshift(vehicleNotFound());
    if (errors.length > 0 || !kind.ok || !intervals.ok) return refused(...errors);
    const result = await this.scope.run(async (tx): Promise<ServiceReminder | UserError> => {
      const vehicle = await this.repositories.vehicles.findById(tx, input.vehicleId);
      if (!vehicle) return vehicleNotFound();
      if (vehicle.status === 'RETIRED') return vehicleRetired();
      const lastServiceOdometer = lastReading?.ok ? lastReading.value : vehicle.odometer;
      if (lastServiceOdometer > vehicle.odometer) {
        return refuse('INVALID', `The last service reading cannot be above the current odometer (${vehicle.odometer})`, [
          'input',
          'lastServiceOdometer',
        ]);
      }
      const schedule = { ...intervals.value, lastServiceDate: input.lastServiceDate ?? today, lastServiceOdometer };
      return this.repositories.reminders.upsert(tx, vehicle.id, kind.value, { ...schedule, ...dueOf(schedule) });
    });
    if ('code' in result) return refused(result);
    return { serviceReminder: result, userErrors: [] };
  }
}
