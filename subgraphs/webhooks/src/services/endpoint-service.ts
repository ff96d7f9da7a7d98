import { lookup } from 'node:dns/promises';
import type { TenantScope } from '@tessera/prisma';
import { isUuid, listPage, pageWindow, toConnection, type Connection, type PageArgs, type UserError } from '@tessera/service-kit';
import type { WebhooksTx } from '../db.js';
import { checkResolvedHost, checkUrlShape, type Resolve } from '../domain/addresses.js';
import { newSigningSecret, sealSecret } from '../domain/signing.js';
import type { WebhooksSettings } from '../env.js';
import { deliveryNotFound, endpointNotFound, refuse } from '../errors.js';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '../generated/prisma/client.js';
import type { WebhooksLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';

/** After a rotation, the previous secret keeps signing for this long. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

const systemResolve: Resolve = async (host) => (await lookup(host, { all: true })).map((entry) => entry.address);

/** Endpoints and their deliveries: the rules, validation as user errors, and the unit of work. */
export class EndpointService {
  constructor(
    private readonly scope: TenantScope<WebhooksTx>,
    private readonly repositories: Repositories,
    private readonly loaders: WebhooksLoaders,
    private readonly settings: WebhooksSettings,
    /** An API key's modules (its endpoints get only their events); null for a user, who gets the tenant's. */
    private readonly keyModules: readonly string[] | null = null,
    private readonly resolve: Resolve = systemResolve,
  ) {}

  /**
   * Whether the caller may see and manage an endpoint: a user, any of the tenant's; an API key, only
   * one that follows nothing but its own modules' events (the bodies in its log are those modules' data).
   */
  private visible(endpoint: Pick<WebhookEndpoint, 'eventTypes'> | null): boolean {
    return endpoint !== null && this.outsideKeyModules(endpoint.eventTypes).length === 0;
  }

  /** The event types an API key may not follow: `*` and other modules' types (none for a user). */
  private outsideKeyModules(types: readonly string[]): string[] {
    if (!this.keyModules) return [];
    const modules = new Set(this.keyModules.map((key) => key.toLowerCase()));
    return types.filter((type) => type === '*' || !modules.has(type.split('.')[0]!));
  }

  async byId(id: string): Promise<WebhookEndpoint | null> {
    const endpoint = isUuid(id) ? await this.loaders.endpointById.load(id) : null;
    return this.visible(endpoint) ? endpoint : null;
  }

  async deliveryById(id: string): Promise<WebhookDelivery | null> {
    const delivery = isUuid(id) ? await this.loaders.deliveryById.load(id) : null;
    return delivery && (await this.byId(delivery.endpointId)) ? delivery : null;
  }

  attemptsOf(deliveryId: string): Promise<WebhookAttempt[]> {
    return this.loaders.attemptsByDelivery.load(deliveryId);
  }

  list(args: PageArgs): Promise<Connection<WebhookEndpoint>> {
    if (!this.keyModules) return listPage(args, (window) => this.scope.run((tx) => this.repositories.endpoints.page(tx, window)));
    // An API key's page: the endpoints it may see, in id order (a tenant has few endpoints).
    return listPage(args, async (window) => {
      const all = (await this.scope.run((tx) => this.repositories.endpoints.all(tx))).filter((endpoint) => this.visible(endpoint));
      const after = window.afterId ? all.filter((endpoint) => endpoint.id > window.afterId!) : all;
      return { rows: after.slice(0, window.take + 1), totalCount: all.length };
    });
  }

  async deliveries(endpointId: string, args: PageArgs & { status?: WebhookDeliveryStatus | null }): Promise<Connection<WebhookDelivery>> {
    const window = pageWindow(args);
    const { rows, totalCount } = await this.scope.run((tx) =>
      this.repositories.deliveries.page(tx, endpointId, args.status ?? null, window),
    );
    return toConnection(rows, window, totalCount);
  }

  /** The URL's refusals: its form, and in production the addresses its host resolves to. */
  private async checkUrl(raw: string): Promise<{ url: string } | UserError> {
    const shape = checkUrlShape(raw, this.settings.production);
    if (!('url' in shape)) return refuse(shape.code, shape.message, ['input', 'url']);
    if (this.settings.production) {
      const refusal = await checkResolvedHost(shape.url, this.resolve);
      if (refusal) return refuse(refusal.code, refusal.message, ['input', 'url']);
    }
    return { url: shape.url.toString() };
  }

  private checkEventTypes(types: readonly string[]): { eventTypes: string[] } | UserError {
    const wanted = [...new Set(types.map((type) => type.trim()))];
    if (wanted.length === 0) return refuse('INVALID', 'Name at least one event type, or "*" for all', ['input', 'eventTypes']);
    const unknown = wanted.filter((type) => type !== '*' && !this.settings.offered.includes(type));
    if (unknown.length > 0)
      return refuse('UNKNOWN_EVENT_TYPE', `Not an event type webhooks offer: ${unknown.slice(0, 5).join(', ')}`, ['input', 'eventTypes']);
    // An API key sells access per module: it may follow only its own modules' events, named.
    const outside = this.outsideKeyModules(wanted);
    if (outside.length > 0)
      return refuse(
        'FORBIDDEN',
        `An API key may follow only the event types of its modules (name them; not "*"): ${outside.slice(0, 5).join(', ')}`,
        ['input', 'eventTypes'],
      );
    return { eventTypes: wanted.includes('*') ? ['*'] : wanted.sort() };
  }

  private checkDescription(description: string | null | undefined): { description: string | null } | UserError {
    const text = description?.trim() ?? '';
    if (text.length > 500) return refuse('INVALID', 'The description is at most 500 characters', ['input', 'description']);
    return { description: text.length > 0 ? text : null };
  }

  async create(input: {
    url: string;
    eventTypes: readonly string[];
    description?: string | null;
  }): Promise<{ endpoint: WebhookEndpoint | null; signingSecret: string | null; userErrors: UserError[] }> {
    const url = await this.checkUrl(input.url);
    const types = this.checkEventTypes(input.eventTypes);
    const description = this.checkDescription(input.description);
    const userErrors = [url, types, description].filter((result): result is UserError => 'code' in result);
    if (userErrors.length > 0 || !('url' in url) || !('eventTypes' in types) || !('description' in description))
      return { endpoint: null, signingSecret: null, userErrors };
    const signingSecret = newSigningSecret();
    const endpoint = await this.scope.run((tx) =>
      this.repositories.endpoints.create(tx, {
        url: url.url,
        eventTypes: types.eventTypes,
        description: description.description,
        secret: sealSecret(signingSecret, this.settings.masterKey),
      }),
    );
    return { endpoint, signingSecret, userErrors: [] };
  }

  async update(input: {
    endpointId: string;
    url?: string | null;
    eventTypes?: readonly string[] | null;
    description?: string | null;
    enabled?: boolean | null;
  }): Promise<{ endpoint: WebhookEndpoint | null; userErrors: UserError[] }> {
    if (!isUuid(input.endpointId)) return { endpoint: null, userErrors: [endpointNotFound()] };
    const url = input.url != null ? await this.checkUrl(input.url) : null;
    const types = input.eventTypes != null ? this.checkEventTypes(input.eventTypes) : null;
    const description = input.description !== undefined ? this.checkDescription(input.description) : null;
    const userErrors = [url, types, description].filter((result): result is UserError => result !== null && 'code' in result);
    if (userErrors.length > 0) return { endpoint: null, userErrors };
    return this.scope.run(async (tx) => {
      const current = await this.repositories.endpoints.lock(tx, input.endpointId);
      if (!current || !this.visible(current)) return { endpoint: null, userErrors: [endpointNotFound()] };
      const enabling = input.enabled === true && !current.enabled;
      const disabling = input.enabled === false && current.enabled;
      if (disabling) await this.repositories.deliveries.failPending(tx, current.id, 'endpoint disabled');
      const endpoint = await this.repositories.endpoints.update(tx, current.id, {
        ...(url && 'url' in url ? { url: url.url } : {}),
        ...(types && 'eventTypes' in types ? { eventTypes: types.eventTypes } : {}),
        ...(description && 'description' in description ? { description: description.description } : {}),
        ...(enabling ? { enabled: true, disabledReason: null, failingSince: null } : {}),
        ...(disabling ? { enabled: false, disabledReason: 'Disabled by a user' } : {}),
      });
      return { endpoint, userErrors: [] };
    });
  }

  async delete(endpointId: string): Promise<{ deletedEndpointId: string | null; userErrors: UserError[] }> {
    if (!isUuid(endpointId)) return { deletedEndpointId: null, userErrors: [endpointNotFound()] };
    const deleted = await this.scope.run(async (tx) => {
      const current = await this.repositories.endpoints.lock(tx, endpointId);
      return current !== null && this.visible(current) && (await this.repositories.endpoints.delete(tx, endpointId));
    });
    return deleted ? { deletedEndpointId: endpointId, userErrors: [] } : { deletedEndpointId: null, userErrors: [endpointNotFound()] };
  }

  async rotate(
    endpointId: string,
    now: Date,
  ): Promise<{ endpoint: WebhookEndpoint | null; signingSecret: string | null; userErrors: UserError[] }> {
    if (!isUuid(endpointId)) return { endpoint: null, signingSecret: null, userErrors: [endpointNotFound()] };
    const signingSecret = newSigningSecret();
    return this.scope.run(async (tx) => {
      const current = await this.repositories.endpoints.lock(tx, endpointId);
      if (!current || !this.visible(current)) return { endpoint: null, signingSecret: null, userErrors: [endpointNotFound()] };
      const endpoint = await this.repositories.endpoints.update(tx, current.id, {
        secret: sealSecret(signingSecret, this.settings.masterKey),
        previousSecret: current.secret,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      });
      return { endpoint, signingSecret, userErrors: [] };
    });
  }

  async redeliver(deliveryId: string): Promise<{ delivery: WebhookDelivery | null; userErrors: UserError[] }> {
    if (!isUuid(deliveryId)) return { delivery: null, userErrors: [deliveryNotFound()] };
    return this.scope.run(async (tx) => {
      const [found] = await this.repositories.deliveries.findByIds(tx, [deliveryId]);
      if (!found) return { delivery: null, userErrors: [deliveryNotFound()] };
      const endpoint = await this.repositories.endpoints.lock(tx, found.endpointId);
      if (!this.visible(endpoint)) return { delivery: null, userErrors: [deliveryNotFound()] };
      if (!endpoint?.enabled)
        return {
          delivery: null,
          userErrors: [refuse('ENDPOINT_DISABLED', 'The endpoint is disabled: enable it first', ['input', 'deliveryId'])],
        };
      return { delivery: await this.repositories.deliveries.redeliver(tx, deliveryId), userErrors: [] };
    });
  }
}
