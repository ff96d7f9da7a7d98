import type { TenantScope } from '@tessera/prisma';
import { errorsOf, isUuid, listPage, type Connection, type PageArgs, type UserError } from '@tessera/service-kit';
import type { __Module__Tx } from '../db.js';
import { checkName } from '../domain/item-rules.js';
import type { __Module__Events } from '../events/__module__-events.js';
import type { __Entity__ } from '../generated/prisma/client.js';
import type { __Module__Loaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';

/** Items: the rules, validation as user errors, and the unit of work. */
export class ItemService {
  constructor(
    private readonly scope: TenantScope<__Module__Tx>,
    private readonly repositories: Repositories,
    private readonly loaders: __Module__Loaders,
    private readonly events: __Module__Events,
  ) {}

  byId(id: string): Promise<__Entity__ | null> {
    return isUuid(id) ? this.loaders.itemById.load(id) : Promise.resolve(null);
  }

  list(args: PageArgs): Promise<Connection<__Entity__>> {
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.items.page(tx, window)));
  }

  async create(input: { name: string }): Promise<{ item: __Entity__ | null; userErrors: UserError[] }> {
    const name = checkName(input.name);
    const userErrors = errorsOf(name);
    if (!name.ok) return { item: null, userErrors };
    const item = await this.scope.run(async (tx) => {
      const created = await this.repositories.items.create(tx, name.value);
      await this.events.itemCreated(tx, created);
      return created;
    });
    return { item, userErrors: [] };
  }
}

/** What the module's consumer does with its own created event, in the transaction it is given. */
export function confirmItem(tx: __Module__Tx, repositories: Repositories, id: string, at: Date): Promise<void> {
  return repositories.items.confirm(tx, id, at);
}
