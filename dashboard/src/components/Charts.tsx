import { useId } from 'react';
import { formatDate, formatMoney, humanize } from '../lib/format';

/**
 * Dependency-free SVG charts. Each has a text alternative: the line chart a summary and a data table
 * for screen readers, the bar chart is plain labelled HTML.
 */
export function LineChart({
  points,
  currency,
  label,
}: {
  points: readonly { date: string; value: string }[];
  currency: string;
  label: string;
}) {
  const id = useId();
  const width = 640;
  const height = 200;
  const pad = { top: 12, right: 12, bottom: 24, left: 12 };
  const values = points.map((p) => Number(p.value));
  const max = Math.max(1, ...values);
  const total = values.reduce((sum, value) => sum + value, 0);
  const x = (i: number) => pad.left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const line = points.map((_, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(' ');
  const area =
    points.length > 0
      ? `${line} L${x(points.length - 1).toFixed(1)},${height - pad.bottom} L${x(0).toFixed(1)},${height - pad.bottom} Z`
      : '';
  const best = values.length > 0 ? values.indexOf(Math.max(...values)) : -1;
  const summary =
    points.length === 0
      ? 'No data in this period.'
      : `${formatMoney({ amount: String(total), currency })} over ${points.length} days from ${formatDate(points[0]!.date)} to ${formatDate(points[points.length - 1]!.date)}` +
        (best >= 0 && values[best]! > 0
          ? `; best day ${formatDate(points[best]!.date)} with ${formatMoney({ amount: String(values[best]), currency })}.`
          : '.');
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="none"
        className="chart-svg"
      >
        <title id={`${id}-title`}>{label}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line key={f} x1={pad.left} x2={width - pad.right} y1={y(max * f)} y2={y(max * f)} className="chart-grid" />
        ))}
        <path d={area} className="chart-area" />
        <path d={line} className="chart-line" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="chart-caption">
        <span>{points.length > 0 ? formatDate(points[0]!.date) : ''}</span>
        <span>peak {formatMoney({ amount: String(max === 1 && total === 0 ? 0 : max), currency }, { compact: true })}</span>
        <span>{points.length > 0 ? formatDate(points[points.length - 1]!.date) : ''}</span>
      </figcaption>
      <details className="chart-table">
        <summary>Show as table</summary>
        <table>
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Amount</th>
            </tr>
          </thead>
          <tbody>
            {points
              .filter((p) => Number(p.value) !== 0)
              .map((p) => (
                <tr key={p.date}>
                  <td>{formatDate(p.date)}</td>
                  <td>{formatMoney({ amount: p.value, currency })}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function StageBars({
  stages,
}: {
  stages: readonly { stage: string; dealCount: number; value: { amount: string; currency: string } }[];
}) {
  const max = Math.max(1, ...stages.map((s) => Number(s.value.amount)));
  return (
    <ul className="stage-bars">
      {stages.map((s) => {
        const pct = Math.round((Number(s.value.amount) / max) * 100);
        return (
          <li key={s.stage} className="stage-bar">
            <span className="stage-bar-label">{humanize(s.stage)}</span>
            <span className="stage-bar-track" aria-hidden="true">
              <span className="stage-bar-fill" style={{ width: `${pct}%` }} />
            </span>
            <span className="stage-bar-value">
              {formatMoney(s.value)}{' '}
              <span className="muted">
                · {s.dealCount} {s.dealCount === 1 ? 'deal' : 'deals'}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
