import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderPage, type Sent } from '../test/render';
import InvoicesPage from './Invoices';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

function invoice(overrides: Record<string, unknown> = {}) {
  return {
    id: 'i1',
    number: 'INV-0001',
    status: 'SENT',
    currency: 'EUR',
    dueDate: '2026-04-01',
    issuedAt: '2026-03-02T09:00:00Z',
    createdAt: '2026-03-01T09:00:00Z',
    contact: { id: 'c1', name: 'Jane Doe' },
    deal: { id: 'd1', title: 'Website redesign' },
    total: eur('1200.00'),
    amountPaid: eur('200.00'),
    amountDue: eur('1000.00'),
    ...overrides,
  };
}

const draft = (overrides: Record<string, unknown> = {}) =>
  invoice({ id: 'i2', number: null, status: 'DRAFT', dueDate: null, issuedAt: null, deal: null, amountPaid: eur('0'), ...overrides });

function invoices(nodes: unknown[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return {
    data: {
      invoices: {
        totalCount,
        pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
        edges: nodes.map((node) => ({ node })),
      },
    },
  };
}

const named = (sent: Sent[], name: string) => sent.filter((s) => s.name === name);
const row = (id: string) => screen.getByTestId(`invoice-${id}`);

describe('InvoicesPage', () => {
  it('lists invoices with customer, status, amounts and due date', async () => {
    const { sent } = renderPage(<InvoicesPage />, { answers: { Invoices: invoices([invoice(), draft()]) } });
    const table = await screen.findByRole('table', { name: 'Invoices' });
    const sentRow = within(table).getByTestId('invoice-i1');
    expect(within(sentRow).getByText('INV-0001')).toBeTruthy();
    expect(within(sentRow).getByText('Website redesign')).toBeTruthy();
    expect(within(sentRow).getByRole('link', { name: 'Jane Doe' }).getAttribute('href')).toBe('/contacts/c1');
    expect(within(sentRow).getByText('Sent', { selector: '.badge' })).toBeTruthy();
    expect(within(sentRow).getByText('€1,200.00')).toBeTruthy();
    expect(within(sentRow).getByText('€1,000.00')).toBeTruthy();
    expect(within(sentRow).getByText('Apr 1, 2026')).toBeTruthy();
    expect(within(row('i2')).getByText('Draft', { selector: '.badge' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '2 invoices' })).toBeTruthy();
    expect(named(sent, 'Invoices')[0]?.variables).toEqual({ first: 25, after: null, status: null });
  });

  it('sends a draft', async () => {
    let reads = 0;
    const { sent } = renderPage(<InvoicesPage />, {
      answers: {
        Invoices: () => (++reads === 1 ? invoices([draft()]) : invoices([draft({ number: 'INV-0002', status: 'SENT' })])),
        SendInvoice: { data: { sendInvoice: { invoice: draft({ number: 'INV-0002', status: 'SENT' }), userErrors: [] } } },
      },
    });
    await screen.findByTestId('invoice-i2');
    expect(within(row('i2')).queryByRole('button', { name: /Record payment/ })).toBeNull();
    await userEvent.click(within(row('i2')).getByRole('button', { name: 'Send Draft to Jane Doe' }));
    expect((await screen.findByRole('status')).textContent).toBe('Invoice INV-0002 sent to Jane Doe.');
    expect(named(sent, 'SendInvoice').map((s) => s.variables)).toEqual([{ input: { invoiceId: 'i2' } }]);
    await waitFor(() => expect(within(row('i2')).getByText('Sent', { selector: '.badge' })).toBeTruthy());
    expect(reads).toBe(2);
  });

  it('shows why a draft could not be sent', async () => {
    renderPage(<InvoicesPage />, {
      answers: {
        Invoices: invoices([draft()]),
        SendInvoice: {
          data: { sendInvoice: { invoice: null, userErrors: [{ field: null, message: 'The customer has no email address.', code: 'X' }] } },
        },
      },
    });
    await screen.findByTestId('invoice-i2');
    await userEvent.click(within(row('i2')).getByRole('button', { name: /^Send / }));
    expect((await screen.findByRole('alert')).textContent).toBe('The customer has no email address.');
  });

  it('opens a payment form prefilled with the amount due and refuses a bad amount', async () => {
    const { sent } = renderPage(<InvoicesPage />, { answers: { Invoices: invoices([invoice()]) } });
    await screen.findByTestId('invoice-i1');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment on INV-0001' }));
    const form = screen.getByRole('form', { name: 'Record a payment on INV-0001' });
    const amount = within(form).getByLabelText('Amount (EUR)') as HTMLInputElement;
    expect(amount.value).toBe('1000.00');
    expect(screen.queryByRole('button', { name: 'Record payment on INV-0001' })).toBeNull();

    for (const bad of ['abc', '0', '12.345']) {
      await userEvent.clear(amount);
      await userEvent.type(amount, bad);
      await userEvent.click(within(form).getByRole('button', { name: 'Save payment' }));
      expect(within(form).getByText('Enter a positive amount such as 250 or 250.50.')).toBeTruthy();
    }
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(named(sent, 'RecordPayment')).toHaveLength(0);

    await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Record a payment on INV-0001' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Record payment on INV-0001' })).toBeTruthy();
  });

  it('records a payment with amount, currency and method', async () => {
    const { sent } = renderPage(<InvoicesPage />, {
      answers: {
        Invoices: invoices([invoice()]),
        RecordPayment: {
          data: { recordPayment: { invoice: invoice({ status: 'PARTIALLY_PAID', amountDue: eur('750.00') }), userErrors: [] } },
        },
      },
    });
    await screen.findByTestId('invoice-i1');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment on INV-0001' }));
    const form = screen.getByRole('form', { name: 'Record a payment on INV-0001' });
    await userEvent.clear(within(form).getByLabelText('Amount (EUR)'));
    await userEvent.type(within(form).getByLabelText('Amount (EUR)'), ' 250.5 ');
    await userEvent.selectOptions(within(form).getByLabelText('Method'), 'card');
    await userEvent.click(within(form).getByRole('button', { name: 'Save payment' }));
    expect((await screen.findByRole('status')).textContent).toBe('Payment of €250.50 recorded on INV-0001.');
    expect(named(sent, 'RecordPayment').map((s) => s.variables)).toEqual([
      { input: { invoiceId: 'i1', amount: { amount: '250.5', currency: 'EUR' }, method: 'card' } },
    ]);
    expect(screen.queryByRole('form', { name: 'Record a payment on INV-0001' })).toBeNull();
  });

  it('shows the server’s refusal of a payment in the form', async () => {
    renderPage(<InvoicesPage />, {
      answers: {
        Invoices: invoices([invoice()]),
        RecordPayment: {
          data: {
            recordPayment: {
              invoice: null,
              userErrors: [{ field: ['input', 'amount'], message: 'The payment exceeds the amount due.', code: 'X' }],
            },
          },
        },
      },
    });
    await screen.findByTestId('invoice-i1');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment on INV-0001' }));
    const form = screen.getByRole('form', { name: 'Record a payment on INV-0001' });
    await userEvent.click(within(form).getByRole('button', { name: 'Save payment' }));
    expect(await within(form).findByText('The payment exceeds the amount due.')).toBeTruthy();
  });

  it('filters by status with the chips', async () => {
    const { sent } = renderPage(<InvoicesPage />, {
      answers: {
        Invoices: (variables) => {
          const status = variables.status as string[] | null;
          if (status?.[0] === 'PAID') return invoices([]);
          if (status?.[0] === 'DRAFT') return invoices([draft()]);
          return invoices([invoice(), invoice({ id: 'i3', number: 'INV-0003', status: 'OVERDUE' })]);
        },
      },
    });
    await screen.findByTestId('invoice-i1');
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(named(sent, 'Invoices').at(-1)?.variables.status).toEqual(['SENT', 'PARTIALLY_PAID', 'OVERDUE']));
    expect(screen.getByRole('button', { name: 'Open' }).getAttribute('aria-pressed')).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: 'Draft' }));
    expect(await screen.findByTestId('invoice-i2')).toBeTruthy();
    expect(named(sent, 'Invoices').at(-1)?.variables).toEqual({ first: 25, after: null, status: ['DRAFT'] });

    await userEvent.click(screen.getByRole('button', { name: 'Paid' }));
    expect(await screen.findByText('No paid invoices')).toBeTruthy();
    expect(named(sent, 'Invoices').at(-1)?.variables.status).toEqual(['PAID']);

    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(named(sent, 'Invoices').at(-1)?.variables.status).toBeNull());
  });

  it('updates a listed invoice’s status as soon as a change is pushed', async () => {
    const paid = invoice({ status: 'PAID', amountDue: eur('0'), amountPaid: eur('1200.00') });
    let reads = 0;
    const { sent, push } = renderPage(<InvoicesPage />, {
      answers: { Invoices: () => (++reads === 1 ? invoices([invoice()]) : invoices([paid])) },
    });
    await screen.findByTestId('invoice-i1');
    expect(within(row('i1')).getByText('Sent', { selector: '.badge' })).toBeTruthy();
    push('InvoiceUpdates', { invoiceChanged: paid });
    expect(await within(row('i1')).findByText('Paid', { selector: '.badge' })).toBeTruthy();
    // Shown from the pushed invoice itself, before the list is read again.
    expect(named(sent, 'Invoices')).toHaveLength(1);
    expect(within(row('i1')).getByText('Settled')).toBeTruthy();
    expect(within(row('i1')).getByText('€0.00')).toBeTruthy();
    // The list is then re-read (for invoices that are new to it).
    await waitFor(() => expect(named(sent, 'Invoices')).toHaveLength(2));
    await waitFor(() => expect(reads).toBe(2));
    expect(within(row('i1')).getByText('Paid', { selector: '.badge' })).toBeTruthy();
  });

  it('leaves a pushed invoice out when it no longer matches the filter', async () => {
    const { push } = renderPage(<InvoicesPage />, {
      answers: { Invoices: (variables) => invoices(variables.status ? [draft()] : [draft(), invoice()]) },
    });
    await screen.findByTestId('invoice-i1');
    await userEvent.click(screen.getByRole('button', { name: 'Draft' }));
    await waitFor(() => expect(screen.queryByTestId('invoice-i1')).toBeNull());
    expect(screen.getByTestId('invoice-i2')).toBeTruthy();
    push('InvoiceUpdates', { invoiceChanged: draft({ number: 'INV-0002', status: 'SENT' }) });
    expect(await screen.findByText('No draft invoices')).toBeTruthy();
  });

  it('says so when there are no invoices yet', async () => {
    renderPage(<InvoicesPage />, { answers: { Invoices: invoices([]) } });
    expect(await screen.findByText('No invoices yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'deals board' }).getAttribute('href')).toBe('/deals');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('pages with the cursor and back', async () => {
    const { sent } = renderPage(<InvoicesPage />, {
      answers: {
        Invoices: (variables) =>
          variables.after === 'cursor-1'
            ? invoices([invoice({ id: 'i30', number: 'INV-0030' })], { totalCount: 26 })
            : invoices([invoice()], { hasNextPage: true, totalCount: 26 }),
      },
    });
    await screen.findByTestId('invoice-i1');
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('invoice-i30')).toBeTruthy();
    expect(named(sent, 'Invoices').at(-1)?.variables.after).toBe('cursor-1');
    expect(screen.getByText('Page 2')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByTestId('invoice-i1')).toBeTruthy();
    expect(named(sent, 'Invoices').at(-1)?.variables.after).toBeNull();
  });

  it('shows the error and retries', async () => {
    let calls = 0;
    renderPage(<InvoicesPage />, {
      answers: { Invoices: () => (++calls === 1 ? { error: new GraphQLError('Invoicing is unavailable') } : invoices([invoice()])) },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Invoicing is unavailable')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('invoice-i1')).toBeTruthy();
  });
});
