import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderPage, type Sent } from '../test/render';
import DealsPage from './Deals';

function deal(overrides: Record<string, unknown> = {}) {
  return {
    id: 'd1',
    title: 'Website redesign',
    stage: 'LEAD',
    amount: { amount: '12000.00', currency: 'EUR' },
    contact: { id: 'c1', name: 'Jane Doe' },
    owner: { id: 'u1', name: 'Ada Lovelace' },
    lostReason: null,
    ...overrides,
  };
}

function deals(nodes: unknown[], totalCount = nodes.length) {
  return {
    data: { deals: { totalCount, pageInfo: { hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ node })) } },
  };
}

const board = () =>
  deals([
    deal(),
    deal({ id: 'd2', title: 'Support contract', stage: 'PROPOSAL', amount: { amount: '3000', currency: 'EUR' }, owner: null }),
    deal({ id: 'd3', title: 'Old shop', stage: 'LOST', lostReason: 'Went with a competitor', contact: { id: 'c2', name: 'Bob Roe' } }),
  ]);

const payload = (field: string, dealValue: unknown, userErrors: unknown[] = []) => ({
  data: { [field]: { deal: dealValue, userErrors } },
});

const contactOptions = {
  data: {
    contacts: {
      edges: [{ node: { id: 'c1', name: 'Jane Doe' } }, { node: { id: 'c2', name: 'Bob Roe' } }],
    },
  },
};

const column = (stage: string) => screen.getByRole('region', { name: `${stage} deals` });
const named = (sent: Sent[], name: string) => sent.filter((s) => s.name === name);

