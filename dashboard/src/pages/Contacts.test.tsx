import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useLocation } from 'react-router-dom';
import { renderPage, type Answer, type Sent } from '../test/render';
import ContactsPage from './Contacts';

function contact(overrides: Record<string, unknown> = {}) {
  return {
    id: 'c1',
    name: 'Jane Doe',
    email: 'jane@example.com',
    phone: '+44 20 7946 0000',
    company: { id: 'co1', name: 'Acme Ltd' },
    ...overrides,
  };
}

function contacts(nodes: unknown[], { hasNextPage = false, endCursor = 'cursor-1', totalCount = nodes.length } = {}) {
  return {
    data: {
      contacts: {
        totalCount,
        pageInfo: { hasNextPage, endCursor: hasNextPage ? endCursor : null },
        edges: nodes.map((node) => ({ node })),
      },
    },
  };
}

const lastSent = (sent: Sent[]) => sent.filter((s) => s.name === 'Contacts').at(-1)?.variables;
const render = (answers: Record<string, Answer>) => renderPage(<ContactsPage />, { path: '/contacts', route: '/contacts', answers });

function Location() {
  return <output data-testid="location">{useLocation().pathname}</output>;
}

describe('ContactsPage', () => {
  it('lists contacts with company, email and phone', async () => {
    const { sent } = render({
      Contacts: contacts([contact(), contact({ id: 'c2', name: 'Bob Roe', email: null, phone: null, company: null })]),
    });
    expect(screen.getByText('Loading…')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Contacts' });
    const jane = within(table).getByRole('link', { name: 'Jane Doe' });
    expect(jane.getAttribute('href')).toBe('/contacts/c1');
    const row = jane.closest('tr')!;
    expect(within(row).getByText('Acme Ltd')).toBeTruthy();
    expect(within(row).getByText('jane@example.com')).toBeTruthy();
    expect(within(row).getByText('+44 20 7946 0000')).toBeTruthy();
    const bob = within(table).getByRole('link', { name: 'Bob Roe' }).closest('tr')!;
    expect(within(bob).getAllByText('—')).toHaveLength(3);
    expect(screen.getByRole('heading', { name: '2 contacts' })).toBeTruthy();
    expect(lastSent(sent)).toEqual({ first: 20, after: null, search: null });
  });

  it('says so when there are no contacts yet', async () => {
    render({ Contacts: contacts([]) });
    expect(await screen.findByText('No contacts yet')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '0 contacts' })).toBeTruthy();
  });

  it('searches once typing pauses', async () => {
    const { sent } = render({
      Contacts: (variables) =>
        variables.search === 'acme' ? contacts([contact({ id: 'c5', name: 'Acme Buyer' })]) : contacts([contact()]),
    });
    await screen.findByText('Jane Doe');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'acme');
    expect(await screen.findByText('Acme Buyer')).toBeTruthy();
    expect(screen.queryByText('Jane Doe')).toBeNull();
    const searches = sent.filter((s) => s.name === 'Contacts').map((s) => s.variables.search);
    expect(searches).toContain('acme');
    expect(searches).not.toContain('a');
    expect(searches).not.toContain('ac');
    expect(lastSent(sent)).toEqual({ first: 20, after: null, search: 'acme' });
  });

  it('says when a search matches nothing', async () => {
    render({ Contacts: (variables) => (variables.search ? contacts([]) : contacts([contact()])) });
    await screen.findByText('Jane Doe');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search contacts' }), '  zed  ');
    expect(await screen.findByText('No contacts match “zed”')).toBeTruthy();
    expect(screen.getByText('Try another name, email or company.')).toBeTruthy();
  });

  it('pages forward with the end cursor and back again', async () => {
    const { sent } = render({
      Contacts: (variables) =>
        variables.after === 'page-2'
          ? contacts([contact({ id: 'c21', name: 'Carol Page-Two' })], { totalCount: 21 })
          : contacts([contact()], { hasNextPage: true, endCursor: 'page-2', totalCount: 21 }),
    });
    await screen.findByText('Jane Doe');
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Carol Page-Two')).toBeTruthy();
    expect(lastSent(sent)).toEqual({ first: 20, after: 'page-2', search: null });
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('Jane Doe')).toBeTruthy();
    expect(lastSent(sent)?.after).toBeNull();
    expect(screen.getByText('Page 1')).toBeTruthy();
  });

  it('goes back to the first page when the search changes', async () => {
    const { sent } = render({
      Contacts: (variables) =>
        variables.search
          ? contacts([contact({ id: 'c7', name: 'Found Person' })])
          : variables.after === 'page-2'
            ? contacts([contact({ id: 'c21', name: 'Carol Page-Two' })])
            : contacts([contact()], { hasNextPage: true, endCursor: 'page-2' }),
    });
    await screen.findByText('Jane Doe');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Carol Page-Two');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'found');
    expect(await screen.findByText('Found Person')).toBeTruthy();
    await waitFor(() => expect(lastSent(sent)).toEqual({ first: 20, after: null, search: 'found' }));
  });

  it('requires a name for a new contact and sends nothing without one', async () => {
    const { sent } = render({ Contacts: contacts([contact()]) });
    await screen.findByText('Jane Doe');
    await userEvent.click(screen.getByRole('button', { name: 'New contact' }));
    const form = screen.getByRole('form', { name: 'New contact' });
    await userEvent.type(within(form).getByLabelText('Name'), '   ');
    await userEvent.type(within(form).getByLabelText('Email'), 'someone@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    expect(within(form).getByText('A name is required.')).toBeTruthy();
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(sent.filter((s) => s.name === 'CreateContact')).toHaveLength(0);
  });

  it('creates a contact with the filled-in fields and opens it', async () => {
    const { sent } = render({
      Contacts: contacts([contact()]),
      CreateContact: { data: { createContact: { contact: { id: 'c42', name: 'Grace Hopper' }, userErrors: [] } } },
    });
    await screen.findByText('Jane Doe');
    await userEvent.click(screen.getByRole('button', { name: 'New contact' }));
    const form = screen.getByRole('form', { name: 'New contact' });
    await userEvent.type(within(form).getByLabelText('Name'), ' Grace Hopper ');
    await userEvent.type(within(form).getByLabelText('Company'), 'Navy');
    await userEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('elsewhere')).toBeTruthy();
    expect(sent.filter((s) => s.name === 'CreateContact').map((s) => s.variables)).toEqual([
      { input: { name: 'Grace Hopper', companyName: 'Navy' } },
    ]);
  });

  it('navigates to the new contact’s page', async () => {
    renderPage(
      <>
        <ContactsPage />
        <Location />
      </>,
      {
        path: '/contacts',
        route: '/contacts/*',
        answers: {
          Contacts: contacts([contact()]),
          CreateContact: { data: { createContact: { contact: { id: 'c42', name: 'Grace Hopper' }, userErrors: [] } } },
        },
      },
    );
    await screen.findByText('Jane Doe');
    expect(screen.getByTestId('location').textContent).toBe('/contacts');
    await userEvent.click(screen.getByRole('button', { name: 'New contact' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Grace Hopper');
    await userEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/contacts/c42'));
    expect(screen.queryByRole('form', { name: 'New contact' })).toBeNull();
  });

  it('shows the server’s field errors', async () => {
    render({
      Contacts: contacts([contact()]),
      CreateContact: {
        data: {
          createContact: {
            contact: null,
            userErrors: [{ field: ['input', 'email'], message: 'That is not an email address.', code: 'BAD_USER_INPUT' }],
          },
        },
      },
    });
    await screen.findByText('Jane Doe');
    await userEvent.click(screen.getByRole('button', { name: 'New contact' }));
    const form = screen.getByRole('form', { name: 'New contact' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Grace');
    await userEvent.type(within(form).getByLabelText('Email'), 'grace@');
    await userEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    expect(await within(form).findByText('That is not an email address.')).toBeTruthy();
    expect(within(form).getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('elsewhere')).toBeNull();
  });

  it('shows the error and retries', async () => {
    let calls = 0;
    render({ Contacts: () => (++calls === 1 ? { error: new GraphQLError('CRM is unavailable') } : contacts([contact()])) });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('CRM is unavailable')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Jane Doe')).toBeTruthy();
  });
});
