/**
 * When a failed delivery is tried again: growing delays with ±20 % jitter (so endpoints that failed
 * together do not all come back at the same second), the first two retries within a minute, then
 * up to 12 hours apart, for at least RETRY_WINDOW_MS (3 days) after the event. An endpoint whose
 * every attempt has failed for that long is disabled.
 */
const DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000];

export const RETRY_WINDOW_MS = 3 * 24 * 3_600_000;

/** The delay after the `attempts`-th failed attempt (1 for the first), jittered by `random()` in [0, 1). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = DELAYS_MS[Math.min(Math.max(attempts, 1), DELAYS_MS.length) - 1]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Whether a delivery made at `createdAt` that just failed is given up: its retry window is over. */
export function givenUp(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= RETRY_WINDOW_MS;
}
