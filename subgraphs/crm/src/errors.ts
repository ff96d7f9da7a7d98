import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** CRM's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_PHONE: 'A phone number has characters other than digits, spaces and + ( ) . - /, or fewer than 3 digits.',
  INVALID_DOMAIN: 'A company domain is not a host name such as acme.com (no scheme, no path).',
  INVALID_STAGE:
    'The stage is not an open stage (LEAD, QUALIFIED, PROPOSAL, NEGOTIATION): WON and LOST are set by markDealWon and markDealLost.',
  COMPANY_NAME_TAKEN: 'The tenant already has a company of that name (names are unique ignoring case and surrounding spaces).',
  CONTACT_HAS_DEALS: 'The contact has open deals: win, lose or move them before deleting the contact.',
  DEAL_CLOSED: 'The deal is already WON or LOST (final): its stage cannot change.',
});

/**
 * An input id that names nothing in the caller's tenant (another tenant's rows and malformed ids
 * included): NOT_FOUND, always with the same message.
 */
export const contactNotFound = () => refuse('NOT_FOUND', 'No such contact', ['input', 'contactId']);
export const dealNotFound = () => refuse('NOT_FOUND', 'No such deal', ['input', 'dealId']);

export const companyNameTaken = (name: string) =>
  refuse('COMPANY_NAME_TAKEN', `A company named "${name}" already exists`, ['input', 'name']);
export const contactHasDeals = (openDeals: number) =>
  refuse('CONTACT_HAS_DEALS', `The contact has ${openDeals} open deal(s); win, lose or move them first`, ['input', 'contactId']);
export const dealClosed = (stage: string) => refuse('DEAL_CLOSED', `The deal is already ${stage}`, ['input', 'dealId']);
