import { Fragment } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatDateTimeZone, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { formatDetail, reasonOf, summariseDetail } from '../../stores/auditLog';

/** The entries, newest first: one line each, the full detail behind a disclosure button; older pages on request. */
export function AuditTable() {
  const { audit } = useAppStores();
  const entries = useAppStore('audit', (s) => s.entries);
  const loaded = useAppStore('audit', (s) => s.loaded);
  const loading = useAppStore('audit', (s) => s.loading);
  const loadingMore = useAppStore('audit', (s) => s.loadingMore);
  const nextBeforeSeq = useAppStore('audit', (s) => s.nextBeforeSeq);
  const expanded = useAppStore('audit', (s) => s.expanded);
  return (
    <section className="panel" aria-labelledby="audit-table-title">
      <div className="panel-head">
        <h2 id="audit-table-title">{t('audit.table.label')}</h2>
        <span className="muted" role="status">
          {loaded ? t('audit.count', { count: formatNumber(entries.length) }) : ''}
        </span>
      </div>
      <div className="table-scroll" aria-busy={loading}>
        <table className="data-table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.col.time')}</th>
              <th scope="col">{t('audit.col.actor')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.target')}</th>
              <th scope="col">{t('audit.col.reason')}</th>
              <th scope="col">{t('audit.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const open = expanded.includes(entry.seq);
              const reason = reasonOf(entry.detail);
              const summary = summariseDetail(entry.detail);
              const detailId = `audit-detail-${entry.seq}`;
              return (
                <Fragment key={entry.seq}>
                  <tr data-testid="audit-entry" data-seq={entry.seq} data-action={entry.action}>
                    <td className="audit-time">{formatDateTimeZone(entry.ts)}</td>
                    <td className="cell-wrap">{entry.actor}</td>
                    <td className="mono nowrap">{entry.action}</td>
                    <td className="mono cell-wrap">
                      <OrDash value={entry.target} />
                    </td>
                    <td className="cell-wrap" data-testid="audit-reason">
                      <OrDash value={reason} />
                    </td>
                    <td className="cell-wrap audit-detail-cell">
                      <span className="audit-summary small">{summary}</span>
                      {entry.detail !== null && entry.detail !== undefined ? (
                        <button
                          type="button"
                          className="link-button small"
                          aria-expanded={open}
                          aria-controls={open ? detailId : undefined}
                          aria-label={open ? t('audit.collapse.label', { seq: entry.seq }) : t('audit.expand.label', { seq: entry.seq })}
                          onClick={() => audit.getState().toggleExpanded(entry.seq)}
                        >
                          {open ? t('audit.collapse') : t('audit.expand')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {open ? (
                    <tr className="audit-detail-row">
                      <td colSpan={6}>
                        <pre id={detailId} className="audit-detail" data-testid="audit-detail" tabIndex={0}>
                          {formatDetail(entry.detail)}
                        </pre>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        {loaded && entries.length === 0 ? <p className="empty">{t('audit.empty')}</p> : null}
      </div>
      {loaded && entries.length > 0 ? (
        <div className="pager">
          {nextBeforeSeq !== null ? (
            <button type="button" className="button" data-testid="audit-more" disabled={loadingMore} onClick={() => void audit.getState().loadMore()}>
              {loadingMore ? t('audit.loadingMore') : t('audit.more')}
            </button>
          ) : (
            <span className="muted">{t('audit.end')}</span>
          )}
        </div>
      ) : null}
    </section>
  );
}
