import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ActivityEntryFragment } from '../generated/graphql';
import { renderPage } from '../test/render';
import { ActivityFeed, mergeActivity } from './ActivityFeed';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function item(
  id: string,
  summary: string,
  occurredAt: string,
  overrides: Partial<Omit<ActivityEntryFragment, '__typename'>> = {},
): ActivityEntryFragment {
  return { __typename: 'ActivityItem', id, type: 'DEAL_WON', module: 'CRM', occurredAt, summary, amount: null, ...overrides };
}

function activity(nodes: ActivityEntryFragment[], { hasNextPage = false } = {}) {
  return {
    data: {
      activity: {
        totalCount: nodes.length,
        pageInfo: { hasNextPage, endCursor: hasNextPage ? 'activity-1' : null },
        edges: nodes.map((node) => ({ node })),
      },
    },
  };
}

const feedTexts = () =>
  within(screen.getByTestId('activity-feed'))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('span')!.textContent);

describe('mergeActivity', () => {
  it('drops duplicates (the live copy wins) and sorts newest first', () => {
    const live = [item('a3', 'Live copy of a3', '2026-03-10T10:03:00Z'), item('a5', 'Newest', '2026-03-10T10:05:00Z')];
    const loaded = [
      item('a1', 'Oldest', '2026-03-10T10:01:00Z'),
      item('a3', 'Loaded copy of a3', '2026-03-10T10:03:00Z'),
      item('a4', 'Fourth', '2026-03-10T10:04:00Z'),
    ];
    expect(mergeActivity(live, loaded).map((i) => `${i.id}:${i.summary}`)).toEqual([
      'a5:Newest',
      'a4:Fourth',
      'a3:Live copy of a3',
      'a1:Oldest',
    ]);
  });

  it('does not change its inputs and handles empty lists', () => {
    const loaded = [item('a1', 'One', '2026-03-10T10:01:00Z'), item('a2', 'Two', '2026-03-10T10:02:00Z')];
    expect(mergeActivity([], loaded).map((i) => i.id)).toEqual(['a2', 'a1']);
    expect(loaded.map((i) => i.id)).toEqual(['a1', 'a2']);
    expect(mergeActivity([], [])).toEqual([]);
  });
});

describe('ActivityFeed', () => {
  it('lists the activity newest first with module and time', async () => {
    const { sent } = renderPage(<ActivityFeed />, {
      answers: {
        Activity: activity([
          item('a1', 'Invoice INV-0001 paid', minutesAgo(120), { module: 'INVOICING' }),
          item('a2', 'Deal “Website” won', minutesAgo(5)),
        ]),
      },
    });
    await screen.findByText('Deal “Website” won');
    expect(feedTexts()).toEqual(['Deal “Website” won', 'Invoice INV-0001 paid']);
    const [first, second] = within(screen.getByTestId('activity-feed')).getAllByRole('listitem');
    expect(first!.textContent).toContain('CRM · 5 min ago');
    expect(second!.textContent).toContain('Invoicing · 2 h ago');
    expect(sent.find((s) => s.name === 'Activity')?.variables).toEqual({ first: 30, after: null });
    expect(sent.some((s) => s.name === 'ActivityLive')).toBe(true);
  });

  it('puts a pushed item on top', async () => {
    const { push } = renderPage(<ActivityFeed />, {
      answers: { Activity: activity([item('a1', 'Contact Jane Doe added', minutesAgo(10))]) },
    });
    await screen.findByText('Contact Jane Doe added');
    push('ActivityLive', { activityRecorded: item('a9', 'Order ORD-000200 placed', new Date().toISOString(), { module: 'COMMERCE' }) });
    expect(await screen.findByText('Order ORD-000200 placed')).toBeTruthy();
    expect(feedTexts()).toEqual(['Order ORD-000200 placed', 'Contact Jane Doe added']);
    const top = within(screen.getByTestId('activity-feed')).getAllByRole('listitem')[0]!;
    expect(top.textContent).toContain('Commerce · just now');
    expect(top.className).toBe('activity-new');
  });

  it('says so when nothing has happened', async () => {
    renderPage(<ActivityFeed compact />, { answers: { Activity: activity([]) } });
    expect(await screen.findByText('Nothing has happened yet')).toBeTruthy();
    expect(screen.queryByTestId('activity-feed')).toBeNull();
  });

  it('replaces the empty state with a pushed item', async () => {
    const { push } = renderPage(<ActivityFeed />, { answers: { Activity: activity([]) } });
    await screen.findByText('Nothing has happened yet');
    push('ActivityLive', { activityRecorded: item('a1', 'First deal created', new Date().toISOString()) });
    expect(await screen.findByText('First deal created')).toBeTruthy();
    expect(screen.queryByText('Nothing has happened yet')).toBeNull();
  });

  it('shows older pages below on “Show older”', async () => {
    const { sent } = renderPage(<ActivityFeed />, {
      answers: {
        Activity: (variables) =>
          variables.after === 'activity-1'
            ? activity([item('a1', 'Older thing', minutesAgo(300))])
            : activity([item('a2', 'Newer thing', minutesAgo(3))], { hasNextPage: true }),
      },
    });
    await screen.findByText('Newer thing');
    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    expect(await screen.findByText('Older thing')).toBeTruthy();
    expect(feedTexts()).toEqual(['Newer thing', 'Older thing']);
    expect(sent.filter((s) => s.name === 'Activity').at(-1)?.variables.after).toBe('activity-1');
  });

  it('compact: asks for 12 and links to the full feed', async () => {
    const { sent } = renderPage(<ActivityFeed compact />, { answers: { Activity: activity([item('a1', 'Something', minutesAgo(1))]) } });
    await screen.findByText('Something');
    expect(sent.find((s) => s.name === 'Activity')?.variables).toEqual({ first: 12, after: null });
    expect(screen.getByRole('link', { name: 'See all' }).getAttribute('href')).toBe('/activity');
  });

  it('shows the error with a retry', async () => {
    let calls = 0;
    renderPage(<ActivityFeed />, {
      answers: {
        Activity: () =>
          ++calls === 1 ? { error: new GraphQLError('Analytics is down') } : activity([item('a1', 'Back again', minutesAgo(1))]),
      },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Analytics is down')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeTruthy();
    expect(calls).toBe(2);
  });
});
