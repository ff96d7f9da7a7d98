import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, mutate, newCaller, query, recordedEvents, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import {
  COMMISSION_FIELDS,
  dealWon,
  employeeCommissions,
  employeeHired,
  employeeTerminated,
  employeeUpdated,
  employeeView,
  invoicePaid,
  startPayroll,
  type CommissionView,
  type PayProfileView,
  type RunningPayroll,
} from './harness.js';

let payroll: RunningPayroll;
beforeAll(async () => {
  payroll = await startPayroll();
});
afterAll(async () => {
  await payroll.stop();
});

const PROFILE =
  'payProfile { name email yearlySalary { amount currency } commissionRate effectiveCommissionRate status hiredOn terminatedOn }';

type Profile = { payProfile: Partial<PayProfileView> | null };
type ProfilePayload = Profile & { userErrors: { code: string }[] };
type CommissionPage = {
  commissions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; amount: { amount: string } } }[];
  };
};

function commissionsOf(caller: ReturnType<typeof newCaller>, employeeId: string): Promise<CommissionView[]> {
  return employeeCommissions(payroll.url, caller, employeeId);
}

describe('pay profiles from HR events', () => {
  it('hired creates the profile, updated changes it, terminated ends it', async () => {
    const caller = newCaller();
    const employeeId = randomUUID();
    expect(await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).toEqual({ payProfile: null });

    await payroll.deliver(
      employeeHired(caller.tenantId, employeeId, { hiredAt: '2026-03-01', salary: { amount: '54000', currency: 'EUR' } }),
    );
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      yearlySalary: { amount: '54000.00', currency: 'EUR' },
      commissionRate: null,
      effectiveCommissionRate: '10',
      status: 'ACTIVE',
      hiredOn: '2026-03-01',
      terminatedOn: null,
    });

    await payroll.deliver(
      employeeUpdated(caller.tenantId, employeeId, {
        name: 'Ada King',
        salary: { amount: '60000.5', currency: 'EUR' },
        hiredAt: '2026-03-01',
        status: 'ON_LEAVE',
        revision: 2,
      }),
    );
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject({
      name: 'Ada King',
      yearlySalary: { amount: '60000.50', currency: 'EUR' },
      status: 'ON_LEAVE',
      hiredOn: '2026-03-01',
    });

    await payroll.deliver(
      employeeTerminated(caller.tenantId, employeeId, '2026-11-15', {
        name: 'Ada King',
        salary: { amount: '60000.5', currency: 'EUR' },
        hiredAt: '2026-03-01',
        revision: 3,
      }),
    );
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject({
      name: 'Ada King',
      status: 'TERMINATED',
      terminatedOn: '2026-11-15',
    });
  });

  it('orders HR events by revision, not occurredAt: a higher revision applies, a lower one is ignored even when it looks newer', async () => {
    const caller = newCaller();
    const employeeId = randomUUID();
    const eur = (amount: string) => ({ amount, currency: 'EUR' });
    await payroll.deliver(employeeHired(caller.tenantId, employeeId, { hiredAt: '2026-01-05', salary: eur('50000') }));
    // Two raises recorded by HR replicas whose clocks disagree: revision 3 (the latest salary) was
    // stamped by a host running behind, so revision 2 has the later occurredAt.
    const raise = employeeUpdated(caller.tenantId, employeeId, {
      hiredAt: '2026-01-05',
      salary: eur('55000'),
      revision: 2,
      occurredAt: new Date('2026-06-01T12:05:00Z'),
    });
    const latest = employeeUpdated(caller.tenantId, employeeId, {
      hiredAt: '2026-01-05',
      salary: eur('58000'),
      revision: 3,
      occurredAt: new Date('2026-06-01T12:00:00Z'),
    });
    await payroll.deliver(latest);
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject({
      yearlySalary: { amount: '58000.00', currency: 'EUR' },
    });
    const salaryNow = async () => (await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile!.yearlySalary!.amount;
    await payroll.deliver(raise);
    expect(await salaryNow()).toBe('58000.00');
    await payroll.deliver(employeeHired(caller.tenantId, employeeId, { hiredAt: '2026-01-05', salary: eur('50000') })); // a late redelivery of revision 1
    expect(await salaryNow()).toBe('58000.00');
    const stored = await asTenant(payroll.db, caller.tenantId, (tx) =>
      tx.payProfile.findUniqueOrThrow({ where: { tenantId_employeeId: { tenantId: caller.tenantId, employeeId } } }),
    );
    expect(stored.hrRevision).toBe(3);
    // a later revision stamped even earlier still applies
    await payroll.deliver(
      employeeUpdated(caller.tenantId, employeeId, {
        hiredAt: '2026-01-05',
        salary: eur('61000'),
        revision: 4,
        occurredAt: new Date('2020-01-01T00:00:00Z'),
      }),
    );
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject({
      yearlySalary: { amount: '61000.00', currency: 'EUR' },
    });
  });

  it('updated before hired creates the profile with the right hiring day; hired (older) then changes nothing', async () => {
    const caller = newCaller();
    const employeeId = randomUUID();
    const hired = employeeHired(caller.tenantId, employeeId, { name: 'Old Name', hiredAt: '2026-01-05' });
    const updated = employeeUpdated(caller.tenantId, employeeId, { name: 'New Name', hiredAt: '2026-01-05', revision: 2 });
    await payroll.deliver(updated);
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject({
      name: 'New Name',
      status: 'ACTIVE',
      hiredOn: '2026-01-05',
    });
    await payroll.deliver(hired);
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject({
      name: 'New Name',
      hiredOn: '2026-01-05',
    });
  });

  it('terminated before hired (or updated) is applied at once, never retried, and the profile stays TERMINATED', async () => {
    const caller = newCaller();
    const employeeId = randomUUID();
    const facts = { name: 'Gone Soon', hiredAt: '2026-01-05' };
    // HR: hired (1), updated (2), terminated (3); payroll sees them in reverse.
    await payroll.deliver(employeeTerminated(caller.tenantId, employeeId, '2026-11-15', { ...facts, revision: 3 }));
    const gone = {
      name: 'Gone Soon',
      yearlySalary: { amount: '60000.00', currency: 'EUR' },
      status: 'TERMINATED',
      hiredOn: '2026-01-05',
      terminatedOn: '2026-11-15',
    };
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject(gone);
    await payroll.deliver(employeeUpdated(caller.tenantId, employeeId, { ...facts, name: 'Renamed', status: 'ON_LEAVE', revision: 2 }));
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject(gone);
    // hired, stamped an hour in the future by a skewed clock, still changes nothing
    const hired = employeeHired(caller.tenantId, employeeId, {
      ...facts,
      name: 'First Name',
      occurredAt: new Date(Date.now() + 3_600_000),
    });
    await payroll.deliver(hired);
    expect((await employeeView<Profile>(payroll.url, caller, employeeId, PROFILE)).payProfile).toMatchObject(gone);
  });
});

