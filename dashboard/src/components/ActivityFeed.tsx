import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { ActivityDocument, ActivityLiveDocument, type ActivityEntryFragment } from '../generated/graphql';
import { MODULE_NAMES } from '../modules';

import { formatRelative } from '../lib/format';
import { Empty, LiveBadge, Panel, Pending } from './ui';

/** Older items (one page of `activity`), with the ones pushed live since on top, newest first, no duplicates. */
export function mergeActivity(live: readonly ActivityEntryFragment[], loaded: readonly ActivityEntryFragment[]): ActivityEntryFragment[] {
  const seen = new Set<string>();
  const merged: ActivityEntryFragment[] = [];
  for (const item of [...live, ...loaded]) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    merged.push(item);
  }
  return merged.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
}

/** The tenant's activity feed, live from `activityRecorded`. */
export function ActivityFeed({ compact = false }: { compact?: boolean }) {
  const size = compact ? 12 : 30;
  const [after, setAfter] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<ActivityEntryFragment[]>([]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: ActivityDocument, variables: { first: size, after } });
  const [live] = useSubscription({ query: ActivityLiveDocument }, (items: ActivityEntryFragment[] = [], event) =>
    [event.activityRecorded, ...items].slice(0, 200),
  );
  const [, tick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  // Every page read so far ("Show older" adds the next one).
  useEffect(() => {
    if (data)
      setLoaded((current) =>
        mergeActivity(
          data.activity.edges.map((e) => e.node),
          current,
        ),
      );
  }, [data]);

  const items = useMemo(() => mergeActivity(live.data ?? [], loaded), [live.data, loaded]);
  const visible = compact ? items.slice(0, size) : items;
  const freshIds = new Set((live.data ?? []).slice(0, 3).map((item) => item.id));

  return (
    <Panel title="Activity" actions={compact ? <Link to="/activity">See all</Link> : <LiveBadge error={live.error} />}>
      {!data && items.length === 0 ? (
        <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : visible.length === 0 ? (
        <Empty title="Nothing has happened yet">Deals, invoices, bookings and more show up here as they happen.</Empty>
      ) : (
        <>
          <ol className="activity" aria-live="polite" aria-relevant="additions" data-testid="activity-feed">
            {visible.map((item) => (
              <li key={item.id} className={freshIds.has(item.id) ? 'activity-new' : undefined}>
                <span>{item.summary}</span>
                <span className="activity-time">
                  {MODULE_NAMES[item.module]} · <time dateTime={item.occurredAt}>{formatRelative(item.occurredAt)}</time>
                </span>
              </li>
            ))}
          </ol>
          {!compact && data?.activity.pageInfo.hasNextPage ? (
            <div className="pager">
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={fetching}
                onClick={() => setAfter(data.activity.pageInfo.endCursor ?? null)}
              >
                {fetching ? 'Loading…' : 'Show older'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Panel>
  );
}
