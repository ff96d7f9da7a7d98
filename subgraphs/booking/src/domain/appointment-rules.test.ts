import { describe, expect, it } from 'vitest';
import { canTransition } from './appointment-rules.js';

describe('appointment state machine', () => {
  it('confirms only REQUESTED appointments', () => {
    expect(canTransition('REQUESTED', 'confirm')).toBe(true);
    for (const status of ['CONFIRMED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'] as const) expect(canTransition(status, 'confirm')).toBe(false);
  });

  it('completes or marks as no-show only CONFIRMED appointments', () => {
    for (const transition of ['complete', 'noShow'] as const) {
      expect(canTransition('CONFIRMED', transition)).toBe(true);
      for (const status of ['REQUESTED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'] as const)
        expect(canTransition(status, transition)).toBe(false);
    }
  });

  it('cancels REQUESTED and CONFIRMED appointments; the other statuses are final', () => {
    expect(canTransition('REQUESTED', 'cancel')).toBe(true);
    expect(canTransition('CONFIRMED', 'cancel')).toBe(true);
    for (const status of ['COMPLETED', 'NO_SHOW', 'CANCELLED'] as const) expect(canTransition(status, 'cancel')).toBe(false);
  });
});
