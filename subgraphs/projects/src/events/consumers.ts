import { defineConsumer, type ConsumerDefinition, type EventEnvelope, type Outbox } from '@tessera/events';
import { isUuid } from '@tessera/service-kit';
import type { ProjectsTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { DealWonProjects } from '../services/deal-won-projects.js';
import { ProjectsEvents } from '../services/events.js';

export interface ProjectsConsumerDeps {
  /** The projects module's outbox: the events the handlers record (projects.project.created). */
  outbox: Outbox;
}

/** The event's subject id, which must be a UUID (the deal id). */
function subjectUuid(event: EventEnvelope): string {
  if (!isUuid(event.subjectId)) throw new Error(`${event.type} ${event.id}: subjectId ${event.subjectId} is not a UUID`);
  return event.subjectId;
}

/**
 * The projects module's reactions to other modules' events, one durable consumer each. Each handler
 * runs in a transaction already bound to `event.tenantId` and touches only that tenant.
 */
export function projectsConsumers(deps: ProjectsConsumerDeps): ConsumerDefinition<ProjectsTx>[] {
  return [
    defineConsumer<ProjectsTx, 'crm.deal.won'>({
      name: 'projects-deal-won',
      type: 'crm.deal.won',
      handle: async (tx, event) => {
        const repositories = createRepositories(event.tenantId);
        const events = new ProjectsEvents(deps.outbox, event.tenantId, event.traceparent);
        await new DealWonProjects(repositories, events).dealWon(tx, {
          dealId: subjectUuid(event),
          title: event.data.title,
          contactId: event.data.contactId,
        });
      },
    }),
  ];
}
