import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExclusionViolation } from '@tessera/prisma';
import {
  asTenant,
  callSubgraph,
  codesOf,
  mutate,
  refusedCodes,
  newCaller,
  query,
  recordedEvents,
  USER_ERRORS,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import {
  createdPayRun,
  createPayRun,
  dealWon,
  employeeHired,
  employeeTerminated,
  employeeUpdated,
  employeeView,
  invoicePaid,
  movePayRun,
  PAY_RUN_FIELDS,
  startPayroll,
  type PayProfileView,
  type PayRunView,
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
type Caller = ReturnType<typeof newCaller>;
type PayRunCount = { payRuns: { totalCount: number } };
type Rule = { defaultRate: string; updatedAt: string | null };
type RulePayload = { commissionRule: Rule | null; userErrors: UserErrorShape[] };
type ProfilePayload = { payProfile: Partial<PayProfileView> | null; userErrors: UserErrorShape[] };
type Profile = { payProfile: Partial<PayProfileView> | null };

/** A team with salaries, employment dates and commissions in every state (amounts in the comments). */
async function seedTeam(caller: Caller) {
  const t = caller.tenantId;
  const ids = { ada: randomUUID(), bob: randomUUID(), cy: randomUUID(), dan: randomUUID(), eve: randomUUID(), frank: randomUUID() };
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  await payroll.deliver(employeeHired(t, ids.ada, { name: 'Ada', salary: eur('60000') })); // Nov: 60000 / 12 = 5000
  await payroll.deliver(employeeHired(t, ids.bob, { name: 'Bob', salary: eur('36500'), hiredAt: '2026-11-16' })); // 15 days: 1500
  await payroll.deliver(employeeHired(t, ids.cy, { name: 'Cy', salary: eur('60000') }));
  await payroll.deliver(employeeTerminated(t, ids.cy, '2026-10-31', { name: 'Cy', salary: eur('60000'), revision: 2 })); // gone before November
  await payroll.deliver(employeeHired(t, ids.dan, { name: 'Dan', salary: { amount: '60000', currency: 'USD' } })); // paid in USD
  await payroll.deliver(employeeHired(t, ids.eve, { name: 'Eve', salary: eur('60000'), hiredAt: '2026-12-01' })); // starts after November
  await payroll.deliver(employeeHired(t, ids.frank, { name: 'Frank', salary: eur('36500') }));
  await payroll.deliver(employeeTerminated(t, ids.frank, '2026-11-10', { name: 'Frank', salary: eur('36500'), revision: 2 })); // 10 days: 1000

  const deal = async (ownerId: string, amount: string, currency: string, paid: boolean) => {
    const won = dealWon(t, { ownerId, amount, currency });
    await payroll.deliver(won);
    if (paid) await payroll.deliver(invoicePaid(t, { dealId: won.subjectId }));
    return won.subjectId;
  };
  const deals = {
    ada1: await deal(ids.ada, '1000', 'EUR', true), // 100.00 PAYABLE
    ada2: await deal(ids.ada, '555.55', 'EUR', true), // 55.555 -> 55.56 PAYABLE
    adaAccrued: await deal(ids.ada, '700', 'EUR', false), // 70.00 ACCRUED: not in a run
    adaUsd: await deal(ids.ada, '300', 'USD', true), // 30.00 USD PAYABLE
    dan: await deal(ids.dan, '200', 'EUR', true), // 20.00 EUR PAYABLE
    eve: await deal(ids.eve, '900', 'EUR', true), // 90.00: Eve is not employed in November
  };
  return { ids, deals };
}

const slipSummary = (run: PayRunView | null) =>
  run!.payslips.map((slip) => [
    slip.employeeName,
    slip.base.amount,
    slip.commissions.amount,
    slip.gross.amount,
    slip.commissionLines.length,
  ]);

interface CommissionStatus {
  status: string;
  amount: { amount: string; currency: string };
  deal: { id: string };
  payslip: { id: string; payRun: { id: string; status: string } } | null;
}

async function commissionStatuses(caller: Caller, employeeId: string): Promise<CommissionStatus[]> {
  const view = await employeeView<{ commissions: CommissionStatus[] }>(
    payroll.url,
    caller,
    employeeId,
    'commissions { status amount { amount currency } deal { id } payslip { id payRun { id status } } }',
  );
  return view.commissions;
}

describe('createPayRun', () => {
  it('makes one payslip per employee employed in the period with pay in the currency: base by the month or day, plus PAYABLE commissions', async () => {
    const caller = newCaller();
    const { ids, deals } = await seedTeam(caller);
    const payload = await createPayRun(payroll.url, caller, NOVEMBER);
    expect(payload.userErrors).toEqual([]);
    const run = payload.payRun!;
    expect(run).toMatchObject({
      status: 'DRAFT',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      currency: 'EUR',
      base: { amount: '7500.00', currency: 'EUR' },
      commissions: { amount: '175.56', currency: 'EUR' },
      gross: { amount: '7675.56', currency: 'EUR' },
      approvedAt: null,
      paidAt: null,
    });
    expect(slipSummary(run)).toEqual([
      ['Ada', '5000.00', '155.56', '5155.56', 2],
      ['Bob', '1500.00', '0.00', '1500.00', 0],
      ['Dan', '0.00', '20.00', '20.00', 1],
      ['Frank', '1000.00', '0.00', '1000.00', 0],
    ]);
    expect(run.payslips.map((slip) => slip.employee.id)).toEqual([ids.ada, ids.bob, ids.dan, ids.frank]);
    expect(run.payslips[0]).toMatchObject({ periodStart: '2026-11-01', periodEnd: '2026-11-30' });

    // Ada's two EUR PAYABLE commissions are on her payslip; the ACCRUED and the USD ones are not.
    const ada = await commissionStatuses(caller, ids.ada);
    const inRun = (dealId: string) => ada.find((c) => c.deal.id === dealId)?.payslip?.payRun?.id ?? null;
    expect([inRun(deals.ada1), inRun(deals.ada2), inRun(deals.adaAccrued), inRun(deals.adaUsd)]).toEqual([run.id, run.id, null, null]);
    expect((await commissionStatuses(caller, ids.eve))[0].payslip).toBeNull();

    // The USD run of the same month pays Dan's salary and Ada's USD commission.
    const usd = await createPayRun(payroll.url, caller, { ...NOVEMBER, currency: 'usd' });
    expect(usd.userErrors).toEqual([]);
    expect(usd.payRun!.currency).toBe('USD');
    expect(slipSummary(usd.payRun)).toEqual([
      ['Ada', '0.00', '30.00', '30.00', 1],
      ['Dan', '5000.00', '0.00', '5000.00', 0],
    ]);
    const payslips = await employeeView<{ payslips: unknown[] }>(
      payroll.url,
      caller,
      ids.ada,
      'payslips { gross { amount currency } payRun { id } }',
    );
    expect(payslips.payslips).toEqual([
      { gross: { amount: '30.00', currency: 'USD' }, payRun: { id: usd.payRun!.id } },
      { gross: { amount: '5155.56', currency: 'EUR' }, payRun: { id: run.id } },
    ]);
  });

  it('refuses an invalid period or currency and creates nothing', async () => {
    const caller = newCaller();
    await payroll.deliver(employeeHired(caller.tenantId, randomUUID()));
    const bad = await createPayRun(payroll.url, caller, { periodStart: '2026-11-30', periodEnd: '2026-11-01', currency: 'EURO' });
    expect(bad).toEqual({
      payRun: null,
      userErrors: [
        { code: 'INVALID_CURRENCY', field: ['input', 'currency'], message: 'Currency must be an ISO 4217 code' },
        { code: 'INVALID_PERIOD', field: ['input', 'periodEnd'], message: 'periodEnd must be on or after periodStart' },
      ],
    });
    const tooLong = await createPayRun(payroll.url, caller, { periodStart: '2026-01-01', periodEnd: '2027-01-02', currency: 'EUR' });
    expect(codesOf(tooLong)).toEqual(['INVALID_PERIOD']);
    const notADate = await callSubgraph(
      payroll.url,
      caller,
      'mutation($input: CreatePayRunInput!) { createPayRun(input: $input) { payRun { id } } }',
      {
        input: { periodStart: '2026-02-30', periodEnd: '2026-03-01', currency: 'EUR' },
      },
    );
    expect(notADate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const runs = await query<PayRunCount>(payroll.url, caller, '{ payRuns { totalCount } }');
    expect(runs.payRuns.totalCount).toBe(0);
    expect(await asTenant(payroll.db, caller.tenantId, (tx) => tx.payslip.count())).toBe(0);
  });

  it('refuses a run overlapping another run of the currency that is not cancelled (PAY_RUN_OVERLAP)', async () => {
    const caller = newCaller();
    await payroll.deliver(employeeHired(caller.tenantId, randomUUID()));
    const first = await createPayRun(payroll.url, caller, NOVEMBER);
    expect(first.userErrors).toEqual([]);
    for (const period of [
      NOVEMBER,
      { ...NOVEMBER, periodStart: '2026-11-30', periodEnd: '2026-12-15' },
      { ...NOVEMBER, periodStart: '2026-10-15', periodEnd: '2026-11-01' },
    ]) {
      const again = await createPayRun(payroll.url, caller, period);
      expect(again.payRun, JSON.stringify(period)).toBeNull();
      expect(again.userErrors).toEqual([
        {
          code: 'PAY_RUN_OVERLAP',
          field: ['input', 'periodStart'],
          message: 'A pay run in this currency already covers 2026-11-01 to 2026-11-30; cancel it first',
        },
      ]);
    }
    const december = await createPayRun(payroll.url, caller, { ...NOVEMBER, periodStart: '2026-12-01', periodEnd: '2026-12-31' });
    expect(december.userErrors).toEqual([]);
    const otherCurrency = await createPayRun(payroll.url, caller, { ...NOVEMBER, currency: 'GBP' });
    expect(otherCurrency.userErrors).toEqual([]);
    expect((await query<PayRunCount>(payroll.url, caller, '{ payRuns { totalCount } }')).payRuns.totalCount).toBe(3);
  });

  it('of concurrent createPayRun calls for one period exactly one succeeds, and each commission is claimed once', async () => {
    const caller = newCaller();
    const { ids } = await seedTeam(caller);
    const results = await Promise.all(Array.from({ length: 6 }, () => createPayRun(payroll.url, caller, NOVEMBER)));
    const created = results.filter((r) => r.payRun);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'PAY_RUN_OVERLAP')).toHaveLength(5);
    expect(slipSummary(created[0].payRun)[0]).toEqual(['Ada', '5000.00', '155.56', '5155.56', 2]);
    const runs = await query<PayRunCount>(payroll.url, caller, `{ payRuns { totalCount edges { node { id } } } }`);
    expect(runs.payRuns.totalCount).toBe(1);
    const claimed = (await commissionStatuses(caller, ids.ada)).filter((c) => c.payslip);
    const createdId = created[0]!.payRun!.id;
    expect(claimed.map((c) => c.payslip!.payRun.id)).toEqual([createdId, createdId]);
  });

  it('the database refuses overlapping runs and a commission in a cancelled run by itself', async () => {
    const caller = newCaller();
    const t = caller.tenantId;
    const runData = { tenantId: t, periodStart: new Date('2026-11-01'), periodEnd: new Date('2026-11-30'), currency: 'EUR' };
    await asTenant(payroll.db, t, (tx) => tx.payRun.create({ data: runData }));
    const overlapping = asTenant(payroll.db, t, (tx) =>
      tx.payRun.create({ data: { ...runData, periodStart: new Date('2026-11-30'), periodEnd: new Date('2026-12-30') } }),
    );
    await expect(overlapping).rejects.toThrow(/pay_runs_no_overlap|23P01|exclusion/i);
    // ... as an error createPayRun recognises (it answers PAY_RUN_OVERLAP when a race gets this far)
    expect(isExclusionViolation(await overlapping.catch((error: unknown) => error))).toBe(true);

    const ownerId = randomUUID();
    await payroll.deliver(employeeHired(t, ownerId));
    const won = dealWon(t, { ownerId });
    await payroll.deliver(won);
    await payroll.deliver(invoicePaid(t, { dealId: won.subjectId }));
    const cancelled = await asTenant(payroll.db, t, async (tx) => {
      const run = await tx.payRun.create({ data: { ...runData, currency: 'USD', status: 'CANCELLED', cancelledAt: new Date() } });
      return tx.payslip.create({
        data: {
          tenantId: t,
          payRunId: run.id,
          employeeId: ownerId,
          employeeName: 'x',
          periodStart: run.periodStart,
          periodEnd: run.periodEnd,
          currency: 'USD',
          base: '0',
          commissionTotal: '0',
          gross: '0',
        },
      });
    });
    await expect(
      asTenant(payroll.db, t, (tx) => tx.commission.updateMany({ where: { dealId: won.subjectId }, data: { payslipId: cancelled.id } })),
    ).rejects.toThrow(/cancelled pay run/);
    // nor can a commission become PAID outside a pay run
    await expect(
      asTenant(payroll.db, t, (tx) =>
        tx.commission.updateMany({ where: { dealId: won.subjectId }, data: { status: 'PAID', paidAt: new Date() } }),
      ),
    ).rejects.toThrow(/commissions_paid_through_pay_run/);
  });
});

describe('pay run lifecycle', () => {
  it('DRAFT -> APPROVED -> PAID: its commissions become PAID, with payroll events for each step', async () => {
    const caller = newCaller();
    const { ids, deals } = await seedTeam(caller);
    const run = await createdPayRun(payroll.url, caller, NOVEMBER);
    const eventsBefore = (await recordedEvents(payroll.db, caller.tenantId)).length;

    const approved = await movePayRun(payroll.url, caller, 'approvePayRun', run.id);
    expect(approved.userErrors).toEqual([]);
    expect(approved.payRun!.status).toBe('APPROVED');
    expect(new Date(approved.payRun!.approvedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const paid = await movePayRun(payroll.url, caller, 'markPayRunPaid', run.id);
    expect(paid.userErrors).toEqual([]);
    expect(paid.payRun).toMatchObject({ status: 'PAID', approvedAt: approved.payRun!.approvedAt });
    expect(paid.payRun!.payslips.flatMap((slip) => slip.commissionLines.map((line) => line.status))).toEqual(['PAID', 'PAID', 'PAID']);

    const ada = await commissionStatuses(caller, ids.ada);
    const statusOf = (dealId: string) => ada.find((c) => c.deal.id === dealId)!.status;
    expect([statusOf(deals.ada1), statusOf(deals.ada2), statusOf(deals.adaAccrued), statusOf(deals.adaUsd)]).toEqual([
      'PAID',
      'PAID',
      'ACCRUED',
      'PAYABLE',
    ]);
    const paidCommissions = await query<{ commissions: { totalCount: number; edges: { node: { paidAt: string | null } }[] } }>(
      payroll.url,
      caller,
      '{ commissions(filter: { status: [PAID] }) { totalCount edges { node { paidAt } } } }',
    );
    expect(paidCommissions.commissions.totalCount).toBe(3);
    expect(paidCommissions.commissions.edges.every((e) => e.node.paidAt === paid.payRun!.paidAt)).toBe(true);

    const events = (await recordedEvents(payroll.db, caller.tenantId)).slice(eventsBefore);
    expect(events.map((e) => e.type)).toEqual([
      'payroll.pay_run.approved',
      'payroll.commission.paid',
      'payroll.commission.paid',
      'payroll.commission.paid',
      'payroll.pay_run.paid',
    ]);
    expect(events[0]).toMatchObject({
      subjectId: run.id,
      data: {
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        gross: { amount: '7675.56', currency: 'EUR' },
        commissions: { amount: '175.56', currency: 'EUR' },
        payslipCount: 4,
      },
    });
    expect(events[1]!.data).toMatchObject({ status: 'PAID', payRunId: run.id, amount: { currency: 'EUR' } });
    expect(events[4]!.data).toMatchObject({ payslipCount: 4, paidAt: paid.payRun!.paidAt });

    // the next month's run pays what became PAYABLE since, and never a PAID commission again
    await payroll.deliver(invoicePaid(caller.tenantId, { dealId: deals.adaAccrued }));
    const december = await createPayRun(payroll.url, caller, { ...NOVEMBER, periodStart: '2026-12-01', periodEnd: '2026-12-31' });
    expect(slipSummary(december.payRun)).toEqual([
      ['Ada', '5000.00', '70.00', '5070.00', 1],
      ['Bob', '3041.67', '0.00', '3041.67', 0], // 36500 / 12
      ['Eve', '5000.00', '90.00', '5090.00', 1],
    ]);
  });

  it('cancelling a DRAFT releases its commissions for the next run of the period', async () => {
    const caller = newCaller();
    const { ids } = await seedTeam(caller);
    const run = await createdPayRun(payroll.url, caller, NOVEMBER);
    const cancelled = await movePayRun(payroll.url, caller, 'cancelPayRun', run.id);
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.payRun!.status).toBe('CANCELLED');
    expect(cancelled.payRun!.cancelledAt).not.toBeNull();
    expect(slipSummary(cancelled.payRun)[0]).toEqual(['Ada', '5000.00', '155.56', '5155.56', 0]);
    expect((await commissionStatuses(caller, ids.ada)).filter((c) => c.payslip)).toEqual([]);

    const again = await createPayRun(payroll.url, caller, NOVEMBER);
    expect(again.userErrors).toEqual([]);
    expect(slipSummary(again.payRun)[0]).toEqual(['Ada', '5000.00', '155.56', '5155.56', 2]);
    const list = await query(
      payroll.url,
      caller,
      '{ all: payRuns { totalCount } open: payRuns(filter: { status: [DRAFT] }) { edges { node { id } } } }',
    );
    expect(list).toEqual({ all: { totalCount: 2 }, open: { edges: [{ node: { id: again.payRun!.id } }] } });
  });

  it('refuses transitions from the wrong state or of unknown runs, and changes nothing', async () => {
    const caller = newCaller();
    await seedTeam(caller);
    const run = await createdPayRun(payroll.url, caller, NOVEMBER);
    const codes = async (name: 'approvePayRun' | 'markPayRunPaid' | 'cancelPayRun', id = run.id) =>
      (await movePayRun(payroll.url, caller, name, id)).userErrors.map((e) => [e.code, e.field]);
    expect(await codes('markPayRunPaid')).toEqual([['PAY_RUN_NOT_APPROVED', ['input', 'payRunId']]]);
    expect(await codes('approvePayRun')).toEqual([]);
    expect(await codes('approvePayRun')).toEqual([['PAY_RUN_NOT_DRAFT', ['input', 'payRunId']]]);
    expect(await codes('cancelPayRun')).toEqual([['PAY_RUN_NOT_DRAFT', ['input', 'payRunId']]]);
    expect(await codes('markPayRunPaid')).toEqual([]);
    expect(await codes('cancelPayRun')).toEqual([['PAY_RUN_NOT_DRAFT', ['input', 'payRunId']]]);
    expect(await codes('markPayRunPaid')).toEqual([['PAY_RUN_NOT_APPROVED', ['input', 'payRunId']]]);
    for (const id of [randomUUID(), 'not-an-id']) {
      for (const name of ['approvePayRun', 'markPayRunPaid', 'cancelPayRun'] as const) {
        expect(await codes(name, id), `${name} ${id}`).toEqual([['NOT_FOUND', ['input', 'payRunId']]]);
      }
    }
    const read = await query<{ payRun: { status: string } | null }>(payroll.url, caller, `query($id: ID!) { payRun(id: $id) { status } }`, {
      id: run.id,
    });
    expect(read.payRun!.status).toBe('PAID');
    expect(await recordedEvents(payroll.db, caller.tenantId, 'payroll.commission.paid')).toHaveLength(3);
  });

  it('two concurrent approvals of one run: one wins, one event', async () => {
    const caller = newCaller();
    await seedTeam(caller);
    const run = await createdPayRun(payroll.url, caller, NOVEMBER);
    const results = await Promise.all([1, 2, 3].map(() => movePayRun(payroll.url, caller, 'approvePayRun', run.id)));
    expect(results.filter((r) => r.payRun).length).toBe(1);
    expect(await recordedEvents(payroll.db, caller.tenantId, 'payroll.pay_run.approved')).toHaveLength(1);
  });
});

describe('roles', () => {
  it('members cannot set rates or create, approve, pay or cancel pay runs; admins can', async () => {
    const owner = newCaller();
    const member = { ...owner, role: 'MEMBER' as const };
    const admin = { ...owner, role: 'ADMIN' as const };
    const employeeId = randomUUID();
    await payroll.deliver(employeeHired(owner.tenantId, employeeId));
    const run = await createdPayRun(payroll.url, owner, NOVEMBER);

    // The permission table refuses members before any resolver runs (behaviour 7).
    const refused = (name: string, input: Record<string, unknown>) => refusedCodes(payroll.url, member, name, 'userErrors { code }', input);
    expect(await refused('createPayRun', { ...NOVEMBER, currency: 'USD' })).toEqual(['FORBIDDEN']);
    for (const name of ['approvePayRun', 'markPayRunPaid', 'cancelPayRun'] as const) {
      expect(await refused(name, { payRunId: run.id }), name).toEqual(['FORBIDDEN']);
    }
    expect(await refused('setCommissionRate', { rate: '50' })).toEqual(['FORBIDDEN']);
    expect(await refused('setEmployeeCommissionRate', { employeeId, rate: '50' })).toEqual(['FORBIDDEN']);
    // Pay is not a member's to read (issue 12 item 6): pay runs are FORBIDDEN, payslips and the salary hidden.
    const reads = await callSubgraph(payroll.url, member, '{ payRuns { totalCount } }');
    expect(reads.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const PAY = 'payslips { id } payProfile { yearlySalary { amount } }';
    type PayView = { payslips: unknown[] | null; payProfile: { yearlySalary: { amount: string } | null } | null };
    expect(await employeeView<PayView>(payroll.url, member, employeeId, PAY)).toEqual({
      payslips: null,
      payProfile: { yearlySalary: null },
    });
    expect(await employeeView<PayView>(payroll.url, admin, employeeId, PAY)).toEqual({
      payslips: expect.any(Array),
      payProfile: { yearlySalary: { amount: '60000.00' } },
    });
    const unchanged = await query(
      payroll.url,
      owner,
      `query($id: ID!) { payRun(id: $id) { status } payRuns { totalCount } commissionRule { defaultRate updatedAt } }`,
      { id: run.id },
    );
    expect(unchanged).toEqual({
      payRun: { status: 'DRAFT' },
      payRuns: { totalCount: 1 },
      commissionRule: { defaultRate: '10', updatedAt: null },
    });
    expect((await employeeView<Profile>(payroll.url, member, employeeId, 'payProfile { commissionRate }')).payProfile).toEqual({
      commissionRate: null,
    });

    expect((await movePayRun(payroll.url, admin, 'approvePayRun', run.id)).payRun!.status).toBe('APPROVED');
    expect(
      (
        await mutate<RulePayload>(payroll.url, admin, 'setCommissionRate', `commissionRule { defaultRate } ${USER_ERRORS}`, {
          rate: '50',
        })
      ).commissionRule,
    ).toEqual({
      defaultRate: '50',
    });
  });
});

describe('commission rules', () => {
  it('defaults to 10%, takes 0 to 100 with 4 decimals, and refuses anything else unchanged', async () => {
    const caller = newCaller();
    const RULE = `commissionRule { defaultRate updatedAt } ${USER_ERRORS}`;
    expect(
      (await query<{ commissionRule: Rule }>(payroll.url, caller, '{ commissionRule { defaultRate updatedAt } }')).commissionRule,
    ).toEqual({
      defaultRate: '10',
      updatedAt: null,
    });
    const set = await mutate<RulePayload>(payroll.url, caller, 'setCommissionRate', RULE, { rate: '12.3456' });
    expect(set.commissionRule!.defaultRate).toBe('12.3456');
    expect(new Date(set.commissionRule!.updatedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    for (const rate of ['100.01', '-1', '1.23456']) {
      const refused = await mutate<RulePayload>(payroll.url, caller, 'setCommissionRate', RULE, { rate });
      expect(refused.commissionRule, rate).toBeNull();
      expect(refused.userErrors.map((e) => [e.code, e.field])).toEqual([['INVALID_RATE', ['input', 'rate']]]);
    }
    expect((await mutate<RulePayload>(payroll.url, caller, 'setCommissionRate', RULE, { rate: '0' })).commissionRule!.defaultRate).toBe(
      '0',
    );
    expect((await mutate<RulePayload>(payroll.url, caller, 'setCommissionRate', RULE, { rate: '100' })).commissionRule!.defaultRate).toBe(
      '100',
    );
    expect(
      (await query<{ commissionRule: Rule }>(payroll.url, caller, '{ commissionRule { defaultRate } }')).commissionRule.defaultRate,
    ).toBe('100');
  });

  it('an employee rate needs the employee’s pay profile (NOT_FOUND) and a valid rate', async () => {
    const caller = newCaller();
    const PROFILE = `payProfile { commissionRate } ${USER_ERRORS}`;
    for (const employeeId of [randomUUID(), 'nope']) {
      const missing = await mutate<ProfilePayload>(payroll.url, caller, 'setEmployeeCommissionRate', PROFILE, {
        employeeId,
        rate: '5',
      });
      expect(missing).toEqual({
        payProfile: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'employeeId'], message: 'No pay profile for this employee' }],
      });
    }
    const employeeId = randomUUID();
    await payroll.deliver(employeeHired(caller.tenantId, employeeId));
    const invalid = await mutate<ProfilePayload>(payroll.url, caller, 'setEmployeeCommissionRate', PROFILE, {
      employeeId,
      rate: '101',
    });
    expect(codesOf(invalid)).toEqual(['INVALID_RATE']);
    expect(
      (await employeeView<Profile>(payroll.url, caller, employeeId, 'payProfile { commissionRate }')).payProfile!.commissionRate,
    ).toBeNull();
  });
});

describe('pay run queries', () => {
  it('lists pay runs oldest first with pages, reads one by id, and shows the run’s payslips from a payslip', async () => {
    const caller = newCaller();
    await payroll.deliver(employeeHired(caller.tenantId, randomUUID(), { name: 'Ada' }));
    const months = ['01', '02', '03'];
    const runs: PayRunView[] = [];
    for (const month of months) {
      const end = new Date(Date.UTC(2026, Number(month), 0)).toISOString().slice(0, 10);
      runs.push(await createdPayRun(payroll.url, caller, { periodStart: `2026-${month}-01`, periodEnd: end, currency: 'EUR' }));
    }
    type Page = {
      payRuns: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { periodEnd: string } }[];
      };
    };
    const LIST = `query($first: Int, $after: String) { payRuns(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id periodEnd } } } }`;
    const page1 = await query<Page>(payroll.url, caller, LIST, { first: 2 });
    const page2 = await query<Page>(payroll.url, caller, LIST, { first: 2, after: page1.payRuns.pageInfo.endCursor });
    expect([...page1.payRuns.edges, ...page2.payRuns.edges].map((e) => e.node.periodEnd)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
    ]);
    expect(page2.payRuns).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    const over = await callSubgraph(payroll.url, caller, LIST, { first: 101 });
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const one = await query<{ payRun: PayRunView | null; nope: { id: string } | null }>(
      payroll.url,
      caller,
      `query($id: ID!) { payRun(id: $id) { ${PAY_RUN_FIELDS} } nope: payRun(id: "nope") { id } }`,
      { id: runs[1]!.id },
    );
    expect(one.payRun).toEqual(runs[1]);
    expect(one.nope).toBeNull();
    expect(runs[1]!.payslips.map((s) => [s.employeeName, s.base.amount])).toEqual([['Ada', '5000.00']]);
  });
});

