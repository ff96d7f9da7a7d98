import type { BoardColumn, Milestone } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';

/** SQL access to board columns and milestones, always filtered by the tenant. */
export class BoardRepository {
  constructor(private readonly tenantId: string) {}

  columnsByIds(tx: ProjectsTx, ids: readonly string[]): Promise<BoardColumn[]> {
    return tx.boardColumn.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  columnsOfProjects(tx: ProjectsTx, projectIds: readonly string[]): Promise<BoardColumn[]> {
    return tx.boardColumn.findMany({
      where: { tenantId: this.tenantId, projectId: { in: [...projectIds] } },
      orderBy: { position: 'asc' },
    });
  }

  /** Appends columns after the project's last one, in the given order. */
  async appendColumns(tx: ProjectsTx, projectId: string, names: readonly string[]): Promise<BoardColumn[]> {
    const last = await tx.boardColumn.findFirst({ where: { tenantId: this.tenantId, projectId }, orderBy: { position: 'desc' } });
    const start = last ? last.position + 1 : 0;
    return tx.boardColumn.createManyAndReturn({
      data: names.map((name, index) => ({ tenantId: this.tenantId, projectId, name, position: start + index })),
    });
  }

  milestonesByIds(tx: ProjectsTx, ids: readonly string[]): Promise<Milestone[]> {
    return tx.milestone.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  milestonesOfProjects(tx: ProjectsTx, projectIds: readonly string[]): Promise<Milestone[]> {
    return tx.milestone.findMany({ where: { tenantId: this.tenantId, projectId: { in: [...projectIds] } }, orderBy: { id: 'asc' } });
  }

  findMilestone(tx: ProjectsTx, id: string): Promise<Milestone | null> {
    return tx.milestone.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  createMilestone(tx: ProjectsTx, data: { projectId: string; name: string; dueDate: Date | null }): Promise<Milestone> {
    return tx.milestone.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** Marks the milestone done only if it is not yet (concurrent completions cannot both win). */
  async complete(tx: ProjectsTx, id: string, at: Date): Promise<Milestone | null> {
    const [updated] = await tx.milestone.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, done: false },
      data: { done: true, completedAt: at },
    });
    return updated ?? null;
  }
}
