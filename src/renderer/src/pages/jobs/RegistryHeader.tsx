import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';

export interface RegistryHeaderProps {
  /** The message keys' prefix: `<prefix>.title`, `.rollback`, `.rollingBack`, `.help`, `.rollback.help`. */
  prefix: 'models' | 'policies';
  rollbackTestId: string;
  /** Nothing serves from this registry: roll back is off. */
  noneServing: boolean;
  /** The version being changed, or the rollback marker. */
  pending: string | null;
  rollbackMarker: string;
  loading: boolean;
  error: string | null;
  actionError: string | null;
  /** For screen readers: what the last change did. */
  announcement: string;
  onRollback(): void;
  onReload(): void;
  /** The line that says what serves now. */
  children: ReactNode;
}

/** The head of a version registry panel (intent models, ranking policies): title, roll back, refresh, help, what serves, errors. */
export function RegistryHeader(props: RegistryHeaderProps) {
  const { prefix } = props;
  return (
    <>
      <div className="page-head">
        <h2 id={`${prefix}-title`}>{t(`${prefix}.title`)}</h2>
        <div className="model-actions">
          <button
            type="button"
            className="button"
            data-testid={props.rollbackTestId}
            disabled={props.noneServing || props.pending !== null}
            aria-describedby={`${prefix}-rollback-help`}
            onClick={props.onRollback}
          >
            {props.pending === props.rollbackMarker ? t(`${prefix}.rollingBack`) : t(`${prefix}.rollback`)}
          </button>
          <button type="button" className="button" disabled={props.loading} onClick={props.onReload}>
            {props.loading ? t('common.loading') : t('common.refresh')}
          </button>
        </div>
      </div>
      <p className="muted">
        {t(`${prefix}.help`)} <span id={`${prefix}-rollback-help`}>{t(`${prefix}.rollback.help`)}</span>
      </p>
      {props.children}
      <p className="sr-only" role="status">
        {props.announcement}
      </p>
      {props.error ? <ErrorNotice message={props.error} onRetry={props.onReload} /> : null}
      {props.actionError ? <ErrorNotice message={props.actionError} /> : null}
    </>
  );
}
