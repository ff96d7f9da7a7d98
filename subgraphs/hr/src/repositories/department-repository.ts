import type { Page, PageWindow } from '@tessera/service-kit';
import { containsInsensitive } from '@tessera/prisma';
import type { Department, Prisma } from '../generated/prisma/client.js';
import type { HrTx } from '../db.js';

export interface DepartmentData {
  name: string;
  /** the unique key per tenant: the trimmed, lower-cased name */
  normalizedName: string;
  headId: string | null;
}

/** Departments: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class DepartmentRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: HrTx, ids: string[]): Promise<Department[]> {
    return tx.department.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** One page of the tenant's departments, optionally those whose name contains `search`. */
  async page(tx: HrTx, query: PageWindow & { search: string | null }): Promise<Page<Department>> {
    const where: Prisma.DepartmentWhereInput = { tenantId: this.tenantId };
    if (query.search) where.name = containsInsensitive(query.search);
    const rows = await tx.department.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    const totalCount = await tx.department.count({ where });
    return { rows, totalCount };
  }

  findById(tx: HrTx, id: string): Promise<Department | null> {
    return tx.department.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** Whether another department of the tenant has this normalized name. */
  async nameTaken(tx: HrTx, normalizedName: string, exceptId: string): Promise<boolean> {
    const other = await tx.department.findFirst({
      where: { tenantId: this.tenantId, normalizedName, id: { not: exceptId } },
      select: { id: true },
    });
    return other !== null;
  }

  /** Inserts a department unless the name is taken (ON CONFLICT DO NOTHING); null when taken. */
  async insertIfNameFree(tx: HrTx, data: DepartmentData): Promise<Department | null> {
    const [created] = await tx.department.createManyAndReturn({ data: [{ ...data, tenantId: this.tenantId }], skipDuplicates: true });
    return created ?? null;
  }

  /** Changes a department; null when there is none with that id in the tenant. */
  async update(tx: HrTx, id: string, change: Partial<DepartmentData>): Promise<Department | null> {
    const [updated] = await tx.department.updateManyAndReturn({ where: { tenantId: this.tenantId, id }, data: change });
    return updated ?? null;
  }

  /** Removes an employee as head of every department they lead; returns the departments changed. */
  clearHead(tx: HrTx, headId: string): Promise<Department[]> {
    return tx.department.updateManyAndReturn({ where: { tenantId: this.tenantId, headId }, data: { headId: null } });
  }
}
