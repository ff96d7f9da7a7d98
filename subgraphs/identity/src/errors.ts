import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './services/passwords.js';

/** Identity's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  WEAK_PASSWORD: `The password is shorter than ${MIN_PASSWORD_LENGTH} or longer than ${MAX_PASSWORD_LENGTH} characters.`,
  EMAIL_TAKEN: 'An account with this email already exists (emails are unique ignoring case, across tenants).',
  INVALID_CREDENTIALS: 'The email or the password is incorrect (which one is not said).',
  INVALID_COLOR: 'A color is not of the form #rrggbb.',
  INVALID_URL: 'A URL is not an https URL.',
});

export const weakPassword = () =>
  refuse('WEAK_PASSWORD', `Password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`, ['input', 'password']);
export const emailTaken = () => refuse('EMAIL_TAKEN', 'An account with this email already exists', ['input', 'email']);
export const invalidCredentials = () => refuse('INVALID_CREDENTIALS', 'Email or password is incorrect');
export const brandingForbidden = () => refuse('FORBIDDEN', 'Only owners and admins can change branding');