describe('DealsPage', () => {
  it('shows a column per stage with its cards', async () => {
    const { sent } = renderPage(<DealsPage />, { answers: { Deals: board() } });
    expect(screen.getByText('Loading the pipeline…')).toBeTruthy();
    await screen.findByText('Website redesign');
    for (const stage of ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']) expect(column(stage)).toBeTruthy();

    const lead = column('Lead');
    expect(within(lead).getByRole('heading', { level: 2 }).textContent).toBe('Lead1');
    const card = within(lead).getByTestId('deal-d1');
    expect(within(card).getByText('Website redesign')).toBeTruthy();
    expect(within(card).getByText('€12,000.00')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Jane Doe' }).getAttribute('href')).toBe('/contacts/c1');
    expect(card.textContent).toContain('· Ada Lovelace');
    expect(within(card).getByRole('combobox', { name: 'Move Website redesign to' })).toBeTruthy();

    expect(within(column('Proposal')).getByText('Support contract')).toBeTruthy();
    expect(within(column('Qualified')).queryAllByRole('listitem')).toHaveLength(0);
    const lost = within(column('Lost')).getByTestId('deal-d3');
    expect(within(lost).getByText('Lost: Went with a competitor')).toBeTruthy();
    // A closed deal cannot be moved.
    expect(within(lost).queryByRole('combobox')).toBeNull();
    expect(named(sent, 'Deals')[0]?.variables).toEqual({ first: 100, after: null });
  });

  it('marks a deal won with its id when moved to Won', async () => {
    let reads = 0;
    const { sent } = renderPage(<DealsPage />, {
      answers: {
        Deals: () => (++reads === 1 ? board() : deals([deal({ stage: 'WON' })])),
        MarkDealWon: payload('markDealWon', deal({ stage: 'WON' })),
      },
    });
    await screen.findByText('Website redesign');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Move Website redesign to' }), 'WON');
    expect(await screen.findByText('Website redesign won. Its draft invoice is on its way to Invoices.')).toBeTruthy();
    expect(named(sent, 'MarkDealWon').map((s) => s.variables)).toEqual([{ input: { dealId: 'd1' } }]);
    expect(named(sent, 'UpdateDealStage')).toHaveLength(0);
    await waitFor(() => expect(within(column('Won')).getByText('Website redesign')).toBeTruthy());
    expect(reads).toBe(2);
  });

  it('updates the stage when moved to an open stage', async () => {
    const { sent } = renderPage(<DealsPage />, {
      answers: { Deals: board(), UpdateDealStage: payload('updateDealStage', deal({ stage: 'QUALIFIED' })) },
    });
    await screen.findByText('Website redesign');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Move Website redesign to' }), 'QUALIFIED');
    expect((await screen.findByRole('status')).textContent).toBe('Website redesign moved to Qualified.');
    expect(named(sent, 'UpdateDealStage').map((s) => s.variables)).toEqual([{ input: { dealId: 'd1', stage: 'QUALIFIED' } }]);
    expect(named(sent, 'MarkDealWon')).toHaveLength(0);
  });

  it('shows a userError with the deal’s title and puts the card back', async () => {
    const { sent } = renderPage(<DealsPage />, {
      answers: {
        Deals: board(),
        UpdateDealStage: payload('updateDealStage', null, [
          { field: ['input', 'stage'], message: 'Only the deal’s owner can move it.', code: 'INVALID_TRANSITION' },
        ]),
      },
    });
    await screen.findByText('Support contract');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Move Support contract to' }), 'NEGOTIATION');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Support contract: Only the deal’s owner can move it.');
    expect(within(column('Proposal')).getByText('Support contract')).toBeTruthy();
    expect(within(column('Negotiation')).queryByText('Support contract')).toBeNull();
    // No reload after a refusal.
    expect(named(sent, 'Deals')).toHaveLength(1);
  });

  it('shows a transport error of a move', async () => {
    renderPage(<DealsPage />, {
      answers: { Deals: board(), MarkDealLost: { error: new GraphQLError('CRM is unavailable') } },
    });
    await screen.findByText('Website redesign');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Move Website redesign to' }), 'LOST');
    expect((await screen.findByRole('alert')).textContent).toBe('Website redesign: CRM is unavailable');
  });

  it('says so when there are no deals', async () => {
    renderPage(<DealsPage />, { answers: { Deals: deals([]) } });
    expect(await screen.findByText('No deals yet')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add your first deal' }));
    expect(screen.getByRole('form', { name: 'New deal' })).toBeTruthy();
  });

  it('validates a new deal locally and sends nothing', async () => {
    const { sent } = renderPage(<DealsPage />, { answers: { Deals: board(), ContactOptions: contactOptions } });
    await screen.findByText('Website redesign');
    await userEvent.click(screen.getByRole('button', { name: 'New deal' }));
    const form = screen.getByRole('form', { name: 'New deal' });
    await userEvent.type(within(form).getByLabelText('Amount'), '12,00');
    await userEvent.click(within(form).getByRole('button', { name: 'Add deal' }));
    expect(within(form).getByText('A title is required.')).toBeTruthy();
    expect(within(form).getByText('Choose the customer.')).toBeTruthy();
    expect(within(form).getByText('Enter an amount such as 1200 or 1200.50.')).toBeTruthy();
    expect(within(form).getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('Amount').getAttribute('aria-invalid')).toBe('true');
    expect(named(sent, 'CreateDeal')).toHaveLength(0);
  });

  it('creates a deal with its amount and currency, then closes the form and reloads', async () => {
    let reads = 0;
    const { sent } = renderPage(<DealsPage />, {
      answers: {
        Deals: () =>
          ++reads === 1 ? board() : deals([deal(), deal({ id: 'd9', title: 'New shop', contact: { id: 'c2', name: 'Bob Roe' } })]),
        ContactOptions: contactOptions,
        CreateDeal: payload('createDeal', deal({ id: 'd9', title: 'New shop' })),
      },
    });
    await screen.findByText('Website redesign');
    await userEvent.click(screen.getByRole('button', { name: 'New deal' }));
    const form = screen.getByRole('form', { name: 'New deal' });
    await userEvent.type(within(form).getByLabelText('Title'), '  New shop ');
    const customer = within(form).getByLabelText('Customer');
    await within(customer).findByRole('option', { name: 'Bob Roe' });
    await userEvent.selectOptions(customer, 'c2');
    await userEvent.type(within(form).getByLabelText('Amount'), '1200.50');
    const currency = within(form).getByLabelText('Currency');
    expect((currency as HTMLInputElement).value).toBe('EUR');
    await userEvent.clear(currency);
    await userEvent.type(currency, 'usd');
    await userEvent.selectOptions(within(form).getByLabelText('Stage'), 'PROPOSAL');
    await userEvent.click(within(form).getByRole('button', { name: 'Add deal' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'New deal' })).toBeNull());
    expect(named(sent, 'CreateDeal').map((s) => s.variables)).toEqual([
      {
        input: {
          title: 'New shop',
          contactId: 'c2',
          amount: { amount: '1200.50', currency: 'USD' },
          stage: 'PROPOSAL',
        },
      },
    ]);
    expect(await screen.findByText('New shop')).toBeTruthy();
    expect(reads).toBe(2);
  });

  it('shows the server’s field errors of a new deal', async () => {
    renderPage(<DealsPage />, {
      answers: {
        Deals: board(),
        ContactOptions: contactOptions,
        CreateDeal: payload('createDeal', null, [
          { field: ['input', 'amount', 'currency'], message: 'Unknown currency XYZ.', code: 'BAD_USER_INPUT' },
        ]),
      },
    });
    await screen.findByText('Website redesign');
    await userEvent.click(screen.getByRole('button', { name: 'New deal' }));
    const form = screen.getByRole('form', { name: 'New deal' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Odd deal');
    await within(within(form).getByLabelText('Customer')).findByRole('option', { name: 'Jane Doe' });
    await userEvent.selectOptions(within(form).getByLabelText('Customer'), 'c1');
    await userEvent.type(within(form).getByLabelText('Amount'), '10');
    await userEvent.clear(within(form).getByLabelText('Currency'));
    await userEvent.type(within(form).getByLabelText('Currency'), 'xyz');
    await userEvent.click(within(form).getByRole('button', { name: 'Add deal' }));
    expect(await within(form).findByText('Unknown currency XYZ.')).toBeTruthy();
    expect(within(form).getByLabelText('Currency').getAttribute('aria-invalid')).toBe('true');
  });

  it('filters the customers with the search box', async () => {
    const { sent } = renderPage(<DealsPage />, { answers: { Deals: board(), ContactOptions: contactOptions } });
    await screen.findByText('Website redesign');
    await userEvent.click(screen.getByRole('button', { name: 'New deal' }));
    await userEvent.type(screen.getByLabelText('Find customer'), 'bob');
    await waitFor(() => expect(named(sent, 'ContactOptions').at(-1)?.variables).toEqual({ search: 'bob' }));
    expect(named(sent, 'ContactOptions')[0]?.variables).toEqual({ search: null });
    expect(named(sent, 'ContactOptions').map((s) => s.variables.search)).not.toContain('b');
  });

  it('shows the error and retries', async () => {
    let calls = 0;
    renderPage(<DealsPage />, {
      answers: { Deals: () => (++calls === 1 ? { error: new GraphQLError('The crm service is unavailable') } : board()) },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The crm service is unavailable')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Website redesign')).toBeTruthy();
  });

  it('says when only the most recent deals are shown', async () => {
    renderPage(<DealsPage />, { answers: { Deals: deals([deal()], 140) } });
    expect(await screen.findByText('Showing the 1 most recent of 140 deals.')).toBeTruthy();
  });
});
