import { describe, expect, it } from 'vitest';
import { RETRY_WINDOW_MS, givenUp, retryDelayMs } from './schedule.js';

describe('webhook retry schedule', () => {
  it('retries the first two times within a minute, even at the top of the jitter', () => {
    expect(retryDelayMs(1, () => 0.9999) + retryDelayMs(2, () => 0.9999)).toBeLessThan(60_000);
  });

  it('grows, is jittered by ±20 %, and is capped at 12 hours (±20 %)', () => {
    const low = (n: number) => retryDelayMs(n, () => 0);
    const high = (n: number) => retryDelayMs(n, () => 0.9999);
    for (let n = 1; n < 12; n += 1) expect(low(n + 1)).toBeGreaterThanOrEqual(low(n));
    expect(low(3)).toBe(96_000);
    expect(high(3)).toBeCloseTo(144_000, -2);
    expect(high(40)).toBeLessThanOrEqual(12 * 3_600_000 * 1.2);
  });

  it('keeps trying for at least 3 days: attempts on that schedule reach the window before giving up', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    let at = start.getTime();
    let attempts = 0;
    while (!givenUp(start, new Date(at))) {
      attempts += 1;
      at += retryDelayMs(attempts, () => 0.9999);
    }
    expect(at - start.getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(30);
  });
});
