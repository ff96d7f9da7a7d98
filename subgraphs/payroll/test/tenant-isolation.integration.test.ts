import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_CONTEXT_HEADER, signCallerContext } from '@tessera/service-kit';
import {
  anonymousCaller,
  asTenant,
  callSubgraph,
  codesOf,
  mutate,
  newCaller,
  query,
  resolveEntities,
  USER_ERRORS,
} from '../../../packages/testkit/src/index.js';
import {
  createdPayRun,
  createPayRun,
  dealWon,
  employeeHired,
  invoicePaid,
  movePayRun,
  startPayroll,
  type RunningPayroll,
} from './harness.js';

let payroll: RunningPayroll;
beforeAll(async () => {
  payroll = await startPayroll();
});
afterAll(async () => {
  await payroll.stop();
});

const NOVEMBER = { periodStart: '2026-11-01', periodEnd: '2026-11-30', currency: 'EUR' };

/** Tenant A: an employee with a pay profile, a PAYABLE commission and a DRAFT pay run including it. B has nothing. */
async function seedA() {
  const tenantA = newCaller();
  const tenantB = newCaller();
  const employeeId = randomUUID();
  await payroll.deliver(employeeHired(tenantA.tenantId, employeeId, { name: 'Secret Sam' }));
  const won = dealWon(tenantA.tenantId, { ownerId: employeeId, amount: '5000' });
  await payroll.deliver(won);
  await payroll.deliver(invoicePaid(tenantA.tenantId, { dealId: won.subjectId }));
  const run = await createdPayRun(payroll.url, tenantA, NOVEMBER);
  const commissionId = run.payslips[0]!.commissionLines[0]!.id;
  return { tenantA, tenantB, employeeId, dealId: won.subjectId, run, payslipId: run.payslips[0]!.id, commissionId };
}

