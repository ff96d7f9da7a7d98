import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage, type Answer } from '../test/render';
import CustomerPage from './Customer';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

function customer(overrides: Record<string, unknown> = {}) {
  return {
    id: 'c1',
    name: 'Jane Doe',
    email: 'jane@example.com',
    phone: '+44 20 7946 0000',
    company: { id: 'co1', name: 'Acme Ltd' },
    deals: [{ id: 'd1', title: 'Website redesign', stage: 'NEGOTIATION', amount: eur('12000') }],
    outstandingBalance: eur('1000'),
    invoices: [{ id: 'i1', number: 'INV-0001', status: 'OVERDUE', amountDue: eur('1000'), dueDate: '2026-02-01' }],
    projects: [{ id: 'p1', name: 'Brand refresh', status: 'ACTIVE', openTaskCount: 1 }],
    appointments: [{ id: 'a1', startsAt: '2026-04-02T09:30:00Z', status: 'CONFIRMED', service: { id: 's1', name: 'Kick-off workshop' } }],
    orders: [{ id: 'o1', number: 'ORD-000123', status: 'FULFILLED', total: { amount: '80', currency: 'GBP' } }],
    ...overrides,
  };
}

const panel = (title: string) => screen.getByRole('region', { name: title });
const render = (answer: Answer, me = fakeMe()) =>
  renderPage(<CustomerPage />, { path: '/contacts/c1', route: 'contacts/:id', answers: { CustomerDashboard: answer }, me });

const projectsDown = () =>
  new GraphQLError('The projects service is unavailable', {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'projects' },
  });

describe('CustomerPage', () => {
  it('asks for the contact of the URL and shows every section', async () => {
    const { sent } = render({ data: { contact: customer() } });
    expect(screen.getByText('Loading the customer…')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Jane Doe' })).toBeTruthy();
    expect(sent).toEqual([{ name: 'CustomerDashboard', variables: { id: 'c1' } }]);
    expect(screen.getByText('Acme Ltd', { selector: '.page-description' })).toBeTruthy();

    const profile = panel('Profile');
    expect(within(profile).getByRole('link', { name: 'jane@example.com' }).getAttribute('href')).toBe('mailto:jane@example.com');
    expect(within(profile).getByText('+44 20 7946 0000')).toBeTruthy();
    expect(within(profile).getByTestId('outstanding-balance').textContent).toBe('€1,000.00');

    const deals = panel('Deals');
    expect(within(deals).getByText('Website redesign')).toBeTruthy();
    expect(within(deals).getByText('€12,000.00', { exact: false })).toBeTruthy();
    expect(within(deals).getByText('Negotiation')).toBeTruthy();

    const invoices = panel('Open invoices');
    expect(within(invoices).getByText('INV-0001', { exact: false })).toBeTruthy();
    expect(within(invoices).getByText('due Feb 1, 2026')).toBeTruthy();
    expect(within(invoices).getByText('Overdue')).toBeTruthy();

    const projects = panel('Projects');
    expect(within(projects).getByText('Brand refresh')).toBeTruthy();
    expect(within(projects).getByText('1 open task', { exact: false })).toBeTruthy();

    const appointments = panel('Upcoming appointments');
    expect(within(appointments).getByText('Kick-off workshop', { exact: false })).toBeTruthy();
    expect(within(appointments).getByText('Confirmed')).toBeTruthy();

    const orders = panel('Orders');
    expect(within(orders).getByText('ORD-000123')).toBeTruthy();
    expect(within(orders).getByText('£80.00', { exact: false })).toBeTruthy();
    expect(within(orders).getByText('Fulfilled')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows each section’s empty state', async () => {
    render({
      data: {
        contact: customer({ email: null, phone: null, company: null, deals: [], invoices: [], projects: [], appointments: [], orders: [] }),
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Jane Doe' });
    expect(screen.getByText('Customer', { selector: '.page-description' })).toBeTruthy();
    expect(within(panel('Deals')).getByText('No deals with this customer yet.')).toBeTruthy();
    expect(within(panel('Open invoices')).getByText('Nothing outstanding.')).toBeTruthy();
    expect(within(panel('Projects')).getByText('No projects for this customer.')).toBeTruthy();
    expect(within(panel('Upcoming appointments')).getByText('No upcoming appointments.')).toBeTruthy();
    expect(within(panel('Orders')).getByText('No orders from this customer.')).toBeTruthy();
  });

  it('when the projects service fails, only the Projects panel says so', async () => {
    render({ data: { contact: customer({ projects: null }) }, error: projectsDown() });
    await screen.findByRole('heading', { level: 1, name: 'Jane Doe' });
    const alert = within(panel('Projects')).getByRole('alert');
    expect(alert.textContent).toContain('This module is not responding right now');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(within(panel('Deals')).getByText('Website redesign')).toBeTruthy();
    expect(within(panel('Open invoices')).getByText('INV-0001', { exact: false })).toBeTruthy();
    expect(within(panel('Orders')).getByText('ORD-000123')).toBeTruthy();
    expect(screen.getByTestId('outstanding-balance').textContent).toBe('€1,000.00');
  });

  it('when a field of one module fails by path, that section says so', async () => {
    render({
      data: { contact: customer({ orders: null }) },
      error: new GraphQLError('Commerce timed out', { path: ['contact', 'orders'] }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Jane Doe' });
    expect(within(panel('Orders')).getByRole('alert').textContent).toContain('Commerce timed out');
    expect(within(panel('Projects')).getByText('Brand refresh')).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('marks the balance unavailable when invoicing fails', async () => {
    render({
      data: { contact: customer({ outstandingBalance: null, invoices: null }) },
      error: new GraphQLError('The invoicing service is unavailable', {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'invoicing' },
      }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Jane Doe' });
    expect(screen.getByTestId('outstanding-balance').textContent).toBe('Unavailable');
    expect(within(panel('Open invoices')).getByRole('alert').textContent).toContain('not responding');
    expect(within(panel('Deals')).getByText('Website redesign')).toBeTruthy();
  });

  it('says so when the contact does not exist', async () => {
    render({ data: { contact: null } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Contact not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to contacts' }).getAttribute('href')).toBe('/contacts');
  });

  it('says a module is not enabled in its panel', async () => {
    render(
      { data: { contact: customer({ projects: null }) } },
      fakeMe({ modules: ['CRM', 'INVOICING', 'BOOKING', 'COMMERCE', 'ANALYTICS'] }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Jane Doe' });
    expect(within(panel('Projects')).getByText('This module is not enabled for your workspace.')).toBeTruthy();
    expect(within(panel('Deals')).getByText('Website redesign')).toBeTruthy();
    expect(within(panel('Orders')).getByText('ORD-000123')).toBeTruthy();
  });

  it('shows a failed request with a retry', async () => {
    let calls = 0;
    render(() => (++calls === 1 ? { error: new GraphQLError('The router is restarting') } : { data: { contact: customer() } }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The router is restarting')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Jane Doe' })).toBeTruthy();
    expect(calls).toBe(2);
  });
});
