import type { EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import type { __Entity__ } from '../generated/prisma/client.js';

/** The payload of `__module__.item.created` for an item. */
export const itemCreatedData = (item: Pick<__Entity__, 'name'>) => ({ name: item.name });

/** Records __Title__'s events, in the transaction of the change. */
export class __Module__Events {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  itemCreated(tx: SqlExecutor, item: __Entity__): Promise<EventEnvelope<'__module__.item.created'>> {
    return this.outbox.record(tx, {
      type: '__module__.item.created',
      tenantId: this.tenantId,
      subjectId: item.id,
      data: itemCreatedData(item),
    });
  }
}
