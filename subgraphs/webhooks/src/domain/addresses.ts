/**
 * Where a webhook may go (issue 15 item 2). Outside production: any https URL, and http only to a
 * loopback address (a developer's receiver, the tests'). In production: https only, and only to
 * public addresses: a URL whose host is, or resolves to, a private, loopback, link-local (the cloud
 * metadata service at 169.254.169.254 among them), unique-local, shared (CGNAT), multicast,
 * reserved or unspecified address is refused, at creation and again when each attempt connects
 * (the address checked is the address connected to: no window for DNS rebinding).
 */
import { BlockList, isIP } from 'node:net';

/** Address ranges no production webhook may reach (IANA special-purpose registries). */
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  refused.addSubnet(network, prefix, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether a production webhook may connect to this address. */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const { address: plain, family } = unmapped(address);
  return !refused.check(plain, family);
}

export function isLoopbackAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const { address: plain, family } = unmapped(address);
  return loopback.check(plain, family);
}

export type UrlRefusal = { code: 'INVALID_URL' | 'URL_NOT_ALLOWED'; message: string };

/** The host of a URL as a connect call takes it (brackets off an IPv6 literal). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** What the URL itself says (before any name is resolved): its scheme, credentials, length, and a literal address's range. */
export function checkUrlShape(raw: string, production: boolean): { url: URL } | UrlRefusal {
  const text = raw.trim();
  if (text.length === 0 || text.length > 2000) return { code: 'INVALID_URL', message: 'The URL must be 1 to 2,000 characters' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: 'INVALID_URL', message: 'Not a URL: give an absolute https:// URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { code: 'INVALID_URL', message: 'Only https URLs can receive webhooks' };
  if (url.username || url.password) return { code: 'INVALID_URL', message: 'A webhook URL cannot carry a user name or password' };
  const host = hostOf(url);
  const literal = isIP(host) !== 0;
  if (url.protocol === 'http:') {
    if (production) return { code: 'URL_NOT_ALLOWED', message: 'Only https URLs can receive webhooks' };
    const local = literal ? isLoopbackAddress(host) : host === 'localhost';
    if (!local)
      return { code: 'URL_NOT_ALLOWED', message: 'Only https URLs can receive webhooks (http only to a loopback address in development)' };
  }
  if (production && (host === 'localhost' || host.endsWith('.localhost') || (literal && !isPublicAddress(host))))
    return { code: 'URL_NOT_ALLOWED', message: 'The URL points to a private, loopback or link-local address' };
  return { url };
}

/** Resolves a host name to all its addresses (node:dns by default; tests pass their own). */
export type Resolve = (host: string) => Promise<string[]>;

/** Checks that every address a production URL's host resolves to is public (at creation). */
export async function checkResolvedHost(url: URL, resolve: Resolve): Promise<UrlRefusal | null> {
  const host = hostOf(url);
  if (isIP(host) !== 0) return null;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { code: 'URL_NOT_ALLOWED', message: `The host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { code: 'URL_NOT_ALLOWED', message: `The host ${host} does not resolve` };
  if (addresses.some((address) => !isPublicAddress(address)))
    return { code: 'URL_NOT_ALLOWED', message: 'The URL points to a private, loopback or link-local address' };
  return null;
}
