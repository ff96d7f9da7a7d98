import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render';
import EmployeesPage from './Employees';

function employee(overrides: Record<string, unknown> = {}) {
  return {
    id: 'e1',
    name: 'Grace Hopper',
    email: 'grace@example.com',
    jobTitle: 'Engineering lead',
    status: 'ON_LEAVE',
    hiredAt: '2024-03-01',
    terminatedAt: null,
    department: { id: 'd1', name: 'Engineering' },
    manager: { id: 'e0', name: 'Ada Lovelace' },
    ...overrides,
  };
}

function employees(nodes: unknown[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return {
    data: {
      employees: {
        totalCount,
        pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
        edges: nodes.map((node) => ({ node })),
      },
    },
  };
}

/** YYYY-MM-DD `days` from today in the local calendar, as the page compares leave dates. */
function dayFromToday(days: number) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const noLeave = { data: { leaveRequests: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } };
const departments = {
  data: {
    departments: {
      edges: [{ node: { id: 'd1', name: 'Engineering' } }, { node: { id: 'd2', name: 'Sales' } }],
    },
  },
};

const lastSent = (sent: { name: string; variables: Record<string, unknown> }[]) =>
  sent.filter((s) => s.name === 'EmployeesPage').at(-1)?.variables;

describe('EmployeesPage', () => {
  it('shows a loading state while the employees load', async () => {
    renderPage(<EmployeesPage />);
    expect(await screen.findByText('Loading employees…')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Employees' })).toBeTruthy();
  });

  it('lists employees with their details and the current staff by default', async () => {
    const { sent } = renderPage(<EmployeesPage />, {
      answers: { EmployeesPage: employees([employee()]), EmployeesDepartments: departments, EmployeesUpcomingLeave: noLeave },
    });
    const table = await screen.findByRole('table', { name: 'Employees' });
    const row = within(table).getByText('Grace Hopper').closest('tr')!;
    expect(within(row).getByText('grace@example.com')).toBeTruthy();
    expect(within(row).getByText('Engineering lead')).toBeTruthy();
    expect(within(row).getByText('Engineering')).toBeTruthy();
    expect(within(row).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(row).getByText('On leave')).toBeTruthy();
    expect(within(row).getByText('Mar 1, 2024')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 employee' })).toBeTruthy();
    expect(lastSent(sent)).toMatchObject({ first: 25, after: null, search: null, status: ['ACTIVE', 'ON_LEAVE'] });
    expect(screen.getByRole('button', { name: 'Current' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('combobox', { name: 'Department' })).toBeTruthy();
  });

  it('says so when there are no employees yet', async () => {
    renderPage(<EmployeesPage />, { answers: { EmployeesPage: employees([]), EmployeesUpcomingLeave: noLeave } });
    expect(await screen.findByText('No employees yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error and retries from the network', async () => {
    let calls = 0;
    renderPage(<EmployeesPage />, {
      answers: {
        EmployeesPage: () => (++calls === 1 ? { error: new GraphQLError('HR is down for maintenance') } : employees([employee()])),
        EmployeesUpcomingLeave: noLeave,
      },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('HR is down for maintenance')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('searches once typing pauses, sending the search text', async () => {
    const { sent } = renderPage(<EmployeesPage />, {
      answers: {
        EmployeesPage: (variables) =>
          variables.search === 'alan'
            ? employees([employee({ id: 'e2', name: 'Alan Turing', email: 'alan@example.com' })])
            : employees([employee()]),
        EmployeesUpcomingLeave: noLeave,
      },
    });
    await screen.findByText('Grace Hopper');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search employees' }), 'alan');
    expect(await screen.findByText('Alan Turing')).toBeTruthy();
    expect(screen.queryByText('Grace Hopper')).toBeNull();
    const searches = sent.filter((s) => s.name === 'EmployeesPage').map((s) => s.variables.search);
    expect(searches).toContain('alan');
    expect(searches).not.toContain('a');
    expect(searches).not.toContain('al');
  });

  it('filters by status: terminated, then everyone', async () => {
    const { sent } = renderPage(<EmployeesPage />, {
      answers: {
        EmployeesPage: (variables) =>
          Array.isArray(variables.status) && variables.status[0] === 'TERMINATED'
            ? employees([employee({ id: 'e3', name: 'Charles Babbage', status: 'TERMINATED', terminatedAt: '2025-06-30' })])
            : employees([]),
        EmployeesUpcomingLeave: noLeave,
      },
    });
    await screen.findByText('No employees yet');
    await userEvent.click(screen.getByRole('button', { name: 'Terminated' }));
    expect(await screen.findByText('Charles Babbage')).toBeTruthy();
    expect(screen.getByText('Left Jun 30, 2025')).toBeTruthy();
    expect(lastSent(sent)?.status).toEqual(['TERMINATED']);
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(await screen.findByText('No employees match these filters')).toBeTruthy();
    expect(lastSent(sent)?.status).toBeNull();
  });

  it('pages with the cursor', async () => {
    const { sent } = renderPage(<EmployeesPage />, {
      answers: {
        EmployeesPage: (variables) =>
          variables.after === 'cursor-1'
            ? employees([employee({ id: 'e26', name: 'Katherine Johnson' })], { totalCount: 26 })
            : employees([employee()], { hasNextPage: true, totalCount: 26 }),
        EmployeesUpcomingLeave: noLeave,
      },
    });
    await screen.findByText('Grace Hopper');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Katherine Johnson')).toBeTruthy();
    expect(lastSent(sent)?.after).toBe('cursor-1');
    expect(screen.getByText('26–26 of 26')).toBeTruthy();
  });

  it('keeps the table when a nested field fails, marking what is missing', async () => {
    const partial = employees([employee({ manager: null })]);
    renderPage(<EmployeesPage />, {
      answers: {
        EmployeesPage: {
          ...partial,
          error: new GraphQLError('down', {
            path: ['employees', 'edges', 0, 'node', 'manager'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          }),
        },
        EmployeesUpcomingLeave: noLeave,
      },
    });
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();
    expect(screen.getByText(/This module is not responding right now/)).toBeTruthy();
  });

  it('lists upcoming leave soonest first and leaves out leave that has ended', async () => {
    const leave = (id: string, name: string, start: number, end: number, status: string) => ({
      node: {
        id,
        type: 'VACATION',
        status,
        startDate: dayFromToday(start),
        endDate: dayFromToday(end),
        days: end - start + 1,
        employee: { id, name },
      },
    });
    renderPage(<EmployeesPage />, {
      answers: {
        EmployeesPage: employees([employee()]),
        EmployeesUpcomingLeave: (variables) =>
          variables.after === 'leave-1'
            ? {
                data: {
                  leaveRequests: {
                    pageInfo: { hasNextPage: false, endCursor: null },
                    edges: [leave('l3', 'Barbara Liskov', 2, 4, 'REQUESTED')],
                  },
                },
              }
            : {
                data: {
                  leaveRequests: {
                    pageInfo: { hasNextPage: true, endCursor: 'leave-1' },
                    edges: [leave('l1', 'Edsger Dijkstra', -20, -10, 'APPROVED'), leave('l2', 'Donald Knuth', 10, 14, 'APPROVED')],
                  },
                },
              },
      },
    });
    const list = await screen.findByRole('list', { name: 'Upcoming leave' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Barbara Liskov'),
      expect.stringContaining('Donald Knuth'),
    ]);
    expect(within(items[0]!).getByText('Requested')).toBeTruthy();
    expect(within(items[0]!).getByText(/3 days/)).toBeTruthy();
    expect(screen.queryByText('Edsger Dijkstra')).toBeNull();
  });

  it('says so when no leave is coming up', async () => {
    renderPage(<EmployeesPage />, { answers: { EmployeesPage: employees([employee()]), EmployeesUpcomingLeave: noLeave } });
    expect(await screen.findByText('No upcoming leave')).toBeTruthy();
  });
});
