import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, newCaller, query, resolveEntities, type SqlCounter } from '../../../packages/testkit/src/index.js';
import { createdPayRun, dealWon, employeeHired, invoicePaid, startPayroll, type RunningPayroll } from './harness.js';

/**
 * What one request costs in SQL: with DataLoader, a plan step is one statement however many
 * parents it has. Each statement runs in its own tenant transaction (set_config and COMMIT are
 * counted apart as control statements; the driver adapter does not log BEGIN).
 */
let payroll: RunningPayroll;
let sql: SqlCounter;
const caller = newCaller();
const employeeIds: string[] = [];
let payRunId = '';

beforeAll(async () => {
  payroll = await startPayroll({ logQueries: true });
  sql = countSql(payroll.db);
  // 30 employees, each with 2 commissions (the first PAYABLE), and a pay run including them.
  for (let i = 0; i < 30; i += 1) {
    const employeeId = randomUUID();
    employeeIds.push(employeeId);
    await payroll.deliver(employeeHired(caller.tenantId, employeeId, { name: `Employee ${String(i).padStart(2, '0')}` }));
    for (let d = 0; d < 2; d += 1) {
      const won = dealWon(caller.tenantId, { ownerId: employeeId, amount: `${100 * (d + 1)}` });
      await payroll.deliver(won);
      if (d === 0) await payroll.deliver(invoicePaid(caller.tenantId, { dealId: won.subjectId }));
    }
  }
  payRunId = (await createdPayRun(payroll.url, caller, { periodStart: '2026-11-01', periodEnd: '2026-11-30', currency: 'EUR' })).id;
});
afterAll(async () => {
  await payroll.stop();
});

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; data: number; control: number }> {
  sql.reset();
  const result = await work();
  return { result, data: sql.data, control: sql.control };
}

describe('DataLoader batching', () => {
  it('the contract’s employee commissions for 30 employees: 1 data statement', async () => {
    const { result, data, control } = await measured(() =>
      resolveEntities(
        payroll.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { id commissions { id status amount { amount currency } deal { id } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { id: string; commissions: { status: string; amount: { amount: string } }[] }[];
    expect(entities).toHaveLength(30);
    entities.forEach((employee, i) => {
      expect(employee.id).toBe(employeeIds[i]);
      expect(employee.commissions.map((c) => [c.status, c.amount.amount])).toEqual([
        ['ACCRUED', '20.00'],
        ['PAYABLE', '10.00'],
      ]);
    });
    expect(data).toBe(1);
    expect(control).toBe(2);
  });

  it('costs the same for 3 employees, and one statement per distinct status filter', async () => {
    const few = await measured(() =>
      resolveEntities(
        payroll.url,
        caller,
        employeeIds.slice(0, 3).map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { commissions { id } }',
      ),
    );
    expect(few.data).toBe(1);
    const filtered = await measured(() =>
      resolveEntities(
        payroll.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { accrued: commissions(status: [ACCRUED]) { id } payable: commissions(status: [PAYABLE]) { id } again: commissions(status: [PAYABLE]) { id } }',
      ),
    );
    expect(filtered.result.errors).toBeUndefined();
    expect(filtered.result.data!._entities.every((e: any) => e.accrued.length === 1 && e.payable.length === 1)).toBe(true);
    expect(filtered.data).toBe(2);
  });

  it('employees with pay profile (and its effective rate), payslips and commissions: 4 data statements', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        payroll.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { payProfile { name effectiveCommissionRate } payslips { gross { amount } } commissions { id } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]).toEqual({
      payProfile: { name: 'Employee 00', effectiveCommissionRate: '10' },
      payslips: [{ gross: { amount: '5010.00' } }],
      commissions: [{ id: expect.any(String) }, { id: expect.any(String) }],
    });
    // profiles, payslips, commissions; then the tenant's rule once for every profile
    expect(data).toBe(4);
  });

  it('a pay run with 30 payslips and their commission lines: 3 data statements', async () => {
    type Run = { payRun: { gross: { amount: string }; payslips: { commissionLines: { payslip: { id: string } | null }[] }[] } };
    const { result, data } = await measured(() =>
      query<Run>(
        payroll.url,
        caller,
        `query($id: ID!) { payRun(id: $id) { gross { amount } payslips { employee { id } gross { amount } commissionLines { amount { amount } deal { id } payslip { id } } } } }`,
        { id: payRunId },
      ),
    );
    expect(result.payRun.payslips).toHaveLength(30);
    expect(result.payRun.gross.amount).toBe('150300.00');
    expect(result.payRun.payslips.every((s) => s.commissionLines.length === 1 && s.commissionLines[0]!.payslip !== null)).toBe(true);
    // run by id, payslips by run, commission lines by payslip (the lines' payslip is already loaded)
    expect(data).toBe(3);
  });

  it('_entities for 60 commissions with their payslip and its pay run: 3 data statements', async () => {
    const list = await query<{ commissions: { edges: { node: { id: string } }[] } }>(
      payroll.url,
      caller,
      '{ commissions(first: 100) { edges { node { id } } } }',
    );
    const ids = list.commissions.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(60);
    const { result, data } = await measured(() =>
      resolveEntities(
        payroll.url,
        caller,
        ids.map((id) => ({ __typename: 'Commission', id })),
        '... on Commission { id amount { amount } payslip { payRun { status } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.filter((c: any) => c.payslip?.payRun.status === 'DRAFT')).toHaveLength(30);
    // commissions by id, payslips by id, pay runs by id
    expect(data).toBe(3);
  });
});