describe('commission accrual (crm.deal.won)', () => {
  it('accrues one commission for the deal’s owner at the tenant’s default 10% and records payroll.commission.accrued', async () => {
    const caller = newCaller();
    const ownerId = randomUUID();
    const closedAt = new Date('2026-11-20T10:00:00.000Z');
    const event = dealWon(caller.tenantId, { ownerId, amount: '1234.56', currency: 'EUR', closedAt });
    await payroll.deliver(event);
    const [commission, ...others] = await commissionsOf(caller, ownerId);
    expect(others).toEqual([]);
    expect(commission).toMatchObject({
      status: 'ACCRUED',
      amount: { amount: '123.46', currency: 'EUR' },
      rate: '10',
      dealAmount: { amount: '1234.56', currency: 'EUR' },
      deal: { id: event.subjectId },
      employee: { id: ownerId },
      accruedAt: closedAt.toISOString(),
      payableAt: null,
      paidAt: null,
    });
    const recorded = await recordedEvents(payroll.db, caller.tenantId);
    expect(recorded.map(({ type, subjectId, subject, data }) => ({ type, subjectId, subject, data }))).toEqual([
      {
        type: 'payroll.commission.accrued',
        subjectId: commission.id,
        subject: `payroll_tests.payroll.${caller.tenantId}.commission.accrued`,
        data: { employeeId: ownerId, dealId: event.subjectId, status: 'ACCRUED', amount: { amount: '123.46', currency: 'EUR' } },
      },
    ]);
  });

  it('the same deal won twice (a redelivery, or the event recorded again) makes one commission and one event', async () => {
    const caller = newCaller();
    const ownerId = randomUUID();
    const first = dealWon(caller.tenantId, { ownerId, amount: '500' });
    const again = dealWon(caller.tenantId, { dealId: first.subjectId, ownerId, amount: '500' });
    await payroll.deliver(first);
    await payroll.deliver(first);
    await payroll.deliver(again);
    await Promise.all([payroll.deliver(again), payroll.deliver(first)]);
    expect((await commissionsOf(caller, ownerId)).map((c) => [c.deal.id, c.amount.amount])).toEqual([[first.subjectId, '50.00']]);
    expect(await recordedEvents(payroll.db, caller.tenantId)).toHaveLength(1);
    // and the database itself refuses a second commission for the deal
    await expect(
      asTenant(payroll.db, caller.tenantId, (tx) =>
        tx.commission.create({
          data: {
            tenantId: caller.tenantId,
            dealId: first.subjectId,
            employeeId: ownerId,
            dealAmount: '1',
            amount: '1',
            currency: 'EUR',
            rate: '10',
            accruedAt: new Date(),
          },
        }),
      ),
    ).rejects.toThrow(/Unique constraint|unique/i);
  });

  it('accrues nothing for a deal without an owner', async () => {
    const caller = newCaller();
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: null }));
    const list = await query<{ commissions: { totalCount: number } }>(payroll.url, caller, '{ commissions { totalCount } }');
    expect(list.commissions.totalCount).toBe(0);
    expect(await recordedEvents(payroll.db, caller.tenantId)).toEqual([]);
  });

  it('uses the employee’s own rate over the tenant’s, and the tenant’s over 10%; rounds half-up per currency', async () => {
    const caller = newCaller();
    const [withOwnRate, withDefault] = [randomUUID(), randomUUID()];
    await payroll.deliver(employeeHired(caller.tenantId, withOwnRate));
    const own = await mutate(payroll.url, caller, 'setEmployeeCommissionRate', `payProfile { commissionRate } ${USER_ERRORS}`, {
      employeeId: withOwnRate,
      rate: '12.5',
    });
    expect(own).toEqual({ payProfile: { commissionRate: '12.5' }, userErrors: [] });
    const tenantRate = await mutate(payroll.url, caller, 'setCommissionRate', `commissionRule { defaultRate } ${USER_ERRORS}`, {
      rate: '7.25',
    });
    expect(tenantRate).toEqual({ commissionRule: { defaultRate: '7.25' }, userErrors: [] });

    // 333.35 x 12.5% = 41.66875 -> 41.67
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: withOwnRate, amount: '333.35' }));
    // 333.35 x 7.25% = 24.167875 -> 24.17 (no pay profile at all: the tenant's rate)
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: withDefault, amount: '333.35' }));
    // JPY: 1010 x 12.5% = 126.25 -> 126; 1012 x 12.5% = 126.5 -> 127 (half-up)
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: withOwnRate, amount: '1010', currency: 'JPY' }));
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: withOwnRate, amount: '1012', currency: 'JPY' }));
    expect((await commissionsOf(caller, withOwnRate)).map((c) => [c.rate, c.amount.amount, c.amount.currency])).toEqual([
      ['12.5', '127', 'JPY'],
      ['12.5', '126', 'JPY'],
      ['12.5', '41.67', 'EUR'],
    ]);
    expect((await commissionsOf(caller, withDefault)).map((c) => [c.rate, c.amount.amount])).toEqual([['7.25', '24.17']]);

    // clearing the employee's rate: the next commission uses the tenant's; accrued ones keep theirs
    const cleared = await mutate<ProfilePayload>(
      payroll.url,
      caller,
      'setEmployeeCommissionRate',
      `payProfile { commissionRate effectiveCommissionRate } ${USER_ERRORS}`,
      {
        employeeId: withOwnRate,
        rate: null,
      },
    );
    expect(cleared.payProfile).toEqual({ commissionRate: null, effectiveCommissionRate: '7.25' });
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: withOwnRate, amount: '100' }));
    expect((await commissionsOf(caller, withOwnRate)).map((c) => c.rate)).toEqual(['7.25', '12.5', '12.5', '12.5']);
  });

  it('accrues before the owner’s pay profile exists (hired arrives later), keyed by employee id', async () => {
    const caller = newCaller();
    const ownerId = randomUUID();
    await payroll.deliver(dealWon(caller.tenantId, { ownerId, amount: '200' }));
    await payroll.deliver(employeeHired(caller.tenantId, ownerId));
    const view = await employeeView(payroll.url, caller, ownerId, `payProfile { name } commissions { amount { amount } status }`);
    expect(view).toEqual({ payProfile: { name: 'Ada Lovelace' }, commissions: [{ amount: { amount: '20.00' }, status: 'ACCRUED' }] });
  });
});

