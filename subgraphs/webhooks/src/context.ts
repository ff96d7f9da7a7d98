import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { WebhooksDb, WebhooksTx } from './db.js';
import type { WebhooksSettings } from './env.js';
import { createLoaders, type WebhooksLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { EndpointService } from './services/endpoint-service.js';

/** A request's services and loaders, bound to the caller's tenant. */
export interface TenantBound {
  endpoints: EndpointService;
  loaders: WebhooksLoaders;
  now: () => Date;
  settings: WebhooksSettings;
}

export type WebhooksContext = ModuleContext<TenantBound>;

/** Builds the request's services: repositories on the caller's tenant, loaders. */
export function webhooksTenant(settings: WebhooksSettings) {
  return ({ scope, caller, now }: TenantDeps<WebhooksDb, WebhooksTx, unknown>): TenantBound => {
    const repositories = createRepositories(caller.tenantId);
    const loaders = createLoaders(scope, repositories);
    return {
      endpoints: new EndpointService(scope, repositories, loaders, settings, caller.apiKeyId ? (caller.apiKeyModules ?? []) : null),
      loaders,
      now,
      settings,
    };
  };
}

export { bound } from '@tessera/service-kit';
