import type { Page, PageWindow } from '@tessera/service-kit';
import type { ServiceReminder } from '../generated/prisma/client.js';
import type { FleetTx } from '../db.js';
import type { ServiceDue, ServiceSchedule } from '../domain/service-schedule.js';

/** SQL access to service reminders, always filtered by the tenant. */
export class ReminderRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: FleetTx, ids: readonly string[]): Promise<ServiceReminder[]> {
    return tx.serviceReminder.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  listByVehicleIds(tx: FleetTx, vehicleIds: readonly string[]): Promise<ServiceReminder[]> {
    return tx.serviceReminder.findMany({
      where: { tenantId: this.tenantId, vehicleId: { in: [...vehicleIds] } },
      orderBy: { kind: 'asc' },
    });
  }

  /** Creates the vehicle's reminder of this kind or replaces its schedule. */
  upsert(tx: FleetTx, vehicleId: string, kind: string, schedule: ServiceSchedule & ServiceDue): Promise<ServiceReminder> {
    return tx.serviceReminder.upsert({
      where: { tenantId_vehicleId_kind: { tenantId: this.tenantId, vehicleId, kind } },
      create: { tenantId: this.tenantId, vehicleId, kind, ...schedule },
      update: schedule,
    });
  }

  findOne(tx: FleetTx, vehicleId: string, kind: string): Promise<ServiceReminder | null> {
    return tx.serviceReminder.findFirst({ where: { tenantId: this.tenantId, vehicleId, kind } });
  }

  /**
   * One page of the reminders of vehicles not retired that fall due by `horizon` (a day) or within
   * `withinDistance` of their vehicle's current reading, in the order they were set.
   */
  async duePage(tx: FleetTx, horizon: Date, withinDistance: number, query: PageWindow): Promise<Page<ServiceReminder>> {
    const all = await tx.$queryRaw<{ id: string }[]>`
      SELECT r.id::text AS id FROM service_reminders r
      JOIN vehicles v ON v.tenant_id = r.tenant_id AND v.id = r.vehicle_id
      WHERE r.tenant_id = ${this.tenantId}::uuid AND v.status <> 'RETIRED'
        AND ((r.due_date IS NOT NULL AND r.due_date <= ${horizon}::date)
          OR (r.due_odometer IS NOT NULL AND r.due_odometer::bigint <= v.odometer::bigint + ${withinDistance}))
      ORDER BY r.id`;
    // uuid order is the order of their lower-case text
    const afterId = query.afterId;
    const pageIds = (afterId ? all.filter((row) => row.id > afterId) : all).slice(0, query.take + 1).map((row) => row.id);
    const rows = pageIds.length === 0 ? [] : await this.findByIds(tx, pageIds);
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { rows, totalCount: all.length };
  }
}
