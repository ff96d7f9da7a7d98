import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage, type Sent } from '../test/render';
import FleetPage from './Fleet';

function vehicle(overrides: Record<string, unknown> = {}) {
  return {
    id: 'v1',
    plate: 'B AB 1234',
    make: 'Volkswagen',
    model: 'Transporter',
    year: 2021,
    status: 'ACTIVE',
    odometer: 48210,
    odometerUnit: 'KM',
    drivers: [
      { id: 'e1', name: 'Grace Hopper' },
      { id: 'e2', name: 'Alan Turing' },
    ],
    nextService: { id: 'r1', kind: 'OIL_CHANGE', dueDate: '2026-12-03', dueOdometer: 50000, remainingDistance: 1790, isDue: false },
    totalCost: { amount: '3120.40', currency: 'EUR' },
    ...overrides,
  };
}

function vehicles(nodes: unknown[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return {
    data: {
      vehicles: {
        totalCount,
        pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
        edges: nodes.map((node) => ({ node })),
      },
    },
  };
}

function reminders(nodes: unknown[]) {
  return { data: { dueReminders: { totalCount: nodes.length, edges: nodes.map((node) => ({ node })) } } };
}

const dueSoon = {
  id: 'r2',
  kind: 'INSPECTION',
  dueDate: '2026-12-10',
  dueOdometer: null,
  remainingDistance: null,
  isDue: false,
  vehicle: { id: 'v2', plate: 'M XY 77', make: 'Ford', model: 'Transit', odometerUnit: 'KM' },
};
const overdue = {
  id: 'r3',
  kind: 'TYRE_ROTATION',
  dueDate: null,
  dueOdometer: 30000,
  remainingDistance: -250,
  isDue: true,
  vehicle: { id: 'v3', plate: 'TX 4411', make: 'Toyota', model: 'Hilux', odometerUnit: 'MI' },
};

const lastSent = (sent: Sent[]) => sent.filter((s) => s.name === 'FleetPage').at(-1)?.variables;

describe('FleetPage', () => {
  it('shows a loading state while the vehicles load', async () => {
    renderPage(<FleetPage />);
    expect(await screen.findByText('Loading vehicles…')).toBeTruthy();
    expect(screen.getByText('Loading service reminders…')).toBeTruthy();
  });

  it('lists vehicles with drivers, next service and cost, current vehicles by default', async () => {
    const { sent } = renderPage(<FleetPage />, {
      answers: {
        FleetPage: vehicles([
          vehicle(),
          vehicle({
            id: 'v3',
            plate: 'TX 4411',
            make: 'Toyota',
            model: 'Hilux',
            year: 2019,
            status: 'IN_SERVICE',
            odometer: 30250,
            odometerUnit: 'MI',
            drivers: [],
            nextService: { id: 'r3', kind: 'TYRE_ROTATION', dueDate: null, dueOdometer: 30000, remainingDistance: -250, isDue: true },
            totalCost: { amount: '990', currency: 'USD' },
          }),
        ]),
        FleetDueReminders: reminders([]),
      },
    });
    const table = await screen.findByRole('table', { name: 'Vehicles' });
    const van = within(table).getByText('B AB 1234').closest('tr')!;
    expect(within(van).getByText('Volkswagen Transporter · 2021')).toBeTruthy();
    expect(within(van).getByText('Active')).toBeTruthy();
    expect(within(van).getByText('48,210 km')).toBeTruthy();
    expect(within(van).getByText('Grace Hopper, Alan Turing')).toBeTruthy();
    expect(within(van).getByText('Oil change')).toBeTruthy();
    expect(within(van).getByText('Due Dec 3, 2026 or at 50,000 km (1,790 km left)')).toBeTruthy();
    expect(within(van).queryByText('Service due')).toBeNull();
    expect(within(van).getByText('€3,120.40')).toBeTruthy();

    const pickup = within(table).getByText('TX 4411').closest('tr')!;
    expect(within(pickup).getByText('In service')).toBeTruthy();
    expect(within(pickup).getByText('30,250 mi')).toBeTruthy();
    expect(within(pickup).getByText('No driver')).toBeTruthy();
    expect(within(pickup).getByText('Service due')).toBeTruthy();
    expect(within(pickup).getByText('Due at 30,000 mi (250 mi over)')).toBeTruthy();
    expect(within(pickup).getByText('$990.00')).toBeTruthy();

    expect(lastSent(sent)).toMatchObject({ first: 25, after: null, status: ['ACTIVE', 'IN_SERVICE'], search: null, withDrivers: true });
  });

  it('says so when there are no vehicles or nothing is due', async () => {
    renderPage(<FleetPage />, { answers: { FleetPage: vehicles([]), FleetDueReminders: reminders([]) } });
    expect(await screen.findByText('No vehicles yet')).toBeTruthy();
    expect(screen.getByText('Nothing due in the next 30 days')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error and retries from the network', async () => {
    let calls = 0;
    renderPage(<FleetPage />, {
      answers: {
        FleetPage: () => (++calls === 1 ? { error: new GraphQLError('Fleet is unavailable') } : vehicles([vehicle()])),
        FleetDueReminders: reminders([]),
      },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Fleet is unavailable')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('B AB 1234')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('lists what is due for service, overdue first', async () => {
    const { sent } = renderPage(<FleetPage />, {
      answers: { FleetPage: vehicles([vehicle()]), FleetDueReminders: reminders([dueSoon, overdue]) },
    });
    const list = await screen.findByRole('list', { name: 'Services due' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(first!).getByText('TX 4411')).toBeTruthy();
    expect(within(first!).getByText('Tyre rotation')).toBeTruthy();
    expect(within(first!).getByText('Due now')).toBeTruthy();
    expect(first!.textContent).toContain('due at 30,000 mi (250 mi over)');
    expect(within(second!).getByText('M XY 77')).toBeTruthy();
    expect(within(second!).getByText('Due soon')).toBeTruthy();
    expect(second!.textContent).toContain('due Dec 10, 2026');
    expect(sent.some((s) => s.name === 'FleetDueReminders')).toBe(true);
  });

  it('filters by status and searches once typing pauses', async () => {
    const { sent } = renderPage(<FleetPage />, {
      answers: {
        FleetPage: (variables) =>
          variables.search === 'hilux'
            ? vehicles([vehicle({ id: 'v3', plate: 'TX 4411', make: 'Toyota', model: 'Hilux', status: 'RETIRED' })])
            : Array.isArray(variables.status) && variables.status[0] === 'RETIRED'
              ? vehicles([])
              : vehicles([vehicle()]),
        FleetDueReminders: reminders([]),
      },
    });
    await screen.findByText('B AB 1234');
    await userEvent.click(screen.getByRole('button', { name: 'Retired' }));
    expect(await screen.findByText('No vehicles match this filter')).toBeTruthy();
    expect(lastSent(sent)?.status).toEqual(['RETIRED']);
    expect(screen.getByRole('button', { name: 'Retired' }).getAttribute('aria-pressed')).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(lastSent(sent)?.status).toBeNull());
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search vehicles' }), 'hilux');
    expect(await screen.findByText('TX 4411')).toBeTruthy();
    expect(lastSent(sent)).toMatchObject({ search: 'hilux', status: null });
    expect(sent.filter((s) => s.name === 'FleetPage').map((s) => s.variables.search)).not.toContain('h');
  });

  it('keeps the vehicles when drivers fail, marking the missing ones', async () => {
    renderPage(<FleetPage />, {
      answers: {
        FleetPage: {
          ...vehicles([vehicle({ drivers: null })]),
          error: new GraphQLError('The hr service is unavailable', {
            path: ['vehicles', 'edges', 0, 'node', 'drivers'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          }),
        },
        FleetDueReminders: reminders([]),
      },
    });
    const row = (await screen.findByText('B AB 1234')).closest('tr')!;
    expect(within(row).getByText('Drivers unavailable')).toBeTruthy();
    expect(within(row).getByText('€3,120.40')).toBeTruthy();
    expect(screen.getByText(/Drivers could not be loaded/).textContent).toMatch(/This module is not responding right now/);
  });

  it('shows its own error for the service panel without losing the vehicles', async () => {
    renderPage(<FleetPage />, {
      answers: { FleetPage: vehicles([vehicle()]), FleetDueReminders: { error: new GraphQLError('Reminders are unavailable') } },
    });
    expect(await screen.findByText('B AB 1234')).toBeTruthy();
    expect(within(await screen.findByRole('alert')).getByText('Reminders are unavailable')).toBeTruthy();
  });

  it('leaves drivers out without HR', async () => {
    const { sent } = renderPage(<FleetPage />, {
      me: fakeMe({ modules: ['FLEET'] }),
      answers: { FleetPage: vehicles([vehicle({ drivers: undefined })]), FleetDueReminders: reminders([]) },
    });
    await screen.findByText('B AB 1234');
    expect(screen.queryByRole('columnheader', { name: 'Drivers' })).toBeNull();
    expect(lastSent(sent)?.withDrivers).toBe(false);
  });
});
