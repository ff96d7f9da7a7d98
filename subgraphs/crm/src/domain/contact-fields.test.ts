import { describe, expect, it } from 'vitest';
import { checkCompanyName, checkDomain, checkEmail, checkName, checkPhone, companyNameKey } from './contact-fields.js';
import { errorsOf } from '@tessera/service-kit';

const field = ['input', 'x'];

describe('contact fields', () => {
  it('trims names and bounds them to 1..200 characters', () => {
    expect(checkName('  Ada  ', field)).toEqual({ ok: true, value: 'Ada' });
    expect(checkName('a'.repeat(200), field).ok).toBe(true);
    expect(checkName('a'.repeat(201), field)).toMatchObject({ ok: false, errors: [{ code: 'INVALID', field }] });
    expect(checkName(' \t ', field, 'Title')).toMatchObject({ ok: false, errors: [{ message: 'Title must be 1 to 200 characters' }] });
  });

  it('lower-cases valid emails, treats blank as none and refuses malformed ones', () => {
    expect(checkEmail(' Ada@Example.COM ', field)).toEqual({ ok: true, value: 'ada@example.com' });
    expect(checkEmail(null, field)).toEqual({ ok: true, value: null });
    expect(checkEmail('   ', field)).toEqual({ ok: true, value: null });
    for (const bad of ['ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com', `${'a'.repeat(320)}@example.com`]) {
      expect(checkEmail(bad, field), bad).toMatchObject({ ok: false, errors: [{ code: 'INVALID_EMAIL', field }] });
    }
  });

  it('accepts phone numbers with at least 3 digits and common separators', () => {
    expect(checkPhone(' +1 (555) 010-0199 ', field)).toEqual({ ok: true, value: '+1 (555) 010-0199' });
    expect(checkPhone('030/1234.56', field).ok).toBe(true);
    expect(checkPhone(undefined, field)).toEqual({ ok: true, value: null });
    for (const bad of ['12', '+-()', 'call me', '555 0199 ext 2', '1'.repeat(41)]) {
      expect(checkPhone(bad, field), bad).toMatchObject({ ok: false, errors: [{ code: 'INVALID_PHONE' }] });
    }
  });

  it('normalises domains and refuses URLs', () => {
    expect(checkDomain(' Acme.COM ', field)).toEqual({ ok: true, value: 'acme.com' });
    expect(checkDomain('shop.acme.co.uk', field).ok).toBe(true);
    for (const bad of ['https://acme.com', 'acme', 'acme.com/about', '-acme.com', 'ac me.com']) {
      expect(checkDomain(bad, field), bad).toMatchObject({ ok: false, errors: [{ code: 'INVALID_DOMAIN' }] });
    }
  });

  it('keys company names ignoring case and surrounding spaces; a blank company name is none', () => {
    expect(companyNameKey('  ACME Corp ')).toBe(companyNameKey('acme corp'));
    expect(checkCompanyName('  ', field)).toEqual({ ok: true, value: null });
    expect(checkCompanyName(' Acme ', field)).toEqual({ ok: true, value: 'Acme' });
  });

  it('collects the errors of failed checks only', () => {
    expect(errorsOf(checkName('ok', field), undefined, checkEmail('bad', ['e']), checkPhone('x', ['p'])).map((e) => e.code)).toEqual([
      'INVALID_EMAIL',
      'INVALID_PHONE',
    ]);
  });
});
