import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage, type Sent } from '../test/render';
import { lastDays } from '../lib/format';
import { OverviewPage } from './Overview';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

function dashboard(overrides: Record<string, unknown> = {}) {
  return {
    // The period asked for (the router echoes it); the page's default is the last 30 days.
    ...lastDays(30),
    currency: 'EUR',
    revenue: eur('1234.5'),
    outstanding: eur('800'),
    overdue: eur('150.25'),
    pipeline: eur('25000'),
    dealsWon: 3,
    dealsWonValue: eur('4200'),
    revenueSeries: [
      { date: '2026-03-09', value: '0' },
      { date: '2026-03-10', value: '1234.5' },
    ],
    pipelineByStage: [{ stage: 'PROPOSAL', dealCount: 2, value: eur('25000') }],
    ...overrides,
  };
}

const overview = (overrides: Record<string, unknown> = {}) => ({ data: { dashboard: dashboard(overrides) } });
const noActivity = {
  data: { activity: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
};

const kpi = (id: string) => screen.getByTestId(`kpi-${id}`);
const kpiValue = (id: string) => kpi(id).querySelector('.kpi-value')!.textContent;
const overviewSent = (sent: Sent[]) => sent.filter((s) => s.name === 'Overview');
const DAY = 86_400_000;

describe('OverviewPage', () => {
  it('greets the user and shows the KPIs as money', async () => {
    renderPage(<OverviewPage />, { answers: { Overview: overview(), Activity: noActivity } });
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(screen.getByText('Welcome back, Ada. Here is how Northwind Studio is doing.')).toBeTruthy();
    await screen.findByTestId('kpi-revenue');
    expect(kpiValue('revenue')).toBe('€1,234.50');
    expect(screen.getByRole('paragraph', { name: 'Revenue' }).textContent).toBe('€1,234.50');
    expect(kpiValue('outstanding')).toBe('€800.00');
    expect(within(kpi('outstanding')).getByText('€150.25 overdue')).toBeTruthy();
    expect(kpiValue('pipeline')).toBe('€25,000.00');
    expect(kpiValue('deals-won')).toBe('3');
    expect(within(kpi('deals-won')).getByText('€4,200.00 won in the period')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Daily revenue, last 30 days/ })).toBeTruthy();
  });

  it('shows a loading state, then empty chart states and “Nothing overdue”', async () => {
    renderPage(<OverviewPage />, {
      answers: {
        Overview: overview({ overdue: eur('0'), revenueSeries: [{ date: '2026-03-10', value: '0' }], pipelineByStage: [] }),
        Activity: noActivity,
      },
    });
    expect(screen.getByText('Loading your numbers…')).toBeTruthy();
    expect(await screen.findByText('Nothing overdue')).toBeTruthy();
    expect(screen.getByText('No payments in this period yet')).toBeTruthy();
    expect(screen.getByText('No open deals')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add a deal' }).getAttribute('href')).toBe('/deals');
  });

  it('replaces the numbers with a pushed update, without asking again', async () => {
    const { sent, push } = renderPage(<OverviewPage />, { answers: { Overview: overview(), Activity: noActivity } });
    await screen.findByTestId('kpi-revenue');
    expect(kpiValue('revenue')).toBe('€1,234.50');
    const range = overviewSent(sent)[0]!.variables.range;
    expect(sent.find((s) => s.name === 'OverviewLive')?.variables).toEqual({ range });

    push('OverviewLive', { dashboardUpdated: dashboard({ revenue: eur('2000'), dealsWon: 4, overdue: eur('0') }) });
    await waitFor(() => expect(kpiValue('revenue')).toBe('€2,000.00'));
    expect(kpiValue('deals-won')).toBe('4');
    expect(within(kpi('outstanding')).getByText('Nothing overdue')).toBeTruthy();
    expect(overviewSent(sent)).toHaveLength(1);
  });

  it('asks for the chosen period', async () => {
    const { sent } = renderPage(<OverviewPage />, {
      answers: {
        Overview: (variables) =>
          overview({
            ...(variables.range as { from: string; to: string }),
            revenue: eur((variables.range as { from: string }).from === lastDays(7).from ? '70' : '300'),
          }),
        Activity: noActivity,
      },
    });
    await screen.findByTestId('kpi-revenue');
    const first = overviewSent(sent)[0]!.variables.range as { from: string; to: string };
    expect(first.to).toBe(new Date().toISOString().slice(0, 10));
    expect((Date.parse(first.to) - Date.parse(first.from)) / DAY + 1).toBe(30);
    expect(screen.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(kpiValue('revenue')).toBe('€70.00'));
    const range = overviewSent(sent).at(-1)!.variables.range as { from: string; to: string };
    // Seven calendar days, today included: from is six days before to.
    expect((Date.parse(range.to) - Date.parse(range.from)) / DAY).toBe(6);
    expect(range.to).toBe(first.to);
    expect(screen.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('false');
    expect(sent.filter((s) => s.name === 'OverviewLive').at(-1)?.variables).toEqual({ range });

    await userEvent.click(screen.getByRole('button', { name: '12 months' }));
    await waitFor(() => {
      const year = overviewSent(sent).at(-1)!.variables.range as { from: string; to: string };
      expect((Date.parse(year.to) - Date.parse(year.from)) / DAY + 1).toBe(365);
    });
  });

  it('shows the pushed numbers of the chosen period, not those of the previous one', async () => {
    const { push } = renderPage(<OverviewPage />, {
      answers: {
        Overview: (variables) =>
          overview({
            ...(variables.range as { from: string; to: string }),
            revenue: eur((variables.range as { from: string }).from === lastDays(7).from ? '70' : '300'),
          }),
        Activity: noActivity,
      },
    });
    await screen.findByTestId('kpi-revenue');
    push('OverviewLive', { dashboardUpdated: dashboard({ revenue: eur('999') }) });
    await waitFor(() => expect(kpiValue('revenue')).toBe('€999.00'));
    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(kpiValue('revenue')).toBe('€70.00'));
    push('OverviewLive', { dashboardUpdated: dashboard({ ...lastDays(7), revenue: eur('71') }) });
    await waitFor(() => expect(kpiValue('revenue')).toBe('€71.00'));
    await userEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() => expect(kpiValue('revenue')).toBe('€300.00'));
  });

  it('shows the error and retries from the network', async () => {
    let calls = 0;
    renderPage(<OverviewPage />, {
      answers: {
        Overview: () => (++calls === 1 ? { error: new GraphQLError('Analytics is catching up') } : overview()),
        Activity: noActivity,
      },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Analytics is catching up')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('kpi-revenue');
    expect(kpiValue('revenue')).toBe('€1,234.50');
    expect(calls).toBe(2);
  });

  it('shows the activity feed beside the numbers', async () => {
    const { push } = renderPage(<OverviewPage />, {
      answers: {
        Overview: overview(),
        Activity: {
          data: {
            activity: {
              totalCount: 1,
              pageInfo: { hasNextPage: false, endCursor: null },
              edges: [
                {
                  node: {
                    id: 'a1',
                    type: 'INVOICE_PAID',
                    module: 'INVOICING',
                    occurredAt: new Date().toISOString(),
                    summary: 'Invoice INV-0007 paid',
                    amount: eur('1234.5'),
                  },
                },
              ],
            },
          },
        },
      },
    });
    const side = screen.getByRole('complementary', { name: 'Recent activity' });
    expect(await within(side).findByText('Invoice INV-0007 paid')).toBeTruthy();
    push('ActivityLive', {
      activityRecorded: {
        id: 'a2',
        type: 'DEAL_WON',
        module: 'CRM',
        occurredAt: new Date().toISOString(),
        summary: 'Deal “Website” won',
        amount: null,
      },
    });
    expect(await within(side).findByText('Deal “Website” won')).toBeTruthy();
  });

  it('without ANALYTICS says it is not in the plan, asks analytics nothing, and shows what needs attention', async () => {
    const { sent } = renderPage(<OverviewPage />, {
      me: fakeMe({ modules: ['CRM', 'INVOICING', 'BOOKING'], plan: 'FREE' }),
      answers: { Overview: overview(), Activity: noActivity },
    });
    expect(screen.getByText('Analytics is not part of your plan')).toBeTruthy();
    // What needs attention instead, from the modules the plan has.
    expect(screen.getByRole('heading', { name: 'Invoices awaiting payment' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Newest contacts' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All invoices' }).getAttribute('href')).toBe('/invoices');
    expect(screen.queryByRole('complementary', { name: 'Recent activity' })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('kpi-revenue')).toBeNull();
    expect(sent.map((s) => s.name)).not.toContain('Overview');
    expect(sent.map((s) => s.name)).not.toContain('OverviewLive');
    expect(sent.map((s) => s.name)).not.toContain('Activity');
  });
});
