// A preload (`node --require scripts/lib/network-guard.cjs`, or NODE_OPTIONS) that lets a process
// reach loopback and unix sockets only: every other TCP/TLS connection and every DNS query is
// refused and recorded. Tessera must never contact anything beyond its configured services by
// itself (telemetry, CDNs, update checks, cloud metadata probes); the tests run the platform under
// this guard and fail on any record.
//
// Records are JSON lines `{ pid, kind, target, stack }` appended to NETWORK_GUARD_LOG (or written to
// stderr when it is unset). Installing twice in one process is harmless.
'use strict';

const net = require('node:net');
const dns = require('node:dns');
const fs = require('node:fs');

const INSTALLED = Symbol.for('tessera.network-guard');

function isLoopbackAddress(address) {
  if (typeof address !== 'string') return false;
  const bare = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === '::1' || bare === '0.0.0.0' || bare === '::') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

function isLoopbackName(host) {
  const name = String(host).toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

function record(kind, target) {
  const line = JSON.stringify({
    pid: process.pid,
    kind,
    target,
    at: new Date().toISOString(),
    stack: new Error().stack.split('\n').slice(2, 10).join('\n'),
  });
  const log = process.env.NETWORK_GUARD_LOG;
  try {
    if (log) fs.appendFileSync(log, `${line}\n`);
    else process.stderr.write(`network-guard: refused ${kind} ${target}\n`);
  } catch {
    // the record must never break the process it guards
  }
}

function refusal(target) {
  const error = new Error(`network-guard: connection to ${target} refused (only loopback is allowed)`);
  error.code = 'ECONNREFUSED';
  return error;
}

/** Where a `socket.connect(...)` call goes: `{ path }` or `{ host, port }`. */
function destinationOf(args) {
  let first = args[0];
  // net.connect() hands the socket already-normalised arguments: [options, callback].
  if (Array.isArray(first)) first = first[0];
  if (first !== null && typeof first === 'object') {
    if (first.path) return { path: first.path };
    return { host: first.host ?? 'localhost', port: first.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

function install() {
  if (globalThis[INSTALLED]) return;
  globalThis[INSTALLED] = true;

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const destination = destinationOf(args);
    if (destination.path || isLoopbackName(destination.host)) return connect.apply(this, args);
    const target = `${destination.host}:${destination.port}`;
    record('connect', target);
    process.nextTick(() => this.destroy(refusal(target)));
    return this;
  };

  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname, options, callback) {
    if (isLoopbackName(hostname)) return lookup.call(this, hostname, options, callback);
    const done = typeof options === 'function' ? options : callback;
    record('dns', String(hostname));
    const error = new Error(`network-guard: DNS lookup of ${hostname} refused`);
    error.code = 'ENOTFOUND';
    process.nextTick(() => done(error));
    return {};
  };
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = async function guardedLookupPromise(hostname, options) {
    if (isLoopbackName(hostname)) return lookupPromise.call(this, hostname, options);
    record('dns', String(hostname));
    const error = new Error(`network-guard: DNS lookup of ${hostname} refused`);
    error.code = 'ENOTFOUND';
    throw error;
  };
  // Queries that bypass getaddrinfo (c-ares): every resolve* goes to a name server.
  for (const target of [dns, dns.promises, dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
    for (const name of Object.getOwnPropertyNames(target)) {
      if (!/^resolve/.test(name) || typeof target[name] !== 'function') continue;
      target[name] = function guardedResolve(hostname, ...rest) {
        record('dns', `${name} ${hostname}`);
        const error = new Error(`network-guard: DNS query for ${hostname} refused`);
        error.code = 'ECONNREFUSED';
        const callback = rest.find((value) => typeof value === 'function');
        if (callback) return void process.nextTick(() => callback(error));
        return Promise.reject(error);
      };
    }
  }
}

install();

module.exports = { install, isLoopbackAddress, isLoopbackName };
