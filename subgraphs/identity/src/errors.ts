import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './services/passwords.js';

/** Identity's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  WEAK_PASSWORD: `The password is shorter than ${MIN_PASSWORD_LENGTH} or longer than ${MAX_PASSWORD_LENGTH} characters, only spaces, or a common one.`,
  EMAIL_TAKEN: 'An account with this email already exists (emails are unique ignoring case, across tenants).',
  INVALID_CREDENTIALS: 'The email or the password is incorrect (which one is not said).',
  INVALID_COLOR: 'A color is not of the form #rrggbb.',
  INVALID_URL: 'A URL is not an https URL.',
  INVITATION_INVALID: 'The invitation token is unknown, or the invitation was accepted, revoked or has expired.',
  REFRESH_TOKEN_INVALID:
    'The refresh token is unknown, used, revoked or expired, or the session ended (logout, password change): sign in again.',
  LAST_OWNER: 'The change would leave the tenant without an active owner.',
  INVALID_MODULES: 'An API key names no module, or a module the tenant has not enabled.',
  USER_DEACTIVATED: 'The account was deactivated by an owner or admin of its tenant.',
});

export const weakPassword = (
  message = `Password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
  field = ['input', 'password'],
) => refuse('WEAK_PASSWORD', message, field);
export const emailTaken = () => refuse('EMAIL_TAKEN', 'An account with this email already exists', ['input', 'email']);
export const invalidCredentials = () => refuse('INVALID_CREDENTIALS', 'Email or password is incorrect');
export const notFound = (what: string, field: string[]) => refuse('NOT_FOUND', `No such ${what}`, field);
export const onlyOwners = (what: string, field: string[]) => refuse('FORBIDDEN', `Only an owner may ${what}`, field);
export const lastOwner = () => refuse('LAST_OWNER', 'The tenant must keep at least one active owner', ['input', 'userId']);
export const invalidRefreshToken = () =>
  refuse('REFRESH_TOKEN_INVALID', 'This session has ended: sign in again', ['input', 'refreshToken']);
export const invalidInvitation = (message: string, field: string[]) => refuse('INVITATION_INVALID', message, field);
export const userDeactivated = () => refuse('USER_DEACTIVATED', 'This account has been deactivated');
