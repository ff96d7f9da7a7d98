import type DataLoader from 'dataloader';
import { tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { WebhooksTx } from './db.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

/** The request's DataLoaders: one SQL statement per plan step, however many references ask. */
export interface WebhooksLoaders {
  endpointById: DataLoader<string, WebhookEndpoint | null>;
  deliveryById: DataLoader<string, WebhookDelivery | null>;
  attemptsByDelivery: DataLoader<string, WebhookAttempt[]>;
}

export function createLoaders(scope: LoaderScope<WebhooksTx>, repositories: Repositories): WebhooksLoaders {
  const load = tenantLoaders(scope);
  return {
    endpointById: load.byId((tx, ids) => repositories.endpoints.findByIds(tx, ids)),
    deliveryById: load.byId((tx, ids) => repositories.deliveries.findByIds(tx, ids)),
    attemptsByDelivery: load.byParent(
      (tx, ids) => repositories.deliveries.attemptsOf(tx, ids),
      (attempt) => attempt.deliveryId,
    ),
  };
}
