import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber, formatPercent, formatTime } from '../../i18n/format';
import { hasMessage, t } from '../../i18n/translate';
import { attributionKindRows, unmatchedReasonRows, WINDOW_LIMITS, type AttributionWindowsForm } from '../../stores/loopMetrics';

function label(prefix: string, key: string): string {
  const full = `${prefix}.${key}`;
  return hasMessage(full) ? t(full) : key;
}

const WINDOW_FIELDS = Object.keys(WINDOW_LIMITS) as Array<keyof AttributionWindowsForm>;

function WindowsForm() {
  const { performance } = useAppStores();
  const form = useAppStore('performance', (s) => s.windowsForm);
  const invalid = useAppStore('performance', (s) => s.windowsInvalid);
  const saving = useAppStore('performance', (s) => s.windowsSaving);
  const error = useAppStore('performance', (s) => s.windowsError);
  const savedAt = useAppStore('performance', (s) => s.windowsSavedAt);
  if (!form) return error ? <ErrorNotice message={error} /> : null;
  return (
    <form
      className="windows-form"
      aria-labelledby="windows-title"
      data-testid="attribution-windows"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void performance.getState().saveWindows();
      }}
    >
      <h3 id="windows-title">{t('performance.windows.title')}</h3>
      <p className="muted small">{t('performance.windows.help')}</p>
      <div className="windows-fields">
        {WINDOW_FIELDS.map((field) => {
          const bad = invalid.includes(field);
          const { min, max } = WINDOW_LIMITS[field];
          const hintId = `window-${field}-hint`;
          return (
            <div key={field} className={bad ? 'field has-error' : 'field'}>
              <label htmlFor={`window-${field}`}>{t(`performance.windows.${field}`)}</label>
              <input
                id={`window-${field}`}
                type="number"
                inputMode="numeric"
                className="input-short"
                min={min}
                max={max}
                step={1}
                value={form[field]}
                aria-invalid={bad}
                aria-describedby={hintId}
                data-testid={`window-${field}`}
                onChange={(e) => performance.getState().setWindowField(field, e.target.value)}
              />
              <span id={hintId} className={bad ? 'field-error' : 'field-hint'}>
                {t('performance.windows.range', { min: formatNumber(min), max: formatNumber(max) })}
              </span>
            </div>
          );
        })}
      </div>
      {error ? <ErrorNotice message={error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button" data-testid="windows-save" disabled={saving}>
          {saving ? t('performance.windows.saving') : t('performance.windows.save')}
        </button>
        <span className="muted small" role="status">
          {savedAt !== null ? t('performance.windows.saved', { time: formatTime(savedAt) }) : ''}
        </span>
      </div>
    </form>
  );
}

/** How every click, cart add and purchase was joined to a list (or why not), and the windows that govern it. */
export function AttributionPanel() {
  const stats = useAppStore('performance', (s) => s.attribution);
  const error = useAppStore('performance', (s) => s.attributionError);
  const reasons = stats ? unmatchedReasonRows(stats) : [];
  return (
    <section className="panel" aria-labelledby="attribution-title" data-testid="attribution-panel" data-rewards={stats?.rewards ?? ''}>
      <div className="panel-head">
        <h2 id="attribution-title">{t('performance.attribution.title')}</h2>
        {stats ? <span className="muted small">{t('performance.attribution.rewards', { count: formatNumber(stats.rewards) })}</span> : null}
      </div>
      {error ? <ErrorNotice message={error} /> : null}
      {stats ? (
        <>
          <dl className="count-list">
            {attributionKindRows(stats).map((row) => (
              <div key={row.key} data-testid={`attribution-${row.key}`} data-count={row.count}>
                <dt>{label('performance.attribution.kind', row.key)}</dt>
                <dd>
                  {formatNumber(row.count)}
                  {row.share !== null ? <span className="muted"> ({formatPercent(row.share)})</span> : null}
                </dd>
              </div>
            ))}
          </dl>
          {reasons.length > 0 ? (
            <>
              <h3>{t('performance.attribution.unmatchedWhy')}</h3>
              <dl className="count-list">
                {reasons.map((row) => (
                  <div key={row.key}>
                    <dt>{label('performance.attribution.reason', row.key)}</dt>
                    <dd>{formatNumber(row.count)}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          <h3>{t('performance.attribution.handled')}</h3>
          <dl className="count-list">
            {(['late', 'outOfOrder', 'repeats', 'duplicates'] as const).map((k) => (
              <div key={k} data-testid={`attribution-${k}`} title={t(`performance.attribution.${k}.help`)}>
                <dt>{t(`performance.attribution.${k}`)}</dt>
                <dd>{formatNumber(stats[k])}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <WindowsForm />
    </section>
  );
}
