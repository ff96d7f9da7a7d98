import { Component, useId, type ErrorInfo, type ReactNode } from 'react';
import { humanize } from '../lib/format';

/** A titled section of a page; `error` replaces its content with the failure, so siblings carry on. */
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
