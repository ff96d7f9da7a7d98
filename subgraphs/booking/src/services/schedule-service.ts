import {
  type Checked,
  type Connection,
  errorsOf,
  invalid,
  isUuid,
  listPage,
  type References,
  valid,
  type UserError,
} from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Resource } from '../generated/prisma/client.js';
import type {
  CreateResourceInput,
  QueryResourcesArgs,
  RemoveDateOverrideInput,
  SetDateOverrideInput,
  SetResourceServicesInput,
  SetWeeklyAvailabilityInput,
} from '../generated/graphql.js';
import type { BookingTx } from '../db.js';
import type { BookingLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import {
  checkIntervals,
  weekdayName,
  weekdayNumber,
  type DateOverrideDay,
  type MinuteInterval,
  type WeeklyDay,
} from '../domain/availability.js';
import { checkName, checkTimeZone } from '../domain/service-fields.js';
import { formatDate } from '../domain/time-zones.js';
import { refuse, resourceNotFound, serviceNotFound } from '../errors.js';

export interface ResourcePayload {
  resource: Resource | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): ResourcePayload => ({ resource: null, userErrors });

/** Service ids: well-formed, without duplicates (existence is checked in the transaction). */
function checkServiceIds(ids: readonly string[], field: string[]): Checked<string[]> {
  const unique = [...new Set(ids)];
  if (unique.some((id) => !isUuid(id))) return invalid(serviceNotFound(field));
  return valid(unique);
}

/** Resources (staff, rooms, equipment), the services they offer and their availability. */
export class ScheduleService {
  constructor(
    private readonly scope: TenantScope<BookingTx>,
    private readonly repositories: Repositories,
    private readonly loaders: BookingLoaders,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Resource | null> {
    return this.loaders.resourceById.load(id);
  }

  list(args: QueryResourcesArgs): Promise<Connection<Resource>> {
    return listPage(args, (window) =>
      this.scope.run((tx) => this.repositories.resources.page(tx, { ...window, kind: args.filter?.kind ?? null })),
    );
  }

  /** The weekly schedule, Monday first; weekdays without intervals left out. */
  async weeklyAvailability(resourceId: string): Promise<WeeklyDay[]> {
    const days = new Map<number, MinuteInterval[]>();
    for (const row of await this.loaders.weeklyByResourceId.load(resourceId)) {
      const intervals = days.get(row.weekday) ?? [];
      intervals.push({ start: row.startMinute, end: row.endMinute });
      days.set(row.weekday, intervals);
    }
    return [...days].sort(([a], [b]) => a - b).map(([weekday, intervals]) => ({ weekday: weekdayName(weekday), intervals }));
  }

  /** The date overrides from..to (both included, either open), earliest first. */
  async dateOverrides(resourceId: string, from: Date | null, to: Date | null): Promise<DateOverrideDay[]> {
    const overrides = await this.loaders.overridesByResourceId.load(resourceId);
    return overrides
      .filter((override) => (!from || override.date >= from) && (!to || override.date <= to))
      .map((override) => ({ date: override.date, intervals: override.intervals }));
  }

  async create(input: CreateResourceInput): Promise<ResourcePayload> {
    const name = checkName(input.name, ['input', 'name']);
    const timeZone = checkTimeZone(input.timeZone, ['input', 'timeZone']);
    const serviceIds = checkServiceIds(input.serviceIds ?? [], ['input', 'serviceIds']);
    const employeeId = input.employeeId ?? null;
    const employee: Checked<string | null> =
      employeeId === null
        ? valid(null)
        : !isUuid(employeeId)
          ? invalid(refuse('INVALID', 'employeeId must be an HR employee id', ['input', 'employeeId']))
          : input.kind !== 'STAFF'
            ? invalid(refuse('INVALID', 'Only STAFF resources can be an employee', ['input', 'employeeId']))
            : valid(employeeId.toLowerCase());
    if (!name.ok || !timeZone.ok || !serviceIds.ok || !employee.ok) return refused(...errorsOf(name, timeZone, serviceIds, employee));
    const unknown = await this.references.check([{ kind: 'employee', id: employee.value, field: ['input', 'employeeId'] }]);
    if (unknown.length > 0) return refused(...unknown);
    const result = await this.scope.run(async (tx): Promise<ResourcePayload> => {
      if ((await this.repositories.services.countExisting(tx, serviceIds.value)) !== serviceIds.value.length) {
        return refused(serviceNotFound(['input', 'serviceIds']));
      }
      const resource = await this.repositories.resources.create(
        tx,
        { name: name.value, kind: input.kind, employeeId: employee.value, timeZone: timeZone.value },
        serviceIds.value,
      );
      return { resource, userErrors: [] };
    });
    return this.remember(result);
  }

  async setServices(input: SetResourceServicesInput): Promise<ResourcePayload> {
    const serviceIds = checkServiceIds(input.serviceIds, ['input', 'serviceIds']);
    const errors = [...(isUuid(input.resourceId) ? [] : [resourceNotFound()]), ...errorsOf(serviceIds)];
    if (errors.length > 0 || !serviceIds.ok) return refused(...errors);
    return this.changeLocked(input.resourceId, async (tx) => {
      if ((await this.repositories.services.countExisting(tx, serviceIds.value)) !== serviceIds.value.length) {
        return refused(serviceNotFound(['input', 'serviceIds']));
      }
      return { resource: await this.repositories.resources.setServices(tx, input.resourceId, serviceIds.value), userErrors: [] };
    });
  }

  /** Replaces the weekly schedule: each weekday at most once, its intervals valid and not overlapping. */
  async setWeekly(input: SetWeeklyAvailabilityInput): Promise<ResourcePayload> {
    const errors: UserError[] = isUuid(input.resourceId) ? [] : [resourceNotFound()];
    const days = new Map<number, MinuteInterval[]>();
    input.days.forEach((day, index) => {
      const weekday = weekdayNumber(day.weekday);
      if (days.has(weekday)) {
        errors.push(refuse('INVALID', `${day.weekday} is listed more than once`, ['input', 'days', String(index), 'weekday']));
        return;
      }
      const intervals = checkIntervals(day.intervals, ['input', 'days', String(index), 'intervals']);
      if (intervals.ok) days.set(weekday, intervals.value);
      else errors.push(...intervals.errors);
    });
    if (errors.length > 0) return refused(...errors);
    return this.changeLocked(input.resourceId, async (tx) => ({
      resource: await this.repositories.resources.replaceWeekly(tx, input.resourceId, days),
      userErrors: [],
    }));
  }

  /** Sets one date's availability instead of its weekday's (no intervals: closed that day). */
  async setOverride(input: SetDateOverrideInput): Promise<ResourcePayload> {
    const intervals = checkIntervals(input.intervals ?? [], ['input', 'intervals']);
    const errors = [...(isUuid(input.resourceId) ? [] : [resourceNotFound()]), ...errorsOf(intervals)];
    if (errors.length > 0 || !intervals.ok) return refused(...errors);
    return this.changeLocked(input.resourceId, async (tx) => ({
      resource: await this.repositories.resources.setOverride(tx, input.resourceId, input.date, intervals.value),
      userErrors: [],
    }));
  }

  async removeOverride(input: RemoveDateOverrideInput): Promise<ResourcePayload> {
    if (!isUuid(input.resourceId)) return refused(resourceNotFound());
    return this.changeLocked(input.resourceId, async (tx) => {
      if (!(await this.repositories.resources.removeOverride(tx, input.resourceId, input.date))) {
        return refused(refuse('NOT_FOUND', `The resource has no override on ${formatDate(input.date)}`, ['input', 'date']));
      }
      return { resource: await this.repositories.resources.touch(tx, input.resourceId), userErrors: [] };
    });
  }

  /** Runs a change of the resource under a lock on its row (concurrent schedule changes serialise). */
  private async changeLocked(resourceId: string, change: (tx: BookingTx) => Promise<ResourcePayload>): Promise<ResourcePayload> {
    const result = await this.scope.run(async (tx) =>
      (await this.repositories.resources.lock(tx, resourceId)) ? change(tx) : refused(resourceNotFound()),
    );
    return this.remember(result);
  }

  private remember(result: ResourcePayload): ResourcePayload {
    const resource = result.resource;
    if (resource) {
      this.loaders.resourceById.clear(resource.id).prime(resource.id, resource);
      this.loaders.servicesByResourceId.clear(resource.id);
      this.loaders.weeklyByResourceId.clear(resource.id);
      this.loaders.overridesByResourceId.clear(resource.id);
    }
    return result;
  }
}
