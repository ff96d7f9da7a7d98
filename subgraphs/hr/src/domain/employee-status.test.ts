import { describe, expect, it } from 'vitest';
import { employeeStatus } from './employee-status.js';
import { wouldCreateCycle } from './reporting-lines.js';
import { isoDay } from '@tessera/service-kit';
import { daysBetween, utcDay } from './dates.js';

describe('employee status', () => {
  it('is TERMINATED once terminated, whatever the leave', () => {
    expect(employeeStatus({ terminatedAt: new Date('2026-01-31T00:00:00Z') }, true)).toBe('TERMINATED');
    expect(employeeStatus({ terminatedAt: new Date('2026-01-31T00:00:00Z') }, false)).toBe('TERMINATED');
  });

  it('is ON_LEAVE while approved leave covers today, else ACTIVE', () => {
    expect(employeeStatus({ terminatedAt: null }, true)).toBe('ON_LEAVE');
    expect(employeeStatus({ terminatedAt: null }, false)).toBe('ACTIVE');
  });
});

describe('reporting lines', () => {
  it('refuses a manager whose chain reaches the employee', () => {
    // C manages B manages A: making A the manager of C closes the loop.
    expect(wouldCreateCycle('C', ['A', 'B', 'C'])).toBe(true);
    expect(wouldCreateCycle('C', ['C'])).toBe(true);
    expect(wouldCreateCycle('D', ['A', 'B', 'C'])).toBe(false);
    expect(wouldCreateCycle('D', [])).toBe(false);
  });
});

describe('calendar dates', () => {
  it('takes the UTC day of an instant and formats it', () => {
    expect(isoDay(utcDay(new Date('2026-11-21T23:59:59.999Z')))).toBe('2026-11-21');
    expect(isoDay(utcDay(new Date('2026-11-22T00:30:00+02:00')))).toBe('2026-11-21');
    expect(daysBetween(new Date('2026-02-27T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toBe(2);
  });

  it('keeps years below 100 as they are (Date.UTC would make 0099 into 1999)', () => {
    for (const day of ['0001-01-01', '0099-06-15', '0100-01-01', '9999-12-31']) {
      expect(isoDay(utcDay(new Date(`${day}T13:45:00.000Z`)))).toBe(day);
    }
    expect(daysBetween(new Date('0099-12-31T00:00:00Z'), new Date('0100-01-01T00:00:00Z'))).toBe(1);
  });
});
