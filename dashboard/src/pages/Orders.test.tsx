import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage, type Sent } from '../test/render';
import OrdersPage from './Orders';

const money = (amount: string, currency = 'EUR') => ({ amount, currency });

function order(overrides: Record<string, unknown> = {}) {
  return {
    id: 'o1',
    number: 'ORD-000123',
    status: 'PARTIALLY_FULFILLED',
    createdAt: '2026-11-02T10:15:00Z',
    total: money('1249.50'),
    contact: { id: 'c1', name: 'Jane Doe' },
    lines: [
      {
        id: 'l1',
        name: 'Desk lamp — Brass',
        sku: 'LAMP-BR',
        quantity: 3,
        fulfilledQuantity: 1,
        unitPrice: money('49.50'),
        lineTotal: money('148.50'),
      },
      {
        id: 'l2',
        name: 'Oak desk',
        sku: 'DESK-OAK',
        quantity: 1,
        fulfilledQuantity: 0,
        unitPrice: money('1101.00'),
        lineTotal: money('1101.00'),
      },
    ],
    ...overrides,
  };
}

function orders(nodes: unknown[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return {
    data: {
      orders: { totalCount, pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null }, edges: nodes.map((node) => ({ node })) },
    },
  };
}

const lastSent = (sent: Sent[]) => sent.filter((s) => s.name === 'OrdersPage').at(-1)?.variables;

describe('OrdersPage', () => {
  it('shows a loading state while the orders load', async () => {
    renderPage(<OrdersPage />);
    expect(await screen.findByText('Loading orders…')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Orders' })).toBeTruthy();
  });

  it('lists orders with customer, status, lines and total in the order currency', async () => {
    const { sent } = renderPage(<OrdersPage />, {
      answers: {
        OrdersPage: orders([
          order(),
          order({ id: 'o2', number: 'ORD-000124', status: 'FULFILLED', total: money('80.00', 'GBP'), lines: [] }),
        ]),
      },
    });
    const table = await screen.findByRole('table', { name: 'Orders' });
    const row = within(table)
      .getByRole('button', { name: /ORD-000123/ })
      .closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Jane Doe' }).getAttribute('href')).toBe('/contacts/c1');
    expect(within(row).getByText('Partially fulfilled')).toBeTruthy();
    expect(within(row).getByText('€1,249.50')).toBeTruthy();
    expect(within(row).getByText('2')).toBeTruthy();
    expect(within(row).getByText('Nov 2, 2026')).toBeTruthy();
    const other = within(table)
      .getByRole('button', { name: /ORD-000124/ })
      .closest('tr')!;
    expect(within(other).getByText('£80.00')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '2 orders' })).toBeTruthy();
    expect(lastSent(sent)).toMatchObject({ first: 25, after: null, status: null, withContact: true });
  });

  it('says so when there are no orders yet', async () => {
    renderPage(<OrdersPage />, { answers: { OrdersPage: orders([]) } });
    expect(await screen.findByText('No orders yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error and retries from the network', async () => {
    let calls = 0;
    renderPage(<OrdersPage />, {
      answers: { OrdersPage: () => (++calls === 1 ? { error: new GraphQLError('Commerce is unavailable') } : orders([order()])) },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Commerce is unavailable')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: /ORD-000123/ })).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('expands an order to show its lines, and collapses it again', async () => {
    renderPage(<OrdersPage />, { answers: { OrdersPage: orders([order()]) } });
    const toggle = await screen.findByRole('button', { name: /ORD-000123/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Oak desk')).toBeNull();

    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const lines = screen.getByRole('table', { name: 'Lines of order ORD-000123' });
    expect(toggle.getAttribute('aria-controls')).toBe(lines.parentElement!.id);
    const lamp = within(lines).getByText('Desk lamp — Brass').closest('tr')!;
    expect(within(lamp).getByText('LAMP-BR')).toBeTruthy();
    expect(within(lamp).getByText('3')).toBeTruthy();
    expect(within(lamp).getByText('1')).toBeTruthy();
    expect(within(lamp).getByText('€49.50')).toBeTruthy();
    expect(within(lamp).getByText('€148.50')).toBeTruthy();
    expect(within(lines).getByText('Oak desk')).toBeTruthy();

    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Oak desk')).toBeNull();
  });

  it('filters by status and back to all', async () => {
    const { sent } = renderPage(<OrdersPage />, {
      answers: {
        OrdersPage: (variables) =>
          Array.isArray(variables.status) && variables.status[0] === 'RETURNED'
            ? orders([])
            : orders([order({ status: Array.isArray(variables.status) ? variables.status[0] : 'UNCONFIRMED' })]),
      },
    });
    await screen.findByText('Unconfirmed', { selector: '.badge' });
    await userEvent.click(screen.getByRole('button', { name: 'Fulfilled' }));
    expect(await screen.findByText('Fulfilled', { selector: '.badge' })).toBeTruthy();
    expect(lastSent(sent)?.status).toEqual(['FULFILLED']);
    expect(screen.getByRole('button', { name: 'Fulfilled' }).getAttribute('aria-pressed')).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: 'Returned' }));
    expect(await screen.findByText('No returned orders')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(lastSent(sent)?.status).toBeNull());
  });

  it('pages with the cursor', async () => {
    const { sent } = renderPage(<OrdersPage />, {
      answers: {
        OrdersPage: (variables) =>
          variables.after === 'cursor-1'
            ? orders([order({ id: 'o9', number: 'ORD-000200' })], { totalCount: 26 })
            : orders([order()], { hasNextPage: true, totalCount: 26 }),
      },
    });
    await screen.findByRole('button', { name: /ORD-000123/ });
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('button', { name: /ORD-000200/ })).toBeTruthy();
    expect(lastSent(sent)?.after).toBe('cursor-1');
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('button', { name: /ORD-000123/ })).toBeTruthy();
  });

  it('keeps the orders when customer names fail, marking the missing ones', async () => {
    renderPage(<OrdersPage />, {
      answers: {
        OrdersPage: {
          ...orders([order({ contact: null }), order({ id: 'o2', number: 'ORD-000124' })]),
          error: new GraphQLError('The crm service is unavailable', {
            path: ['orders', 'edges', 0, 'node', 'contact'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          }),
        },
      },
    });
    const row = (await screen.findByRole('button', { name: /ORD-000123/ })).closest('tr')!;
    expect(within(row).getByText('—')).toBeTruthy();
    expect(within(row).getByText('€1,249.50')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Jane Doe' })).toBeTruthy();
    expect(screen.getByText(/Some customer names could not be loaded/).textContent).toMatch(/This module is not responding right now/);
  });

  it('leaves customers out without CRM', async () => {
    const { sent } = renderPage(<OrdersPage />, {
      me: fakeMe({ modules: ['COMMERCE'] }),
      answers: { OrdersPage: orders([order({ contact: undefined })]) },
    });
    await screen.findByRole('button', { name: /ORD-000123/ });
    expect(screen.queryByRole('columnheader', { name: 'Customer' })).toBeNull();
    expect(lastSent(sent)?.withContact).toBe(false);
  });
});
