import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** Webhooks's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_URL: 'Not an absolute https URL of at most 2,000 characters (or it carries credentials).',
  URL_NOT_ALLOWED: 'The URL is not https, or points to (or resolves to) a private, loopback or link-local address.',
  UNKNOWN_EVENT_TYPE: 'Not an event type webhooks offer (see the README’s event catalogue), nor `*`.',
  ENDPOINT_DISABLED: 'The endpoint is disabled: enable it before redelivering to it.',
});

export const endpointNotFound = () => refuse('NOT_FOUND', 'No such webhook endpoint', ['input', 'endpointId']);
export const deliveryNotFound = () => refuse('NOT_FOUND', 'No such webhook delivery', ['input', 'deliveryId']);
