import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatRelative, humanize, lastDays } from './format';

describe('formatMoney', () => {
  it('formats in the money’s own currency', () => {
    expect(formatMoney({ amount: '1234.5', currency: 'EUR' })).toBe('€1,234.50');
    expect(formatMoney({ amount: '80', currency: 'GBP' })).toBe('£80.00');
    expect(formatMoney({ amount: '-12.3', currency: 'USD' })).toBe('-$12.30');
  });

  it('formats compactly on request', () => {
    expect(formatMoney({ amount: '1250000', currency: 'EUR' }, { compact: true })).toBe('€1.3M');
  });

  it('falls back to a plain number for a currency Intl does not know', () => {
    expect(formatMoney({ amount: '1234.5', currency: 'NOT-A-CURRENCY' })).toBe('1,234.50');
  });

  it('shows the raw value when the amount is not a number, and a dash for nothing', () => {
    expect(formatMoney({ amount: 'abc', currency: 'EUR' })).toBe('abc EUR');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });
});

describe('lastDays', () => {
  it('ends today (UTC) and spans `days` days including today', () => {
    const today = new Date('2026-03-10T15:00:00Z');
    expect(lastDays(7, today)).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(lastDays(1, today)).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(lastDays(30, today)).toEqual({ from: '2026-02-09', to: '2026-03-10' });
  });

  it('crosses a year boundary', () => {
    expect(lastDays(365, new Date('2026-01-01T00:30:00Z'))).toEqual({ from: '2025-01-02', to: '2026-01-01' });
  });
});

describe('humanize', () => {
  it('turns enum values into words', () => {
    expect(humanize('PARTIALLY_PAID')).toBe('Partially paid');
    expect(humanize('WON')).toBe('Won');
    expect(humanize('NO_SHOW')).toBe('No show');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says just now, minutes or hours', () => {
    expect(formatRelative(ago(10), now)).toBe('just now');
    expect(formatRelative(ago(44), now)).toBe('just now');
    expect(formatRelative(ago(60), now)).toBe('1 min ago');
    expect(formatRelative(ago(3 * 60), now)).toBe('3 min ago');
    expect(formatRelative(ago(2 * 3600), now)).toBe('2 h ago');
  });

  it('falls back to the date after a day', () => {
    const value = ago(3 * 86_400);
    expect(formatRelative(value, now)).toBe(formatDate(value));
    expect(formatRelative(value, now)).toMatch(/Mar \d+, 2026/);
  });
});

describe('formatDate', () => {
  it('reads calendar dates in UTC and says — for nothing', () => {
    expect(formatDate('2024-03-01')).toBe('Mar 1, 2024');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
