import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { errorMessage, fieldError, formErrors, isUnauthenticated, userErrorsByField } from './errors';

const combined = (...graphQLErrors: GraphQLError[]) => new CombinedError({ graphQLErrors });

describe('fieldError', () => {
  it('matches an error whose path starts with the given path', () => {
    const error = combined(new GraphQLError('Invoices failed', { path: ['contact', 'invoices', 0, 'number'] }));
    expect(fieldError(error, ['contact', 'invoices'])).toBe('Invoices failed');
    expect(fieldError(error, ['contact', 'deals'])).toBeNull();
  });

  it('words SERVICE_UNAVAILABLE and MODULE_NOT_ENABLED for people', () => {
    const down = combined(new GraphQLError('x', { path: ['contact', 'orders'], extensions: { code: 'SERVICE_UNAVAILABLE' } }));
    expect(fieldError(down, ['contact', 'orders'])).toMatch(/This module is not responding right now/);
    const off = combined(new GraphQLError('x', { path: ['contact', 'orders'], extensions: { code: 'MODULE_NOT_ENABLED' } }));
    expect(fieldError(off, ['contact', 'orders'])).toBe('This module is not enabled for your workspace.');
  });

  it('matches a path-less error by serviceName only when the service is given', () => {
    const error = combined(
      new GraphQLError('The projects service is unavailable', {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'projects' },
      }),
    );
    expect(fieldError(error, ['contact', 'projects'], 'projects')).toMatch(/not responding/);
    expect(fieldError(error, ['contact', 'projects'])).toBeNull();
    expect(fieldError(error, ['contact', 'deals'], 'crm')).toBeNull();
  });

  it('does not match a serviceName error that has a path elsewhere', () => {
    const error = combined(new GraphQLError('elsewhere', { path: ['contact', 'orders'], extensions: { serviceName: 'projects' } }));
    expect(fieldError(error, ['contact', 'projects'], 'projects')).toBeNull();
  });

  it('is null without an error', () => {
    expect(fieldError(undefined, ['contact'])).toBeNull();
  });
});

describe('userErrorsByField', () => {
  it('keys errors by the last field segment, joins repeats, and puts field-less ones under ""', () => {
    expect(
      userErrorsByField([
        { field: ['input', 'email'], message: 'Email is taken.' },
        { field: ['input', 'password'], message: 'Too short.' },
        { field: ['input', 'password'], message: 'Needs a digit.' },
        { field: null, message: 'Try again later.' },
        { message: 'Also this.' },
      ]),
    ).toEqual({
      email: 'Email is taken.',
      password: 'Too short. Needs a digit.',
      '': 'Try again later. Also this.',
    });
  });

  it('is empty for no errors', () => {
    expect(userErrorsByField(null)).toEqual({});
    expect(userErrorsByField([])).toEqual({});
  });
});

describe('formErrors', () => {
  it('uses the userErrors when there are any, else the request error, else the fallback', () => {
    expect(formErrors([{ field: ['input', 'name'], message: 'Required.' }], combined(new GraphQLError('Boom')), 'Failed.')).toEqual({
      name: 'Required.',
    });
    expect(formErrors([], combined(new GraphQLError('Boom')), 'Failed.')).toEqual({ '': 'Boom' });
    expect(formErrors(null, undefined, 'Failed.')).toEqual({ '': 'Failed.' });
  });
});

describe('errorMessage / isUnauthenticated', () => {
  it('prefers the server messages, then a network message, then the error message', () => {
    expect(errorMessage(combined(new GraphQLError('One'), new GraphQLError('Two')))).toBe('One; Two');
    expect(errorMessage(new CombinedError({ networkError: new Error('fetch failed') }))).toMatch(/could not be reached/);
    expect(errorMessage(new Error('Plain'))).toBe('Plain');
    expect(errorMessage(undefined)).toBe('');
  });

  it('spots UNAUTHENTICATED', () => {
    expect(isUnauthenticated(combined(new GraphQLError('no', { extensions: { code: 'UNAUTHENTICATED' } })))).toBe(true);
    expect(isUnauthenticated(combined(new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } })))).toBe(false);
  });
});