describe('commission payable (invoicing.invoice.paid)', () => {
  it('makes the deal’s commission PAYABLE once, recording payroll.commission.payable', async () => {
    const caller = newCaller();
    const ownerId = randomUUID();
    const won = dealWon(caller.tenantId, { ownerId, amount: '1000' });
    await payroll.deliver(won);
    const paidAt = new Date('2026-11-21T12:00:00.000Z');
    const paid = invoicePaid(caller.tenantId, { dealId: won.subjectId, paidAt });
    await payroll.deliver(paid);
    await payroll.deliver(paid);
    await payroll.deliver(invoicePaid(caller.tenantId, { dealId: won.subjectId }));
    const [commission] = await commissionsOf(caller, ownerId);
    expect(commission).toMatchObject({ status: 'PAYABLE', payableAt: paidAt.toISOString(), amount: { amount: '100.00' } });
    expect((await recordedEvents(payroll.db, caller.tenantId)).map((e) => [e.type, e.subjectId, e.data.status])).toEqual([
      ['payroll.commission.accrued', commission.id, 'ACCRUED'],
      ['payroll.commission.payable', commission.id, 'PAYABLE'],
    ]);
  });

  it('an invoice paid before the deal.won event arrives: the commission is PAYABLE from its accrual', async () => {
    const caller = newCaller();
    const ownerId = randomUUID();
    const dealId = randomUUID();
    const paidAt = new Date('2026-11-19T09:00:00.000Z');
    await payroll.deliver(invoicePaid(caller.tenantId, { dealId, paidAt }));
    expect(await commissionsOf(caller, ownerId)).toEqual([]);
    await payroll.deliver(dealWon(caller.tenantId, { dealId, ownerId, amount: '80' }));
    const [commission] = await commissionsOf(caller, ownerId);
    expect(commission).toMatchObject({ status: 'PAYABLE', payableAt: paidAt.toISOString(), amount: { amount: '8.00' } });
    expect((await recordedEvents(payroll.db, caller.tenantId)).map((e) => e.type)).toEqual([
      'payroll.commission.accrued',
      'payroll.commission.payable',
    ]);
  });

  it('whichever of won and paid is handled first, at the same time, the commission ends PAYABLE', async () => {
    // a pool large enough for every handler's transaction at once
    const wide = await startPayroll({ poolMax: 40 });
    try {
      const caller = newCaller();
      const ownerId = randomUUID();
      const deals = Array.from({ length: 12 }, () => randomUUID());
      await Promise.all(
        deals.flatMap((dealId, i) => {
          const won = () => wide.deliver(dealWon(caller.tenantId, { dealId, ownerId, amount: '10' }));
          const paid = () => wide.deliver(invoicePaid(caller.tenantId, { dealId }));
          return (i % 2 ? [won, paid] : [paid, won]).map((deliver) => deliver());
        }),
      );
      const commissions = await commissionsOf(caller, ownerId);
      expect(commissions).toHaveLength(12);
      expect(commissions.map((c) => c.status)).toEqual(Array(12).fill('PAYABLE'));
      expect(await recordedEvents(wide.db, caller.tenantId, 'payroll.commission.payable')).toHaveLength(12);
    } finally {
      await wide.stop();
    }
  });

  it('ignores invoices without a deal', async () => {
    const caller = newCaller();
    await payroll.deliver(invoicePaid(caller.tenantId, { dealId: null }));
    const rows = await asTenant(payroll.db, caller.tenantId, (tx) => tx.paidDeal.count());
    expect(rows).toBe(0);
  });

  it('lists commissions with filters and reads one by id', async () => {
    const caller = newCaller();
    const [ada, bob] = [randomUUID(), randomUUID()];
    const wonA = dealWon(caller.tenantId, { ownerId: ada, amount: '100' });
    await payroll.deliver(wonA);
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: ada, amount: '200' }));
    await payroll.deliver(dealWon(caller.tenantId, { ownerId: bob, amount: '300' }));
    await payroll.deliver(invoicePaid(caller.tenantId, { dealId: wonA.subjectId }));
    const LIST = `query($first: Int, $after: String, $filter: CommissionFilter) {
      commissions(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id amount { amount } status employee { id } } } }
    }`;
    const amounts = (data: CommissionPage) => data.commissions.edges.map((e) => e.node.amount.amount);
    expect(amounts(await query<CommissionPage>(payroll.url, caller, LIST))).toEqual(['10.00', '20.00', '30.00']);
    expect(amounts(await query<CommissionPage>(payroll.url, caller, LIST, { filter: { employeeId: ada } }))).toEqual(['10.00', '20.00']);
    expect(amounts(await query<CommissionPage>(payroll.url, caller, LIST, { filter: { status: ['PAYABLE'] } }))).toEqual(['10.00']);
    expect(amounts(await query<CommissionPage>(payroll.url, caller, LIST, { filter: { status: ['ACCRUED'], employeeId: ada } }))).toEqual([
      '20.00',
    ]);
    expect((await query<CommissionPage>(payroll.url, caller, LIST, { filter: { status: [] } })).commissions.totalCount).toBe(0);
    expect((await query<CommissionPage>(payroll.url, caller, LIST, { filter: { employeeId: 'nope' } })).commissions.totalCount).toBe(0);
    const page1 = await query<CommissionPage>(payroll.url, caller, LIST, { first: 2 });
    const page2 = await query<CommissionPage>(payroll.url, caller, LIST, { first: 2, after: page1.commissions.pageInfo.endCursor });
    expect([amounts(page1), page1.commissions.pageInfo.hasNextPage, amounts(page2), page2.commissions.pageInfo.hasNextPage]).toEqual([
      ['10.00', '20.00'],
      true,
      ['30.00'],
      false,
    ]);
    const id = page1.commissions.edges[0]!.node.id;
    const one = await query<{ commission: CommissionView | null; missing: { id: string } | null }>(
      payroll.url,
      caller,
      `query($id: ID!) { commission(id: $id) { ${COMMISSION_FIELDS} } missing: commission(id: "x") { id } }`,
      { id },
    );
    expect(one.commission).toMatchObject({ id, status: 'PAYABLE', deal: { id: wonA.subjectId } });
    expect(one.missing).toBeNull();
    const filtered = await employeeView(
      payroll.url,
      caller,
      ada,
      'accrued: commissions(status: [ACCRUED]) { amount { amount } } all: commissions { amount { amount } }',
    );
    expect(filtered).toEqual({
      accrued: [{ amount: { amount: '20.00' } }],
      all: [{ amount: { amount: '20.00' } }, { amount: { amount: '10.00' } }],
    });
  });
});
