import type { Decimal, Page, PageWindow } from '@tessera/service-kit';
import type { Prisma, Service } from '../generated/prisma/client.js';
import type { BookingTx } from '../db.js';

export interface ServiceData {
  name: string;
  durationMinutes: number;
  priceAmount: Decimal;
  priceCurrency: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  active: boolean;
}

/** SQL access to the tenant's services, in the caller's transaction, always filtered by the tenant. */
export class ServiceRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: BookingTx, ids: string[]): Promise<Service[]> {
    return tx.service.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** The services each of these resources offers (with the resource id), oldest service first, in one statement. */
  listByResourceIds(tx: BookingTx, resourceIds: string[]): Promise<{ resourceId: string; service: Service }[]> {
    return tx.resourceService.findMany({
      where: { tenantId: this.tenantId, resourceId: { in: resourceIds } },
      select: { resourceId: true, service: true },
      orderBy: { serviceId: 'asc' },
    });
  }

  async page(tx: BookingTx, query: PageWindow & { active: boolean | null }): Promise<Page<Service>> {
    const where: Prisma.ServiceWhereInput = { tenantId: this.tenantId };
    if (query.active !== null) where.active = query.active;
    const rows = await tx.service.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.service.count({ where }) };
  }

  findById(tx: BookingTx, id: string): Promise<Service | null> {
    return tx.service.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** How many of these ids are services of the tenant. */
  countExisting(tx: BookingTx, ids: readonly string[]): Promise<number> {
    return tx.service.count({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  create(tx: BookingTx, data: ServiceData): Promise<Service> {
    return tx.service.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** Changes a service; null when the tenant has no such service. */
  async update(tx: BookingTx, id: string, data: Partial<ServiceData>): Promise<Service | null> {
    const [updated] = await tx.service.updateManyAndReturn({ where: { tenantId: this.tenantId, id }, data });
    return updated ?? null;
  }
}
