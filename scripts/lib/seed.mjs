import { seedModules } from './seed-modules.mjs';

// Seeds demo data through the public GraphQL API (the same mutations users call), so everything the
// demo shows was produced by the platform's real rules. Skips a tenant whose owner can already log in.

export const DEMO_LOGIN = { email: 'demo@tessera.dev', password: 'tessera-demo-2026' };
export const SECOND_LOGIN = { email: 'owner@globex.example', password: 'globex-demo-2026' };

const FIRST = [
  'Ava',
  'Liam',
  'Noah',
  'Mia',
  'Ethan',
  'Zoe',
  'Lucas',
  'Ines',
  'Omar',
  'Hana',
  'Jonas',
  'Priya',
  'Mateo',
  'Sofia',
  'Kenji',
  'Elena',
  'Tariq',
  'Freya',
];
const LAST = ['Moreau', 'Okafor', 'Lindqvist', 'Tanaka', 'Silva', 'Kowalski', 'Haddad', 'Novak', 'Fischer', 'Reyes', 'Byrne', 'Sato'];
const COMPANIES = [
  'Acme Logistics',
  'Bluefin Dental',
  'Cedar & Pine Interiors',
  'Dunmore Bakery',
  'Everlight Solar',
  'Fjord Outfitters',
  'Greenleaf Catering',
  'Harbor Legal',
  'Ironwood Builders',
  'Juniper Yoga',
  'Kestrel Media',
  'Lumen Optics',
];
const SERVICES = [
  ['Brand strategy workshop', '1800.00', '20'],
  ['Website redesign', '6400.00', '20'],
  ['Monthly retainer', '2500.00', '20'],
  ['Photography day rate', '950.00', '10'],
  ['Printed brochures (per 100)', '145.50', '10'],
  ['Consulting hours', '120.00', '20'],
];

async function call(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${query.split('(')[0].trim()}: ${JSON.stringify(body.errors)}`);
  const payload = Object.values(body.data)[0];
  if (payload?.userErrors?.length) throw new Error(`${query.split('(')[0].trim()}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

async function signUpOrSkip(url, input) {
  const login = await call(
    url,
    'mutation Login($input: LoginInput!) { login(input: $input) { token userErrors { code message field } } }',
    {
      input: { email: input.email, password: input.password },
    },
  ).catch(() => null);
  if (login?.token) return null;
  const result = await call(
    url,
    'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token tenant { id } userErrors { field message code } } }',
    { input },
  );
  return result.token;
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Seeds the demo tenant (BUSINESS) and a second tenant (FREE); returns counts of what it created. */
/** Polls `read` until it returns something truthy (the event flow is asynchronous). */
async function eventually(what, read, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`seed: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const TEAM = [
  ['Dana Whitfield', 'Managing director', 'Leadership', null, '98000.00'],
  ['Marcus Lindqvist', 'Head of sales', 'Sales', 0, '76000.00'],
  ['Aiko Tanaka', 'Account executive', 'Sales', 1, '52000.00'],
  ['Rafael Silva', 'Account executive', 'Sales', 1, '50000.00'],
  ['Nadia Haddad', 'Lead designer', 'Studio', 0, '61000.00'],
  ['Tom Byrne', 'Web developer', 'Studio', 4, '58000.00'],
];

/** Departments and the team (hr.employee.hired gives each a pay profile in payroll). */
async function seedTeam(url, token) {
  const departments = {};
  for (const name of new Set(TEAM.map(([, , department]) => department))) {
    const { department } = await call(
      url,
      'mutation CreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { department { id } userErrors { field message code } } }',
      { input: { name } },
      token,
    );
    departments[name] = department.id;
  }
  const ids = [];
  for (const [name, jobTitle, department, manager, salary] of TEAM) {
    const { employee } = await call(
      url,
      'mutation HireEmployee($input: HireEmployeeInput!) { hireEmployee(input: $input) { employee { id } userErrors { field message code } } }',
      {
        input: {
          name,
          email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@northwind.example`,
          jobTitle,
          hiredAt: '2025-09-01',
          departmentId: departments[department],
          managerId: manager === null ? null : ids[manager],
          salary: { amount: salary, currency: 'EUR' },
        },
      },
      token,
    );
    ids.push(employee.id);
  }
  return ids;
}

const invoiceOfDeal = (url, token, dealId) =>
  call(url, 'query DealInvoice($id: ID!) { deal(id: $id) { invoice { id total { amount } } } }', { id: dealId }, token).then(
    (deal) => deal.invoice,
  );

