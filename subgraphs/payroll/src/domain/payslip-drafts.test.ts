import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { draftPayslips, payRunTotals, type ProfileFacts } from './payslip-drafts.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const nov = { start: day('2026-11-01'), end: day('2026-11-30') };

function profile(employeeId: string, name: string, salary: [string, string] | null, hiredOn?: string, terminatedOn?: string): ProfileFacts {
  return {
    employeeId,
    name,
    salaryAmount: salary ? new Decimal(salary[0]) : null,
    salaryCurrency: salary ? salary[1] : null,
    hiredOn: hiredOn ? day(hiredOn) : null,
    terminatedOn: terminatedOn ? day(terminatedOn) : null,
  };
}

describe('payslip drafts', () => {
  it('includes each employee employed in the period with a salary or commissions in the run’s currency', () => {
    const profiles = [
      profile('e1', 'Zoe', ['60000', 'EUR'], '2020-01-01'),
      profile('e2', 'Adam', ['36500', 'EUR'], '2026-11-16'),
      profile('e3', 'Hired later', ['60000', 'EUR'], '2026-12-01'),
      profile('e4', 'Left before', ['60000', 'EUR'], '2020-01-01', '2026-10-31'),
      profile('e5', 'Dollar earner', ['60000', 'USD'], '2020-01-01'),
      profile('e6', 'Commission only', null, '2020-01-01'),
      profile('e7', 'No pay at all', null, '2020-01-01'),
    ];
    const commissions = [
      { id: 'c1', employeeId: 'e1', amount: new Decimal('100.10') },
      { id: 'c2', employeeId: 'e1', amount: new Decimal('0.01') },
      { id: 'c3', employeeId: 'e5', amount: new Decimal('50') },
      { id: 'c4', employeeId: 'e6', amount: new Decimal('7.5') },
      { id: 'c5', employeeId: 'e3', amount: new Decimal('9') },
    ];
    const drafts = draftPayslips(nov, 'EUR', profiles, commissions);
    expect(
      drafts.map((d) => [d.employeeName, d.base.toFixed(2), d.commissionTotal.toFixed(2), d.gross.toFixed(2), d.commissionIds]),
    ).toEqual([
      ['Adam', '1500.00', '0.00', '1500.00', []],
      ['Commission only', '0.00', '7.50', '7.50', ['c4']],
      ['Dollar earner', '0.00', '50.00', '50.00', ['c3']],
      ['Zoe', '5000.00', '100.11', '5100.11', ['c1', 'c2']],
    ]);
    expect(Object.fromEntries(Object.entries(payRunTotals(drafts)).map(([k, v]) => [k, v.toFixed(2)]))).toEqual({
      base: '6500.00',
      commissions: '157.61',
      gross: '6657.61',
    });
  });

  it('pays a terminated employee up to the last day of employment', () => {
    const [slip] = draftPayslips(nov, 'EUR', [profile('e1', 'Leaver', ['36500', 'EUR'], '2020-01-01', '2026-11-10')], []);
    expect(slip!.base.toFixed()).toBe('1000');
  });

  it('has no payslips and zero totals without employees', () => {
    expect(draftPayslips(nov, 'EUR', [], [])).toEqual([]);
    expect(payRunTotals([]).gross.toFixed()).toBe('0');
  });
});
