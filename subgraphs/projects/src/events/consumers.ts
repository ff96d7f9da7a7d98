import { defineConsumer, subjectUuid, type ConsumerDefinition, type Outbox } from '@tessera/events';
import type { ProjectsTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { DealWonProjects } from '../services/deal-won-projects.js';
import { ProjectsEvents } from './projects-events.js';

export interface ProjectsConsumerDeps {
  /** The projects module's outbox: the events the handlers record (projects.project.created). */
  outbox: Outbox;
}

/** The services a handler calls, bound to the event's tenant (never another). */
function forTenant(tenantId: string, deps: ProjectsConsumerDeps) {
  return { dealWonProjects: new DealWonProjects(createRepositories(tenantId), new ProjectsEvents(deps.outbox, tenantId)) };
}

/**
 * The projects module's reactions to other modules' events, one durable consumer each, thin: each
 * maps the event to a service call in the transaction the event framework opened for the event's
 * tenant. A subject id that is not a UUID is a malformed event (InvalidEventError: dead letters).
 */
export function projectsConsumers(deps: ProjectsConsumerDeps): ConsumerDefinition<ProjectsTx>[] {
  return [
    defineConsumer<ProjectsTx, 'crm.deal.won'>({
      name: 'projects-deal-won',
      type: 'crm.deal.won',
      handle: async (tx, event) => {
        await forTenant(event.tenantId, deps).dealWonProjects.dealWon(tx, {
          dealId: subjectUuid(event),
          title: event.data.title,
          contactId: event.data.contactId,
        });
      },
    }),
  ];
}
