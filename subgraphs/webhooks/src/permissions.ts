import { MANAGERS, type PermissionTable } from '@tessera/service-kit';

/**
 * Webhooks's permission table (behaviours 7 and 11): endpoints are the integration's keys to the
 * tenant's events, managed by owners, admins and READ_WRITE API keys (READ keys cannot mutate at all);
 * members may not, and may not read them either.
 */
export const permissions: PermissionTable = {
  createWebhookEndpoint: MANAGERS,
  updateWebhookEndpoint: MANAGERS,
  deleteWebhookEndpoint: MANAGERS,
  rotateWebhookSecret: MANAGERS,
  redeliverWebhook: MANAGERS,
  webhookEndpoint: MANAGERS,
  webhookEndpoints: MANAGERS,
};