const commissionsOf = (url, token, status) =>
  call(
    url,
    'query Commissions($s: [CommissionStatus!]) { commissions(first: 100, filter: { status: $s }) { totalCount } }',
    { s: status },
    token,
  ).then((commissions) => commissions.totalCount);

export async function seedDemo(url, log) {
  const counts = { contacts: 0, employees: 0, deals: 0, won: 0, invoices: 0, payments: 0, commissions: 0 };
  const token = await signUpOrSkip(url, {
    companyName: 'Northwind Studio',
    name: 'Dana Whitfield',
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
    plan: 'BUSINESS',
    defaultCurrency: 'EUR',
  });
  if (!token) {
    log('demo tenant already seeded');
  } else {
    // A BUSINESS sign-up is a 14-day trial: the demo business has subscribed (no payment provider here).
    await call(
      url,
      'mutation Upgrade($input: UpgradePlanInput!) { upgradePlan(input: $input) { tenant { plan } } }',
      { input: { plan: 'BUSINESS' } },
      token,
    );
    const contacts = [];
    for (let i = 0; i < 36; i += 1) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`;
      const companyName = COMPANIES[i % COMPANIES.length];
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${companyName.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
      const { contact } = await call(
        url,
        'mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { contact { id name } userErrors { field message code } } }',
        {
          input: { name, email, phone: `+44 20 7946 ${String(1000 + i * 37).slice(0, 4)}`, companyName },
        },
        token,
      );
      contacts.push(contact);
    }
    counts.contacts = contacts.length;
    const team = await seedTeam(url, token);
    counts.employees = team.length;
    const salesReps = team.slice(1, 4);

    const stages = ['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'];
    const wonDeals = [];
    for (let i = 0; i < 24; i += 1) {
      const contact = contacts[i];
      const [service, price] = SERVICES[i % SERVICES.length];
      const amount = (Number(price) * (1 + (i % 4))).toFixed(2);
      const { deal } = await call(
        url,
        'mutation CreateDeal($input: CreateDealInput!) { createDeal(input: $input) { deal { id } userErrors { field message code } } }',
        {
          input: {
            title: `${service} for ${contact.name.split(' ')[1]}`,
            contactId: contact.id,
            amount: { amount, currency: 'EUR' },
            stage: stages[i % stages.length],
            ownerId: salesReps[Math.floor(i / 3) % salesReps.length],
          },
        },
        token,
      );
      counts.deals += 1;
      if (i % 6 === 1 || i % 6 === 4) {
        wonDeals.push(deal.id);
        counts.won += 1;
        await call(
          url,
          'mutation MarkDealWon($input: MarkDealWonInput!) { markDealWon(input: $input) { deal { id } userErrors { field message code } } }',
          { input: { dealId: deal.id } },
          token,
        );
      } else if (i % 6 === 5) {
        await call(
          url,
          'mutation MarkDealLost($input: MarkDealLostInput!) { markDealLost(input: $input) { deal { id } userErrors { field message code } } }',
          { input: { dealId: deal.id, reason: 'Chose a cheaper agency' } },
          token,
        );
      }
    }

    // Invoices in every state: draft, sent, overdue, partially paid, paid, void.
    const plan = ['DRAFT', 'SENT', 'OVERDUE', 'PARTIALLY_PAID', 'PAID', 'PAID', 'VOID', 'SENT'];
    for (let i = 0; i < 24; i += 1) {
      const target = plan[i % plan.length];
      const contact = contacts[(i * 7) % contacts.length];
      const lines = [0, 1].slice(0, 1 + (i % 2)).map((k) => {
        const [description, unitPrice, taxRate] = SERVICES[(i + k) % SERVICES.length];
        return { description, quantity: String(1 + ((i + k) % 3)), unitPrice, taxRate };
      });
      const { invoice } = await call(
        url,
        'mutation CreateInvoice($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id total { amount currency } } userErrors { field message code } } }',
        {
          input: { contactId: contact.id, currency: 'EUR', dueDate: target === 'OVERDUE' ? day(-12 - i) : day(14 + i), lines },
        },
        token,
      );
      counts.invoices += 1;
      if (target === 'DRAFT') continue;
      await call(
        url,
        'mutation SendInvoice($input: SendInvoiceInput!) { sendInvoice(input: $input) { invoice { id number } userErrors { field message code } } }',
        { input: { invoiceId: invoice.id } },
        token,
      );
      const pay = (amount) =>
        call(
          url,
          'mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { id status } userErrors { field message code } } }',
          {
            input: { invoiceId: invoice.id, amount: { amount, currency: 'EUR' }, method: 'bank_transfer' },
          },
          token,
        ).then(() => {
          counts.payments += 1;
        });
      if (target === 'PARTIALLY_PAID') await pay((Number(invoice.total.amount) / 2).toFixed(2));
      if (target === 'PAID') await pay(invoice.total.amount);
      if (target === 'VOID') {
        await call(
          url,
          'mutation VoidInvoice($input: VoidInvoiceInput!) { voidInvoice(input: $input) { invoice { id } userErrors { field message code } } }',
          { input: { invoiceId: invoice.id } },
          token,
        );
      }
    }

    // The won deals' invoices and commissions come from the event flow (crm.deal.won -> invoicing,
    // payroll). Send them; pay some (-> PAYABLE), run last month's payroll (-> PAID), pay a few more.
    const wonInvoices = [];
    for (const dealId of wonDeals) wonInvoices.push(await eventually('the invoice of a won deal', () => invoiceOfDeal(url, token, dealId)));
    await eventually('the commissions of the won deals', async () => (await commissionsOf(url, token, null)) === wonDeals.length);
    counts.invoices += wonInvoices.length;
    counts.commissions = wonDeals.length;
    const payInFull = async (invoice) => {
      await call(
        url,
        'mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { id status } userErrors { field message code } } }',
        { input: { invoiceId: invoice.id, amount: { amount: invoice.total.amount, currency: 'EUR' }, method: 'card' } },
        token,
      );
      counts.payments += 1;
    };
    for (const invoice of wonInvoices.slice(0, 6)) {
      await call(
        url,
        'mutation SendInvoice($input: SendInvoiceInput!) { sendInvoice(input: $input) { invoice { id } userErrors { field message code } } }',
        { input: { invoiceId: invoice.id } },
        token,
      );
    }
    for (const invoice of wonInvoices.slice(0, 3)) await payInFull(invoice);
    await eventually('commissions to become payable', async () => (await commissionsOf(url, token, ['PAYABLE'])) === 3);
    await eventually('pay profiles of the team', () =>
      call(url, 'query Profile($id: ID!) { employee(id: $id) { payProfile { name } } }', { id: team.at(-1) }, token).then(
        (employee) => employee.payProfile,
      ),
    );
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
    const { payRun } = await call(
      url,
      'mutation CreatePayRun($input: CreatePayRunInput!) { createPayRun(input: $input) { payRun { id } userErrors { field message code } } }',
      { input: { periodStart: start.toISOString().slice(0, 10), periodEnd: end.toISOString().slice(0, 10), currency: 'EUR' } },
      token,
    );
    for (const mutation of ['approvePayRun', 'markPayRunPaid']) {
      const type = mutation[0].toUpperCase() + mutation.slice(1);
      await call(
        url,
        `mutation ${type}($input: ${type}Input!) { ${mutation}(input: $input) { payRun { id status } userErrors { field message code } } }`,
        { input: { payRunId: payRun.id } },
        token,
      );
    }
    await payInFull(wonInvoices[3]);
    const modules = await seedModules((query, variables) => call(url, query, variables, token), { team, contacts });
    log(
      `seeded modules: ${modules.projects} projects, ${modules.appointments} appointments, ${modules.orders} orders, ` +
        `${modules.sales} POS sales, ${modules.vehicles} vehicles`,
    );
    log(
      `seeded demo tenant: ${counts.contacts} contacts, ${counts.employees} employees, ${counts.deals} deals (${counts.won} won), ` +
        `${counts.invoices} invoices, ${counts.payments} payments, ${counts.commissions} commissions, 1 paid pay run`,
    );
  }

  const second = await signUpOrSkip(url, {
    companyName: 'Globex Repairs',
    name: 'Hank Scorpio',
    email: SECOND_LOGIN.email,
    password: SECOND_LOGIN.password,
    plan: 'FREE',
    defaultCurrency: 'USD',
  });
  if (second) {
    for (const name of ['Marge Bouvier', 'Frank Grimes', 'Lurleen Lumpkin']) {
      await call(
        url,
        'mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field message code } } }',
        { input: { name, companyName: 'Springfield Power' } },
        second,
      );
    }
    log('seeded second tenant (Globex Repairs, FREE plan)');
  }
  return counts;
}
