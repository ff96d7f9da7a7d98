import type { Project } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';
import type { Repositories } from '../repositories/index.js';
import type { ProjectsEvents } from '../events/projects-events.js';
import { createProjectWithBoard } from './project-factory.js';

/** What a won deal says, as the deal-won consumer needs it. */
export interface WonDeal {
  dealId: string;
  title: string;
  contactId: string;
}

/**
 * Creates the project of a won deal from the tenant's deal-won template: at most one per deal
 * (the unique (tenant_id, deal_id) makes a second one impossible even if the inbox let a
 * redelivery through). No template: nothing happens.
 */
export class DealWonProjects {
  constructor(
    private readonly repositories: Repositories,
    private readonly events: ProjectsEvents,
  ) {}

  async dealWon(tx: ProjectsTx, deal: WonDeal): Promise<Project | null> {
    const template = await this.repositories.templates.dealWonTemplate(tx);
    if (!template) return null;
    const existing = await this.repositories.projects.findByDealId(tx, deal.dealId);
    if (existing) return existing;
    const name = deal.title.trim().slice(0, 200) || template.name;
    return createProjectWithBoard(tx, this.repositories, this.events, {
      name,
      description: null,
      contactId: deal.contactId,
      dealId: deal.dealId,
      startDate: null,
      dueDate: null,
      columns: template.columns,
      taskTitles: template.taskTitles,
    });
  }
}
