import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage, type Sent } from '../test/render';
import BookingsPage from './Bookings';

/** Local times, so the expectations hold in any time zone. */
const at = (month: number, day: number, hour: number, minute = 0) => new Date(2030, month - 1, day, hour, minute).toISOString();

function appointment(overrides: Record<string, unknown> = {}) {
  return {
    id: 'a1',
    startsAt: at(6, 11, 9, 30),
    endsAt: at(6, 11, 10, 15),
    status: 'CONFIRMED',
    service: { id: 's1', name: 'Haircut' },
    resource: { id: 'r1', name: 'Chair 1' },
    contact: { id: 'c1', name: 'Jane Doe' },
    ...overrides,
  };
}

function week(nodes: unknown[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return { data: { appointments: { totalCount, pageInfo: { hasNextPage }, edges: nodes.map((node) => ({ node })) } } };
}

const resources = {
  data: {
    resources: {
      edges: [{ node: { id: 'r1', name: 'Chair 1' } }, { node: { id: 'r2', name: 'Chair 2' } }],
    },
  },
};

const lastWeek = (sent: Sent[]) => sent.filter((s) => s.name === 'BookingsWeek').at(-1)?.variables;

describe('BookingsPage', () => {
  it('shows a loading state while the week loads', async () => {
    renderPage(<BookingsPage />, { path: '/bookings?week=2030-06-12' });
    expect(await screen.findByText('Loading appointments…')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Jun 10 – 16, 2030' })).toBeTruthy();
  });

  it('shows the week Monday to Sunday with each appointment in full', async () => {
    const { sent } = renderPage(<BookingsPage />, {
      path: '/bookings?week=2030-06-12',
      answers: {
        BookingsWeek: week([
          appointment({
            id: 'a2',
            startsAt: at(6, 13, 14),
            endsAt: at(6, 13, 15),
            status: 'REQUESTED',
            service: { id: 's2', name: 'Colour' },
            resource: { id: 'r2', name: 'Chair 2' },
            contact: { id: 'c2', name: 'Ben Okri' },
          }),
          appointment(),
        ]),
        BookingsResources: resources,
      },
    });
    const tuesday = await screen.findByRole('list', { name: 'Tuesday, Jun 11' });
    const [haircut] = within(tuesday).getAllByRole('listitem');
    expect(haircut!.textContent).toMatch(/9:30/);
    expect(within(haircut!).getByText('Haircut')).toBeTruthy();
    expect(within(haircut!).getByText('Jane Doe')).toBeTruthy();
    expect(within(haircut!).getByText('with Chair 1')).toBeTruthy();
    expect(within(haircut!).getByText('Confirmed')).toBeTruthy();
    const thursday = screen.getByRole('list', { name: 'Thursday, Jun 13' });
    expect(within(thursday).getByText('Ben Okri')).toBeTruthy();
    expect(within(thursday).getByText('Requested')).toBeTruthy();

    const days = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual([
      'Monday, Jun 10',
      'Tuesday, Jun 11',
      'Wednesday, Jun 12',
      'Thursday, Jun 13',
      'Friday, Jun 14',
      'Saturday, Jun 15',
      'Sunday, Jun 16',
    ]);
    expect(within(screen.getByRole('region', { name: 'Monday, Jun 10' })).getByText('No appointments')).toBeTruthy();
    expect(screen.getByText('2 appointments')).toBeTruthy();
    expect(lastWeek(sent)).toMatchObject({
      startsFrom: new Date(2030, 5, 10).toISOString(),
      startsBefore: new Date(2030, 5, 17).toISOString(),
      withContact: true,
      resourceId: null,
    });
  });

  it('says so when nothing is booked this week', async () => {
    renderPage(<BookingsPage />, { path: '/bookings?week=2030-06-12', answers: { BookingsWeek: week([]) } });
    expect(await screen.findByText('No appointments this week')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows the error and retries from the network', async () => {
    let calls = 0;
    renderPage(<BookingsPage />, {
      path: '/bookings?week=2030-06-12',
      answers: { BookingsWeek: () => (++calls === 1 ? { error: new GraphQLError('Booking is unavailable') } : week([appointment()])) },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Booking is unavailable')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Haircut')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('moves between weeks, asking for each week', async () => {
    const today = new Date();
    const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
    const noon = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 12);
    const { sent } = renderPage(<BookingsPage />, {
      path: '/bookings?week=2030-06-12',
      answers: {
        BookingsWeek: (variables) =>
          variables.startsFrom === new Date(2030, 5, 17).toISOString()
            ? week([appointment({ id: 'a9', startsAt: at(6, 18, 11), endsAt: at(6, 18, 12), service: { id: 's9', name: 'Beard trim' } })])
            : variables.startsFrom === monday.toISOString()
              ? week([appointment({ id: 'a8', startsAt: noon.toISOString(), endsAt: new Date(noon.getTime() + 3_600_000).toISOString() })])
              : week([]),
      },
    });
    await screen.findByText('No appointments this week');
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Jun 17 – 23, 2030' })).toBeTruthy();
    expect(await screen.findByText('Beard trim')).toBeTruthy();
    expect(lastWeek(sent)).toMatchObject({
      startsFrom: new Date(2030, 5, 17).toISOString(),
      startsBefore: new Date(2030, 5, 24).toISOString(),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    await userEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Jun 3 – 9, 2030' })).toBeTruthy();
    expect(lastWeek(sent)?.startsFrom).toBe(new Date(2030, 5, 3).toISOString());

    await userEvent.click(screen.getByRole('button', { name: 'This week' }));
    await waitFor(() => expect(lastWeek(sent)?.startsFrom).toBe(monday.toISOString()));
    const todayHeading = await screen.findByRole('heading', { level: 3, name: /Today/ });
    expect(within(todayHeading.closest('section')!).getByText('Haircut')).toBeTruthy();
  });

  it('names weeks that span two months or two years', async () => {
    const { unmount } = renderPage(<BookingsPage />, { path: '/bookings?week=2030-09-30' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Sep 30 – Oct 6, 2030' })).toBeTruthy();
    unmount();
    renderPage(<BookingsPage />, { path: '/bookings?week=2031-01-01' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Dec 30, 2030 – Jan 5, 2031' })).toBeTruthy();
  });

  it('filters by resource', async () => {
    const { sent } = renderPage(<BookingsPage />, {
      path: '/bookings?week=2030-06-12',
      answers: { BookingsWeek: week([appointment()]), BookingsResources: resources },
    });
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Resource' }), 'Chair 2');
    await waitFor(() => expect(lastWeek(sent)?.resourceId).toBe('r2'));
  });

  it('keeps the calendar when customer names fail, marking the missing ones', async () => {
    renderPage(<BookingsPage />, {
      path: '/bookings?week=2030-06-12',
      answers: {
        BookingsWeek: {
          ...week([
            appointment({ contact: null }),
            appointment({ id: 'a2', startsAt: at(6, 12, 9), endsAt: at(6, 12, 10), service: { id: 's2', name: 'Colour' } }),
          ]),
          error: new GraphQLError('The crm service is unavailable', {
            path: ['appointments', 'edges', 0, 'node', 'contact'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          }),
        },
      },
    });
    const tuesday = await screen.findByRole('list', { name: 'Tuesday, Jun 11' });
    expect(within(tuesday).getByText('Haircut')).toBeTruthy();
    expect(within(tuesday).getByText('Customer unavailable')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Wednesday, Jun 12' })).getByText('Jane Doe')).toBeTruthy();
    const notice = screen.getByText(/Some customer names could not be loaded/);
    expect(notice.textContent).toMatch(/This module is not responding right now/);
  });

  it('does not ask for customer names without CRM', async () => {
    const { sent } = renderPage(<BookingsPage />, {
      path: '/bookings?week=2030-06-12',
      me: fakeMe({ modules: ['BOOKING'] }),
      answers: { BookingsWeek: week([appointment({ contact: undefined })]) },
    });
    expect(await screen.findByText('Haircut')).toBeTruthy();
    expect(lastWeek(sent)?.withContact).toBe(false);
    expect(screen.queryByText('Customer unavailable')).toBeNull();
  });
});