describe('tenant isolation', () => {
  it('B cannot read A’s pay runs, commissions, payslips or pay profiles by any path, _entities included', async () => {
    const a = await seedA();
    const read = await query(
      payroll.url,
      a.tenantB,
      `query($run: ID!, $commission: ID!, $employee: ID!) {
        payRun(id: $run) { id }
        commission(id: $commission) { id }
        payRuns { totalCount }
        commissions { totalCount }
        ofEmployee: commissions(filter: { employeeId: $employee }) { totalCount }
        commissionRule { defaultRate updatedAt }
      }`,
      { run: a.run.id, commission: a.commissionId, employee: a.employeeId },
    );
    expect(read).toEqual({
      payRun: null,
      commission: null,
      payRuns: { totalCount: 0 },
      commissions: { totalCount: 0 },
      ofEmployee: { totalCount: 0 },
      commissionRule: { defaultRate: '10', updatedAt: null },
    });
    const representations = [
      { __typename: 'Employee', id: a.employeeId },
      { __typename: 'Commission', id: a.commissionId },
      { __typename: 'PayRun', id: a.run.id },
      { __typename: 'Payslip', id: a.payslipId },
    ];
    const selection =
      '... on Employee { id commissions { id } payslips { id } payProfile { name } } ... on Commission { id } ... on PayRun { id } ... on Payslip { id }';
    const entities = await resolveEntities(payroll.url, a.tenantB, representations, selection);
    expect(entities.errors).toBeUndefined();
    // B's view of A's employee id: an employee with nothing in payroll (HR decides whether it exists for B).
    expect(entities.data?._entities).toEqual([{ id: a.employeeId, commissions: [], payslips: [], payProfile: null }, null, null, null]);
    // A sees all of it (the test would pass vacuously otherwise).
    const own = await resolveEntities(payroll.url, a.tenantA, representations, selection);
    expect(own.data?._entities).toEqual([
      { id: a.employeeId, commissions: [{ id: a.commissionId }], payslips: [{ id: a.payslipId }], payProfile: { name: 'Secret Sam' } },
      { id: a.commissionId },
      { id: a.run.id },
      { id: a.payslipId },
    ]);
  });

  it('B cannot approve, pay or cancel A’s run, set A’s employee’s rate, or pay A’s commissions in its own run', async () => {
    const a = await seedA();
    for (const name of ['approvePayRun', 'markPayRunPaid', 'cancelPayRun'] as const) {
      expect(await movePayRun(payroll.url, a.tenantB, name, a.run.id), name).toEqual({
        payRun: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'payRunId'], message: 'No such pay run' }],
      });
    }
    const rate = await mutate<{ userErrors: { code: string }[] }>(
      payroll.url,
      a.tenantB,
      'setEmployeeCommissionRate',
      `payProfile { name } ${USER_ERRORS}`,
      {
        employeeId: a.employeeId,
        rate: '99',
      },
    );
    expect(codesOf(rate)).toEqual(['NOT_FOUND']);
    // B's tenant rule does not change A's
    await mutate(payroll.url, a.tenantB, 'setCommissionRate', USER_ERRORS, { rate: '50' });
    // B's own run of the same period exists independently and contains nothing of A's
    const bRun = await createPayRun(payroll.url, a.tenantB, NOVEMBER);
    expect(bRun.userErrors).toEqual([]);
    expect(bRun.payRun!.payslips).toEqual([]);
    // an event of B's about A's deal and employee changes nothing of A's
    await payroll.deliver(invoicePaid(a.tenantB.tenantId, { dealId: a.dealId }));
    await payroll.deliver(dealWon(a.tenantB.tenantId, { dealId: a.dealId, ownerId: a.employeeId, amount: '1' }));

    const aView = await query(
      payroll.url,
      a.tenantA,
      `query($id: ID!) { payRun(id: $id) { status payslips { commissionLines { status amount { amount } rate } } } commissionRule { defaultRate } }`,
      { id: a.run.id },
    );
    expect(aView).toEqual({
      payRun: { status: 'DRAFT', payslips: [{ commissionLines: [{ status: 'PAYABLE', amount: { amount: '500.00' }, rate: '10' }] }] },
      commissionRule: { defaultRate: '10' },
    });
    const bCommissions = await query<{ commissions: { edges: unknown[] } }>(
      payroll.url,
      a.tenantB,
      '{ commissions { edges { node { amount { amount } status rate } } } }',
    );
    expect(bCommissions.commissions.edges).toEqual([{ node: { amount: { amount: '0.50' }, status: 'PAYABLE', rate: '50' } }]);
  });

  it('the database itself refuses cross-tenant rows (row-level security, composite foreign keys)', async () => {
    const a = await seedA();
    const { tenantA, tenantB } = a;
    // Without a tenant filter in the query, RLS still shows B nothing of A's.
    expect(await asTenant(payroll.db, tenantB.tenantId, (tx) => tx.commission.findMany({ where: { id: a.commissionId } }))).toEqual([]);
    expect(await asTenant(payroll.db, tenantB.tenantId, (tx) => tx.payProfile.count())).toBe(0);
    // B cannot write a row for A (WITH CHECK) ...
    await expect(
      asTenant(payroll.db, tenantB.tenantId, (tx) => tx.commissionRule.create({ data: { tenantId: tenantA.tenantId, defaultRate: '99' } })),
    ).rejects.toThrow();
    // ... nor point its own payslip at A's pay run (FOREIGN KEY (tenant_id, pay_run_id)), nor its commission at A's payslip.
    await payroll.deliver(employeeHired(tenantB.tenantId, a.employeeId, { name: 'B copy' }));
    await expect(
      asTenant(payroll.db, tenantB.tenantId, (tx) =>
        tx.payslip.create({
          data: {
            tenantId: tenantB.tenantId,
            payRunId: a.run.id,
            employeeId: a.employeeId,
            employeeName: 'x',
            periodStart: new Date('2026-11-01'),
            periodEnd: new Date('2026-11-30'),
            currency: 'EUR',
            base: '0',
            commissionTotal: '0',
            gross: '0',
          },
        }),
      ),
    ).rejects.toThrow(/foreign key|Foreign key/);
    // Outside a tenant transaction the app role sees no rows at all.
    const [{ count }] = await payroll.db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM commissions`;
    expect(Number(count)).toBe(0);
  });
});

describe('authentication', () => {
  const LIST = '{ payRuns { totalCount } }';

  it('answers 401 without a signed context, or with a forged one', async () => {
    const missing = await callSubgraph(payroll.url, null, LIST);
    expect(missing.status).toBe(401);
    expect(missing.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(payroll.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signCallerContext(newCaller(), 'x'.repeat(40)) },
      body: JSON.stringify({ query: LIST }),
    });
    expect(forged.status).toBe(401);
  });

  it('refuses a signed context without a tenant', async () => {
    const response = await callSubgraph(payroll.url, anonymousCaller(), LIST);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
