import { Component, useId, useState, type ErrorInfo, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from '../lib/errors';
import { humanize } from '../lib/format';
import type { useCursorPages } from '../lib/hooks';

/** A titled section of a page; a render failure inside it shows as its error, so siblings carry on. */
export function Panel({
  title,
  actions,
  children,
  className,
  headingLevel = 2,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
}) {
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <header className="panel-header">
        <Heading id={id} className="panel-title">
          {title}
        </Heading>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <PanelBoundary>{children}</PanelBoundary>
    </section>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">Something went wrong</p>
      <p className="state-body">{message}</p>
      {onRetry ? (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A query with nothing to show yet: its error, with a retry, once it has failed; else loading. */
export function Pending({
  error,
  fetching,
  onRetry,
  label,
}: {
  error: CombinedError | undefined;
  fetching: boolean;
  onRetry: () => void;
  label?: string;
}) {
  return error && !fetching ? <ErrorState message={errorMessage(error)} onRetry={onRetry} /> : <Loading label={label} />;
}

/** Whether a live subscription is delivering ("Live") or has failed ("Live updates paused", the reason as its title). */
export function LiveBadge({ error }: { error: CombinedError | undefined }) {
  return (
    <span className={`live-dot ${error ? 'live-off' : ''}`} title={error ? errorMessage(error) : 'Updates arrive live'}>
      {error ? 'Live updates paused' : 'Live'}
    </span>
  );
}

/** Previous / Next over cursor pages (useCursorPages); `children` says where the reader is. */
export function Pager({
  label,
  pages,
  pageInfo,
  children,
}: {
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  children: ReactNode;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="btn btn-secondary btn-small" disabled={pages.page === 1} onClick={pages.previous}>
        Previous
      </button>
      <span>{children}</span>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={!pageInfo.hasNextPage}
        onClick={() => pages.next(pageInfo.endCursor)}
      >
        Next
      </button>
    </nav>
  );
}

const STATUS_TONE: Record<string, string> = {
  DRAFT: 'neutral',
  SENT: 'info',
  PARTIALLY_PAID: 'warning',
  PAID: 'success',
  OVERDUE: 'danger',
  VOID: 'neutral',
  WON: 'success',
  LOST: 'danger',
  ACTIVE: 'success',
  ON_LEAVE: 'warning',
  TERMINATED: 'neutral',
  REQUESTED: 'info',
  CONFIRMED: 'success',
  COMPLETED: 'neutral',
  NO_SHOW: 'danger',
  CANCELLED: 'neutral',
  CANCELED: 'neutral',
  UNCONFIRMED: 'info',
  UNFULFILLED: 'warning',
  PARTIALLY_FULFILLED: 'warning',
  FULFILLED: 'success',
  RETURNED: 'neutral',
  IN_SERVICE: 'warning',
  RETIRED: 'neutral',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${STATUS_TONE[status] ?? 'neutral'}`}>{humanize(status)}</span>;
}

/** Catches a panel's render failure so one broken widget never blanks the page. */
class PanelBoundary extends Component<{ children: ReactNode }, { failed: Error | null }> {
  override state = { failed: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { failed: error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Surfaced in the browser console for whoever debugs it; the user sees the panel's error state.
    window.console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.failed) {
      return <ErrorState message="This panel could not be shown." onRetry={() => this.setState({ failed: null })} />;
    }
    return this.props.children;
  }
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

/** A labelled form field with its error, wired for screen readers. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const id = useId();
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': described })}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A value to hand on (an invitation link, a key's secret): read-only, selected on focus, with a Copy
 * button (the Clipboard API; when the browser refuses, the reader is told to copy it by hand).
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div className="copy-field">
      <Field label={label} hint={hint}>
        {(props) => (
          <div className="copy-field-row">
            <input {...props} readOnly value={value} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn btn-secondary" onClick={() => void copy()}>
              Copy
            </button>
          </div>
        )}
      </Field>
      <p className="field-hint" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser did not allow copying: select the text and copy it.' : ''}
      </p>
    </div>
  );
}
