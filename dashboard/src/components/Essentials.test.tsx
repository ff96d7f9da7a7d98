import { screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage } from '../test/render';
import { Essentials } from './Essentials';

const FREE = fakeMe({ modules: ['CRM', 'INVOICING', 'BOOKING'], plan: 'FREE' });

const invoices = {
  data: {
    invoices: {
      totalCount: 3,
      edges: [
        {
          node: {
            id: 'i1',
            number: 'INV-2026-0007',
            status: 'OVERDUE',
            dueDate: '2026-11-01',
            contact: { id: 'c1', name: 'Grace Hopper' },
            amountDue: { amount: '480.00', currency: 'EUR' },
          },
        },
      ],
    },
  },
};
const contacts = {
  data: { contacts: { totalCount: 1, edges: [{ node: { id: 'c1', name: 'Grace Hopper', company: { id: 'k1', name: 'Hopper Labs' } } }] } },
};

describe('Essentials (the overview without analytics)', () => {
  it('lists the open invoices with their amounts due, and the newest contacts', async () => {
    renderPage(<Essentials />, { me: FREE, answers: { EssentialsInvoices: invoices, EssentialsContacts: contacts } });
    const panel = (await screen.findByRole('heading', { name: 'Invoices awaiting payment' })).closest('section')!;
    expect(await within(panel as HTMLElement).findByText(/INV-2026-0007/)).toBeTruthy();
    expect(within(panel as HTMLElement).getByText('€480.00')).toBeTruthy();
    expect(within(panel as HTMLElement).getByText('3 open')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Grace Hopper' })).toBeTruthy();
  });

  it('keeps the other panels when one module fails', async () => {
    renderPage(<Essentials />, {
      me: FREE,
      answers: {
        EssentialsInvoices: invoices,
        EssentialsContacts: contacts,
        EssentialsAppointments: {
          error: new GraphQLError('The booking service is unavailable', { extensions: { code: 'SERVICE_UNAVAILABLE' } }),
        },
      },
    });
    const bookings = (await screen.findByRole('heading', { name: 'Upcoming appointments' })).closest('section') as HTMLElement;
    expect((await within(bookings).findByRole('alert')).textContent).toContain('booking service is unavailable');
    expect(await screen.findByText(/INV-2026-0007/)).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Grace Hopper' })).toBeTruthy();
  });

  it('asks only the modules the plan has', async () => {
    const { sent } = renderPage(<Essentials />, {
      me: fakeMe({ modules: ['CRM'], plan: 'FREE' }),
      answers: { EssentialsContacts: contacts },
    });
    await screen.findByRole('link', { name: 'Grace Hopper' });
    expect(sent.map((s) => s.name)).toEqual(['EssentialsContacts']);
    expect(screen.queryByRole('heading', { name: 'Invoices awaiting payment' })).toBeNull();
  });
});