describe('pay runs after HR events arrived out of order', () => {
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const OCTOBER = { periodStart: '2026-10-01', periodEnd: '2026-10-31', currency: 'EUR' };
  const PROFILE = 'payProfile { name status hiredOn terminatedOn }';

  it('terminated before hired: the profile ends TERMINATED and gets no payslip for periods after the last day', async () => {
    const caller = newCaller();
    const t = caller.tenantId;
    const [gone, stays] = [randomUUID(), randomUUID()];
    const facts = { name: 'Gone', salary: eur('36500'), hiredAt: '2026-01-01' };
    // HR hired (revision 1) then terminated (revision 2) the employee; payroll sees the termination first.
    await payroll.deliver(employeeTerminated(t, gone, '2026-10-31', { ...facts, revision: 2 }));
    await payroll.deliver(employeeHired(t, gone, facts));
    await payroll.deliver(employeeHired(t, stays, { name: 'Stays', salary: eur('36500'), hiredAt: '2026-01-01' }));
    expect((await employeeView<Profile>(payroll.url, caller, gone, PROFILE)).payProfile).toEqual({
      name: 'Gone',
      status: 'TERMINATED',
      hiredOn: '2026-01-01',
      terminatedOn: '2026-10-31',
    });

    const november = await createPayRun(payroll.url, caller, NOVEMBER);
    expect(november.userErrors).toEqual([]);
    expect(november.payRun!.payslips.map((slip: any) => slip.employee.id)).toEqual([stays]);
    const october = await createPayRun(payroll.url, caller, OCTOBER);
    expect(october.payRun!.payslips.map((slip: any) => [slip.employeeName, slip.base.amount])).toEqual([
      ['Gone', '3041.67'],
      ['Stays', '3041.67'],
    ]);
  });

  it('updated before hired: the profile has the hiring day, so pay starts on it', async () => {
    const caller = newCaller();
    const t = caller.tenantId;
    const late = randomUUID();
    // Hired on 16 November (revision 1), renamed (revision 2); payroll sees the update first.
    const hired = employeeHired(t, late, { name: 'Bob', salary: eur('36500'), hiredAt: '2026-11-16' });
    await payroll.deliver(employeeUpdated(t, late, { name: 'Robert', salary: eur('36500'), hiredAt: '2026-11-16', revision: 2 }));
    expect((await employeeView<Profile>(payroll.url, caller, late, PROFILE)).payProfile).toEqual({
      name: 'Robert',
      status: 'ACTIVE',
      hiredOn: '2026-11-16',
      terminatedOn: null,
    });
    await payroll.deliver(hired);
    expect((await employeeView<Profile>(payroll.url, caller, late, PROFILE)).payProfile).toMatchObject({
      name: 'Robert',
      hiredOn: '2026-11-16',
    });

    const october = await createPayRun(payroll.url, caller, OCTOBER);
    expect(october.payRun!.payslips).toEqual([]);
    const november = await createPayRun(payroll.url, caller, NOVEMBER);
    expect(slipSummary(november.payRun)).toEqual([['Robert', '1500.00', '0.00', '1500.00', 0]]); // 15 days of 100
  });
});

