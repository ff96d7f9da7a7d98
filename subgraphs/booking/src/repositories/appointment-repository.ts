import { listCountWhere, listFindArgs, type Decimal, type ListWindow, type Page } from '@tessera/service-kit';
import type { Appointment, AppointmentStatus, Prisma } from '../generated/prisma/client.js';
import type { BookingTx } from '../db.js';
import type { TimeRange } from '../domain/availability.js';
import { UPCOMING_STATUSES } from '../domain/appointment-rules.js';

export interface AppointmentData {
  serviceId: string;
  resourceId: string;
  contactId: string;
  startsAt: Date;
  endsAt: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  blockedFrom: Date;
  blockedUntil: Date;
  priceAmount: Decimal;
  priceCurrency: string;
}

export interface AppointmentFilterQuery {
  resourceId: string | null;
  serviceId: string | null;
  contactId: string | null;
  statuses: AppointmentStatus[] | null;
  startsFrom: Date | null;
  startsBefore: Date | null;
}

export type AppointmentChange = Pick<
  Prisma.AppointmentUpdateManyMutationInput,
  'status' | 'confirmedAt' | 'cancelledAt' | 'cancellationReason' | 'completedAt' | 'noShowAt'
>;

/** SQL access to appointments, in the caller's transaction, always filtered by the tenant. */
export class AppointmentRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: BookingTx, ids: string[]): Promise<Appointment[]> {
    return tx.appointment.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /**
   * The appointments of these contacts, soonest first, in one statement; with `upcomingFrom` only
   * REQUESTED or CONFIRMED ones starting at or after it.
   */
  listByContactIds(tx: BookingTx, contactIds: string[], upcomingFrom: Date | null): Promise<Appointment[]> {
    const where: Prisma.AppointmentWhereInput = { tenantId: this.tenantId, contactId: { in: contactIds } };
    if (upcomingFrom) {
      where.startsAt = { gte: upcomingFrom };
      where.status = { in: [...UPCOMING_STATUSES] };
    }
    return tx.appointment.findMany({ where, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
  }

  async page(tx: BookingTx, query: ListWindow & AppointmentFilterQuery): Promise<Page<Appointment>> {
    const where: Prisma.AppointmentWhereInput = { tenantId: this.tenantId };
    if (query.resourceId) where.resourceId = query.resourceId;
    if (query.serviceId) where.serviceId = query.serviceId;
    if (query.contactId) where.contactId = query.contactId;
    if (query.statuses) where.status = { in: query.statuses };
    if (query.startsFrom || query.startsBefore) {
      where.startsAt = {
        ...(query.startsFrom ? { gte: query.startsFrom } : {}),
        ...(query.startsBefore ? { lt: query.startsBefore } : {}),
      };
    }
    const rows = await tx.appointment.findMany(listFindArgs(where, query));
    return { rows, totalCount: await tx.appointment.count({ where: listCountWhere(where, query) }) };
  }

  /** The ranges the resource's live (not CANCELLED) appointments block that overlap `range`. */
  async busyRanges(tx: BookingTx, resourceId: string, range: TimeRange): Promise<TimeRange[]> {
    const rows = await tx.appointment.findMany({
      where: {
        tenantId: this.tenantId,
        resourceId,
        status: { not: 'CANCELLED' },
        blockedFrom: { lt: range.until },
        blockedUntil: { gt: range.from },
      },
      select: { blockedFrom: true, blockedUntil: true },
      orderBy: { blockedFrom: 'asc' },
    });
    return rows.map((row) => ({ from: row.blockedFrom, until: row.blockedUntil }));
  }

  findById(tx: BookingTx, id: string): Promise<Appointment | null> {
    return tx.appointment.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  create(tx: BookingTx, data: AppointmentData): Promise<Appointment> {
    return tx.appointment.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /**
   * Moves the appointment only if it is in one of `fromStatuses` (and, with `startedBy`, has started
   * by then): one conditional UPDATE, so two concurrent transitions cannot both succeed.
   */
  async transition(
    tx: BookingTx,
    id: string,
    fromStatuses: readonly AppointmentStatus[],
    startedBy: Date | null,
    change: AppointmentChange,
  ): Promise<Appointment | null> {
    const [updated] = await tx.appointment.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, status: { in: [...fromStatuses] }, ...(startedBy ? { startsAt: { lte: startedBy } } : {}) },
      data: change,
    });
    return updated ?? null;
  }
}
