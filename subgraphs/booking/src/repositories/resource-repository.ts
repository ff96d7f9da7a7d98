import type { Page, PageWindow } from '@tessera/service-kit';
import type { AvailabilityInterval, Prisma, Resource, ResourceKind } from '../generated/prisma/client.js';
import type { BookingTx } from '../db.js';
import type { MinuteInterval } from '../domain/availability.js';

export interface ResourceData {
  name: string;
  kind: ResourceKind;
  employeeId: string | null;
  timeZone: string;
}

/** A date override with its intervals, as stored. */
export interface StoredOverride {
  resourceId: string;
  date: Date;
  intervals: MinuteInterval[];
}

const overrideSelect = {
  resourceId: true,
  date: true,
  intervals: { select: { startMinute: true, endMinute: true }, orderBy: { startMinute: 'asc' } },
} as const satisfies Prisma.DateOverrideSelect;

function toStoredOverride(row: {
  resourceId: string;
  date: Date;
  intervals: { startMinute: number; endMinute: number }[];
}): StoredOverride {
  return { resourceId: row.resourceId, date: row.date, intervals: row.intervals.map((i) => ({ start: i.startMinute, end: i.endMinute })) };
}

/** SQL access to resources, what they offer and their availability, in the caller's transaction, always filtered by the tenant. */
export class ResourceRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: BookingTx, ids: string[]): Promise<Resource[]> {
    return tx.resource.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  async page(tx: BookingTx, query: PageWindow & { kind: ResourceKind | null }): Promise<Page<Resource>> {
    const where: Prisma.ResourceWhereInput = { tenantId: this.tenantId };
    if (query.kind !== null) where.kind = query.kind;
    const rows = await tx.resource.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.resource.count({ where }) };
  }

  /** The date overrides of these resources, earliest first, in one statement. */
  async overridesByResourceIds(tx: BookingTx, resourceIds: string[]): Promise<StoredOverride[]> {
    const rows = await tx.dateOverride.findMany({
      where: { tenantId: this.tenantId, resourceId: { in: resourceIds } },
      select: overrideSelect,
      orderBy: { date: 'asc' },
    });
    return rows.map(toStoredOverride);
  }

  /** The weekly intervals of these resources, by weekday and start, in one statement. */
  weekly(tx: BookingTx, resourceIds: string[]): Promise<AvailabilityInterval[]> {
    return tx.availabilityInterval.findMany({
      where: { tenantId: this.tenantId, resourceId: { in: resourceIds } },
      orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
    });
  }

  /** The resource's overrides on the dates from..to (both included, UTC midnights). */
  async overridesBetween(tx: BookingTx, resourceId: string, from: Date, to: Date): Promise<StoredOverride[]> {
    const rows = await tx.dateOverride.findMany({
      where: { tenantId: this.tenantId, resourceId, date: { gte: from, lte: to } },
      select: overrideSelect,
      orderBy: { date: 'asc' },
    });
    return rows.map(toStoredOverride);
  }

  findById(tx: BookingTx, id: string): Promise<Resource | null> {
    return tx.resource.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** Locks the resource row (FOR UPDATE) for a change of its schedule or services; null if there is none. */
  async lock(tx: BookingTx, id: string): Promise<Resource | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM resources WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length > 0 ? this.findById(tx, id) : null;
  }

  /** Whether the resource offers the service. */
  async offers(tx: BookingTx, resourceId: string, serviceId: string): Promise<boolean> {
    const found = await tx.resourceService.findFirst({
      where: { tenantId: this.tenantId, resourceId, serviceId },
      select: { serviceId: true },
    });
    return found !== null;
  }

  async create(tx: BookingTx, data: ResourceData, serviceIds: readonly string[]): Promise<Resource> {
    const resource = await tx.resource.create({ data: { ...data, tenantId: this.tenantId } });
    if (serviceIds.length > 0) {
      await tx.resourceService.createMany({
        data: serviceIds.map((serviceId) => ({ tenantId: this.tenantId, resourceId: resource.id, serviceId })),
      });
    }
    return resource;
  }

  /** Replaces the services the resource offers; returns the resource with its new updatedAt. */
  async setServices(tx: BookingTx, resourceId: string, serviceIds: readonly string[]): Promise<Resource> {
    await tx.resourceService.deleteMany({ where: { tenantId: this.tenantId, resourceId } });
    if (serviceIds.length > 0) {
      await tx.resourceService.createMany({ data: serviceIds.map((serviceId) => ({ tenantId: this.tenantId, resourceId, serviceId })) });
    }
    return this.touch(tx, resourceId);
  }

  /** Replaces the weekly schedule (intervals by ISO weekday). */
  async replaceWeekly(tx: BookingTx, resourceId: string, days: ReadonlyMap<number, MinuteInterval[]>): Promise<Resource> {
    await tx.availabilityInterval.deleteMany({ where: { tenantId: this.tenantId, resourceId } });
    const data = [...days].flatMap(([weekday, intervals]) =>
      intervals.map((interval) => ({ tenantId: this.tenantId, resourceId, weekday, startMinute: interval.start, endMinute: interval.end })),
    );
    if (data.length > 0) await tx.availabilityInterval.createMany({ data });
    return this.touch(tx, resourceId);
  }

  /** Sets the override of one date (replacing any), with its intervals (none: closed). */
  async setOverride(tx: BookingTx, resourceId: string, date: Date, intervals: readonly MinuteInterval[]): Promise<Resource> {
    await tx.dateOverride.deleteMany({ where: { tenantId: this.tenantId, resourceId, date } });
    const override = await tx.dateOverride.create({ data: { tenantId: this.tenantId, resourceId, date }, select: { id: true } });
    if (intervals.length > 0) {
      await tx.dateOverrideInterval.createMany({
        data: intervals.map((interval) => ({
          tenantId: this.tenantId,
          overrideId: override.id,
          startMinute: interval.start,
          endMinute: interval.end,
        })),
      });
    }
    return this.touch(tx, resourceId);
  }

  /** Removes the override of one date; whether there was one. */
  async removeOverride(tx: BookingTx, resourceId: string, date: Date): Promise<boolean> {
    const { count } = await tx.dateOverride.deleteMany({ where: { tenantId: this.tenantId, resourceId, date } });
    return count > 0;
  }

  touch(tx: BookingTx, resourceId: string): Promise<Resource> {
    return tx.resource.update({ where: { tenantId_id: { tenantId: this.tenantId, id: resourceId } }, data: { updatedAt: new Date() } });
  }
}
