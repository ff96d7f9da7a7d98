import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { onShutdown } from './shutdown.js';

const logger = pino({ level: 'silent' });
const signals = ['SIGUSR2'] as NodeJS.Signals[];

afterEach(() => {
  process.removeAllListeners('SIGUSR2');
  vi.useRealTimers();
});

/** Installs the handler on SIGUSR2 (harmless to the test process) and returns the exit codes it asks for. */
function install(stop: () => Promise<void>, timeoutMs = 1_000) {
  const exits: number[] = [];
  const exited = new EventEmitter();
  onShutdown(logger, stop, {
    timeoutMs,
    signals,
    exit: (code) => {
      exits.push(code);
      exited.emit('exit', code);
    },
  });
  return { exits, next: () => new Promise<number>((resolve) => exited.once('exit', resolve)) };
}

describe('onShutdown', () => {
  it('drains, then exits 0', async () => {
    let drained = false;
    const { exits, next } = install(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      drained = true;
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await next()).toBe(0);
    expect(drained).toBe(true);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when the drain fails or outlasts its budget', async () => {
    const failing = install(() => Promise.reject(new Error('pool would not close')));
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await failing.next()).toBe(1);
    process.removeAllListeners('SIGUSR2');

    const hanging = install(() => new Promise(() => {}), 100);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await hanging.next()).toBe(1);
  });

  it('a second signal forces exit without waiting for the drain', async () => {
    const { exits, next } = install(() => new Promise(() => {}), 10_000);
    const exited = next();
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await exited).toBe(130);
    expect(exits).toEqual([130]);
  });
});
