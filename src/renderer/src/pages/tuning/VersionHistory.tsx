import { useAppStore, useAppStores } from '../../app/StoresContext';
import { channelLabel } from '../../components/channelLabels';
import { formatDateTime, formatDecimal, formatSigned } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { diffWeights } from '../../stores/fusionPreview';

/** Every saved version, newest first, with roll back; and a per-channel diff between any two. */
export function VersionHistory() {
  const { tuning, guard } = useAppStores();
  const history = useAppStore('tuning', (s) => s.history);
  const current = useAppStore('tuning', (s) => s.current);
  const rollingBack = useAppStore('tuning', (s) => s.rollingBack);
  const diffFrom = useAppStore('tuning', (s) => s.diffFrom);
  const diffTo = useAppStore('tuning', (s) => s.diffTo);
  const from = history.find((h) => h.version === diffFrom);
  const to = history.find((h) => h.version === diffTo);
  const rows = from && to ? diffWeights(from.weights, to.weights) : [];
  return (
    <section className="panel" aria-labelledby="history-title" data-testid="weights-history">
      <h2 id="history-title">{t('tuning.history.title')}</h2>
      <div className="table-scroll history-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('tuning.history.col.version')}</th>
              <th scope="col">{t('tuning.history.col.note')}</th>
              <th scope="col">{t('tuning.history.col.created')}</th>
              <th scope="col">{t('tuning.history.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.version} data-testid="weights-version" data-version={h.version}>
                <td>
                  {t('tuning.history.version', { version: h.version })}
                  {current?.version === h.version ? <span className="badge badge--current">{t('tuning.history.current')}</span> : null}
                </td>
                <td className="wrap">{h.note}</td>
                <td className="num">{formatDateTime(h.createdAt)}</td>
                <td>
                  {current?.version !== h.version ? (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('tuning.history.rollbackLabel', { version: h.version })}
                      disabled={rollingBack !== null}
                      onClick={() =>
                        void guard.getState().ask({ action: { action: 'weights.rollback', version: h.version }, run: (confirm) => tuning.getState().rollback(h.version, confirm) })
                      }
                    >
                      {rollingBack === h.version ? t('tuning.history.rollingBack') : t('tuning.history.rollback')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('tuning.diff.title')}</h3>
      <div className="filters">
        <label className="inline-field">
          <span>{t('tuning.diff.from')}</span>
          <select data-testid="diff-from" value={diffFrom ?? ''} onChange={(e) => tuning.getState().setDiff(Number(e.target.value), diffTo)}>
            {history.map((h) => (
              <option key={h.version} value={h.version}>
                {t('tuning.history.version', { version: h.version })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('tuning.diff.to')}</span>
          <select data-testid="diff-to" value={diffTo ?? ''} onChange={(e) => tuning.getState().setDiff(diffFrom, Number(e.target.value))}>
            {history.map((h) => (
              <option key={h.version} value={h.version}>
                {t('tuning.history.version', { version: h.version })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length > 0 ? (
        <table className="data-table diff-table" data-testid="weights-diff">
          <thead>
            <tr>
              <th scope="col">{t('tuning.diff.col.channel')}</th>
              <th scope="col" className="num">
                {t('tuning.diff.col.before')}
              </th>
              <th scope="col" className="num">
                {t('tuning.diff.col.after')}
              </th>
              <th scope="col" className="num">
                {t('tuning.diff.col.delta')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.channel} className={r.changed ? 'is-changed' : undefined}>
                <th scope="row">{channelLabel(r.channel)}</th>
                <td className="num">{formatDecimal(r.before, 2)}</td>
                <td className="num">{formatDecimal(r.after, 2)}</td>
                <td className={r.delta > 0 ? 'num delta-up' : r.delta < 0 ? 'num delta-down' : 'num muted'}>{r.changed ? formatSigned(r.delta, 2) : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
