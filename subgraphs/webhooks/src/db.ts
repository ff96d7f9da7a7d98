import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The Webhooks database client (typed with the query log event, so tests can count statements). */
export type WebhooksDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type WebhooksTx = Parameters<Parameters<WebhooksDb['$transaction']>[0]>[0];

/** The Webhooks database client, connected as the non-owner app role (row-level security applies). */
export function createWebhooksDb(options: ModuleClientOptions = {}): WebhooksDb {
  return new PrismaClient(moduleClientOptions('webhooks', options)) as WebhooksDb;
}
