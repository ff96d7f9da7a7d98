import { describe, expect, it } from 'vitest';
import { checkResolvedHost, checkUrlShape, isPublicAddress } from './addresses.js';

const code = (raw: string, production: boolean) => {
  const result = checkUrlShape(raw, production);
  return 'url' in result ? 'OK' : result.code;
};

describe('webhook URLs', () => {
  it('accepts https anywhere and http only to loopback outside production', () => {
    expect(code('https://hooks.example.com/tessera', false)).toBe('OK');
    expect(code('https://10.0.0.5/hook', false)).toBe('OK');
    expect(code('http://127.0.0.1:8080/hook', false)).toBe('OK');
    expect(code('http://[::1]:8080/hook', false)).toBe('OK');
    expect(code('http://localhost:3000/hook', false)).toBe('OK');
    expect(code('http://hooks.example.com/hook', false)).toBe('URL_NOT_ALLOWED');
    expect(code('http://10.0.0.5/hook', false)).toBe('URL_NOT_ALLOWED');
  });

  it('refuses what is not an https URL, and credentials in it', () => {
    expect(code('ftp://hooks.example.com/x', false)).toBe('INVALID_URL');
    expect(code('hooks.example.com/x', false)).toBe('INVALID_URL');
    expect(code('', false)).toBe('INVALID_URL');
    expect(code(`https://example.com/${'a'.repeat(2000)}`, false)).toBe('INVALID_URL');
    expect(code('https://user:secret@hooks.example.com/x', false)).toBe('INVALID_URL');
  });

  it('in production: https only, and no literal private, loopback, link-local or metadata address', () => {
    expect(code('https://hooks.example.com/tessera', true)).toBe('OK');
    expect(code('https://93.184.215.14/hook', true)).toBe('OK');
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://hooks.example.com/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://api.localhost/hook',
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[fe80::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://[::ffff:169.254.169.254]/hook',
    ])
      expect(code(url, true), url).toBe('URL_NOT_ALLOWED');
  });

  it('classifies addresses: only public unicast is public', () => {
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      'not-an-ip',
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it('in production, a host name is refused when any address it resolves to is private, or when it does not resolve', async () => {
    const url = new URL('https://hooks.example.com/x');
    expect(await checkResolvedHost(url, async () => ['93.184.215.14'])).toBeNull();
    expect((await checkResolvedHost(url, async () => ['93.184.215.14', '10.0.0.7']))?.code).toBe('URL_NOT_ALLOWED');
    expect((await checkResolvedHost(url, async () => ['169.254.169.254']))?.code).toBe('URL_NOT_ALLOWED');
    expect(await checkResolvedHost(url, async () => []))?.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    expect(
      await checkResolvedHost(url, async () => {
        throw new Error('ENOTFOUND');
      }),
    ).toMatchObject({ code: 'URL_NOT_ALLOWED' });
  });
});
