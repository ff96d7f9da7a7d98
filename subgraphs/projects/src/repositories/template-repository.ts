import type { Page, PageWindow } from '@tessera/service-kit';
import type { ProjectTemplate } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';

/** SQL access to project templates and the tenant's projects settings, always filtered by the tenant. */
export class TemplateRepository {
  constructor(private readonly tenantId: string) {}

  findById(tx: ProjectsTx, id: string): Promise<ProjectTemplate | null> {
    return tx.projectTemplate.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  async page(tx: ProjectsTx, query: PageWindow): Promise<Page<ProjectTemplate>> {
    const where = { tenantId: this.tenantId };
    const rows = await tx.projectTemplate.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.projectTemplate.count({ where }) };
  }

  create(tx: ProjectsTx, data: { name: string; columns: string[]; taskTitles: string[] }): Promise<ProjectTemplate> {
    return tx.projectTemplate.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** The tenant's deal-won template, if one is set. */
  async dealWonTemplate(tx: ProjectsTx): Promise<ProjectTemplate | null> {
    const settings = await tx.projectSettings.findFirst({ where: { tenantId: this.tenantId }, include: { dealWonTemplate: true } });
    return settings?.dealWonTemplate ?? null;
  }

  async setDealWonTemplate(tx: ProjectsTx, templateId: string | null): Promise<void> {
    await tx.projectSettings.upsert({
      where: { tenantId: this.tenantId },
      create: { tenantId: this.tenantId, dealWonTemplateId: templateId },
      update: { dealWonTemplateId: templateId },
    });
  }
}