describe('pay run periods are stored exactly as given (issue 12 item 4)', () => {
  // Years below 100 are where JavaScript's Date.UTC(y, ...) and new Date(y, m, d) read 1900 + y.
  const YEARS = ['0001', '0099', '0100', '1999', '9999'];

  it('keeps the period of years 1, 99, 100, 1999 and 9999, and pays by the month and by the day in them', async () => {
    for (const year of YEARS) {
      const caller = newCaller();
      await payroll.deliver(employeeHired(caller.tenantId, randomUUID(), { name: 'Ada', hiredAt: '0001-01-01' }));
      const january = await createdPayRun(payroll.url, caller, {
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-01-31`,
        currency: 'EUR',
      });
      expect([january.periodStart, january.periodEnd], year).toEqual([`${year}-01-01`, `${year}-01-31`]);
      expect(slipSummary(january), year).toEqual([['Ada', '5000.00', '0.00', '5000.00', 0]]); // 60000 / 12
      expect([january.payslips[0]!.periodStart, january.payslips[0]!.periodEnd], year).toEqual([`${year}-01-01`, `${year}-01-31`]);
      // ten days of a 365-day year (none of these is a leap year): 60000 x 10 / 365 = 1643.84
      const tenDays = await createdPayRun(payroll.url, caller, {
        periodStart: `${year}-03-01`,
        periodEnd: `${year}-03-10`,
        currency: 'EUR',
      });
      expect([tenDays.periodStart, tenDays.periodEnd, tenDays.base.amount], year).toEqual([`${year}-03-01`, `${year}-03-10`, '1643.84']);

      const read = await query<{ payRun: { periodStart: string; periodEnd: string } | null }>(
        payroll.url,
        caller,
        'query($id: ID!) { payRun(id: $id) { periodStart periodEnd } }',
        { id: january.id },
      );
      expect(read.payRun, year).toEqual({ periodStart: `${year}-01-01`, periodEnd: `${year}-01-31` });
      const stored = await asTenant(payroll.db, caller.tenantId, (tx) => tx.payRun.findFirstOrThrow({ where: { id: january.id } }));
      expect([stored.periodStart.toISOString(), stored.periodEnd.toISOString()], year).toEqual([
        `${year}-01-01T00:00:00.000Z`,
        `${year}-01-31T00:00:00.000Z`,
      ]);
      expect((await movePayRun(payroll.url, caller, 'approvePayRun', january.id)).userErrors).toEqual([]);
      const [approved] = await recordedEvents(payroll.db, caller.tenantId, 'payroll.pay_run.approved');
      expect(approved!.data, year).toMatchObject({ periodStart: `${year}-01-01`, periodEnd: `${year}-01-31` });
    }
  });

  it('refuses year 0 and year 10000 as not a Date (BAD_USER_INPUT), creating nothing', async () => {
    const caller = newCaller();
    for (const [periodStart, periodEnd] of [
      ['0000-12-01', '0000-12-31'],
      ['9999-12-01', '10000-01-31'],
    ]) {
      const response = await callSubgraph(
        payroll.url,
        caller,
        'mutation($input: CreatePayRunInput!) { createPayRun(input: $input) { payRun { id } } }',
        { input: { periodStart, periodEnd, currency: 'EUR' } },
      );
      expect(response.errors?.[0]?.extensions?.code, periodStart).toBe('BAD_USER_INPUT');
    }
    expect((await query<PayRunCount>(payroll.url, caller, '{ payRuns { totalCount } }')).payRuns.totalCount).toBe(0);
  });
});
