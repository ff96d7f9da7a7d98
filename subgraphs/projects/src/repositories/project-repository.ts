import { containsInsensitive } from '@tessera/prisma';
import { listCountWhere, listFindArgs, type ListWindow, type Page } from '@tessera/service-kit';
import type { Prisma, Project, ProjectStatus } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';

export interface ProjectFilterQuery {
  statuses: readonly ProjectStatus[] | null;
  contactId: string | null;
  search: string | null;
}

export interface NewProject {
  name: string;
  description: string | null;
  contactId: string | null;
  dealId?: string | null;
  startDate: Date | null;
  dueDate: Date | null;
}

export type ProjectChange = Partial<Omit<NewProject, 'dealId'>>;

/** SQL access to projects, always filtered by the tenant. */
export class ProjectRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: ProjectsTx, ids: readonly string[]): Promise<Project[]> {
    return tx.project.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: ProjectsTx, id: string): Promise<Project | null> {
    return tx.project.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  findByDealId(tx: ProjectsTx, dealId: string): Promise<Project | null> {
    return tx.project.findFirst({ where: { tenantId: this.tenantId, dealId } });
  }

  /**
   * Locks the project's row until the transaction ends and returns it: every change to its board
   * (task positions, columns) is serialised per project, so concurrent moves keep positions dense.
   */
  async lock(tx: ProjectsTx, id: string): Promise<Project | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM projects WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length === 0 ? null : this.findById(tx, id);
  }

  listByContactIds(tx: ProjectsTx, contactIds: readonly string[]): Promise<Project[]> {
    return tx.project.findMany({ where: { tenantId: this.tenantId, contactId: { in: [...contactIds] } }, orderBy: { id: 'asc' } });
  }

  /** One page of the tenant's projects, oldest first. */
  async page(tx: ProjectsTx, filter: ProjectFilterQuery, query: ListWindow): Promise<Page<Project>> {
    const where: Prisma.ProjectWhereInput = {
      tenantId: this.tenantId,
      ...(filter.statuses ? { status: { in: [...filter.statuses] } } : {}),
      ...(filter.contactId ? { contactId: filter.contactId } : {}),
      ...(filter.search ? { name: containsInsensitive(filter.search) } : {}),
    };
    const rows = await tx.project.findMany(listFindArgs(where, query));
    return { rows, totalCount: await tx.project.count({ where: listCountWhere(where, query) }) };
  }

  create(tx: ProjectsTx, data: NewProject): Promise<Project> {
    return tx.project.create({ data: { ...data, tenantId: this.tenantId } });
  }

  update(tx: ProjectsTx, id: string, change: ProjectChange): Promise<Project> {
    return tx.project.update({ where: { tenantId_id: { tenantId: this.tenantId, id } }, data: change });
  }

  /** Applies the status only if the project is still in `from` (concurrent transitions cannot both win). */
  async transition(tx: ProjectsTx, id: string, from: ProjectStatus, to: ProjectStatus): Promise<Project | null> {
    const [updated] = await tx.project.updateManyAndReturn({ where: { tenantId: this.tenantId, id, status: from }, data: { status: to } });
    return updated ?? null;
  }
}
