import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { OverviewDocument, OverviewLiveDocument, type OverviewFieldsFragment } from '../generated/graphql';
import { LineChart, StageBars } from '../components/Charts';
import { ActivityFeed } from '../components/ActivityFeed';
import { Essentials } from '../components/Essentials';
import { Empty, LiveBadge, PageHeader, Panel, Pending } from '../components/ui';

import { formatMoney, lastDays } from '../lib/format';
import { useWorkspace } from '../workspace';

const RANGES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '12 months' },
];

function Kpi({ id, label, value, detail }: { id: string; label: string; value: string; detail?: string }) {
  return (
    <div className="kpi" data-testid={`kpi-${id}`}>
      <p className="kpi-label" id={`kpi-${id}-label`}>
        {label}
      </p>
      <p className="kpi-value" aria-labelledby={`kpi-${id}-label`}>
        {value}
      </p>
      {detail ? <p className="kpi-detail">{detail}</p> : null}
    </div>
  );
}

function Kpis({ dashboard }: { dashboard: OverviewFieldsFragment }) {
  return (
    <div className="kpis">
      <Kpi id="revenue" label="Revenue" value={formatMoney(dashboard.revenue)} detail="Payments received in the period" />
      <Kpi
        id="outstanding"
        label="Outstanding"
        value={formatMoney(dashboard.outstanding)}
        detail={Number(dashboard.overdue.amount) > 0 ? `${formatMoney(dashboard.overdue)} overdue` : 'Nothing overdue'}
      />
      <Kpi id="pipeline" label="Pipeline" value={formatMoney(dashboard.pipeline)} detail="Open deals" />
      <Kpi
        id="deals-won"
        label="Deals won"
        value={String(dashboard.dealsWon)}
        detail={`${formatMoney(dashboard.dealsWonValue)} won in the period`}
      />
    </div>
  );
}

function Analytics() {
  const [days, setDays] = useState(30);
  const range = useMemo(() => lastDays(days), [days]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: OverviewDocument, variables: { range } });
  // Pushed by the router whenever an event moves the numbers: no polling, no reload.
  const [live] = useSubscription({ query: OverviewLiveDocument, variables: { range } });
  // The subscription keeps its last payload when the period changes: only a push for this period counts.
  const pushed = live.data?.dashboardUpdated;
  const dashboard = pushed && pushed.from === range.from && pushed.to === range.to ? pushed : data?.dashboard;

  return (
    <>
      <div className="toolbar" role="group" aria-label="Period">
        {RANGES.map((option) => (
          <button
            key={option.days}
            type="button"
            className={`chip ${days === option.days ? 'chip-active' : ''}`}
            aria-pressed={days === option.days}
            onClick={() => setDays(option.days)}
          >
            {option.label}
          </button>
        ))}
        <LiveBadge error={live.error} />
      </div>
      {!dashboard ? (
        <Pending
          error={error}
          fetching={fetching}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
          label="Loading your numbers…"
        />
      ) : (
        <>
          <Kpis dashboard={dashboard} />
          <div className="grid-2">
            <Panel title="Revenue over time">
              {dashboard.revenueSeries.some((p) => Number(p.value) !== 0) ? (
                <LineChart points={dashboard.revenueSeries} currency={dashboard.currency} label={`Daily revenue, last ${days} days`} />
              ) : (
                <Empty title="No payments in this period yet">Revenue appears here as invoices are paid.</Empty>
              )}
            </Panel>
            <Panel title="Pipeline by stage">
              {dashboard.pipelineByStage.length > 0 ? (
                <StageBars stages={dashboard.pipelineByStage} />
              ) : (
                <Empty title="No open deals">
                  <Link to="/deals">Add a deal</Link> to see your pipeline.
                </Empty>
              )}
            </Panel>
          </div>
        </>
      )}
    </>
  );
}

export function OverviewPage() {
  const { me, enabled } = useWorkspace();
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Welcome back, ${me.name.split(' ')[0]}. Here is how ${me.tenant.branding.displayName} is doing.`}
      />
      <div className={`overview ${enabled('ANALYTICS') ? 'with-side' : ''}`}>
        <div className="overview-main">
          {enabled('ANALYTICS') ? (
            <Analytics />
          ) : (
            <>
              <div className="notice notice-warning">
                <strong>Analytics is not part of your plan</strong>
                <p style={{ margin: '0.25rem 0 0' }}>
                  Key numbers and live charts come with the Business plan. Here is what needs your attention meanwhile.
                </p>
              </div>
              <Essentials />
            </>
          )}
        </div>
        {enabled('ANALYTICS') ? (
          <aside className="overview-side" aria-label="Recent activity">
            <ActivityFeed compact />
          </aside>
        ) : null}
      </div>
    </>
  );
}
