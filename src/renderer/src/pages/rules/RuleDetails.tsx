import { useAppStore } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import { hasMessage, t } from '../../i18n/translate';
import { formatEstimate } from '../../stores/loopMetrics';
import { RULE_PERFORMANCE_DAYS } from '../../stores/ruleInsightsStore';
import { RuleTarget, type MetricsRow, type RuleHistoryEntry } from '../../transport/contract';
import { targetLabel } from './ruleLabels';

/** A recorded field value in words: a target as the table shows it, times as dates, the rest as JSON. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return t('rules.history.unset');
  if (field === 'target') {
    const target = RuleTarget.safeParse(value);
    if (target.success) return targetLabel(target.data);
  }
  if ((field === 'startsAt' || field === 'endsAt') && typeof value === 'number') return formatDateTime(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function fieldLabel(field: string): string {
  const key = `rules.field.${field}`;
  return hasMessage(key) ? t(key) : field;
}

function HistoryEntry({ entry }: { entry: RuleHistoryEntry }) {
  const actionKey = `rules.history.action.${entry.action}`;
  return (
    <li data-testid="rule-history-entry" data-action={entry.action} data-actor={entry.actor}>
      <div>
        <strong>{t('rules.history.entry', { action: hasMessage(actionKey) ? t(actionKey) : entry.action, actor: entry.actor })}</strong> <span className="muted small">{formatDateTime(entry.ts)}</span>
        {entry.via === 'rules.import' ? <span className="muted small"> · {t('rules.history.via')}</span> : null}
      </div>
      {entry.reason ? <div className="small">{t('rules.history.reason', { reason: entry.reason })}</div> : null}
      {entry.action === 'rule.update' && entry.changes.length === 0 ? <div className="muted small">{t('rules.history.noChange')}</div> : null}
      {entry.changes.length > 0 ? (
        <ul className="small">
          {entry.changes.map((c) => (
            <li key={c.field} data-testid="rule-history-change" data-field={c.field}>
              {t('rules.history.change', { field: fieldLabel(c.field), before: valueText(c.field, c.before), after: valueText(c.field, c.after) })}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The rule's figures from the per-rule roll-ups; an honest sentence when it fired nowhere or nothing was attributed yet. */
function Performance({ row }: { row: MetricsRow | undefined }) {
  if (!row || row.counts.lists === 0) {
    return (
      <p className="empty" data-testid="rule-performance-empty" data-state="none">
        {t('rules.performance.none', { days: RULE_PERFORMANCE_DAYS })}
      </p>
    );
  }
  const c = row.counts;
  if (c.clicks === 0 && c.purchasedLists === 0 && c.cartedLists === 0) {
    return (
      <p className="empty" data-testid="rule-performance-empty" data-state="no-rewards">
        {t('rules.performance.noRewards', { lists: formatNumber(c.lists), items: formatNumber(c.items) })}
      </p>
    );
  }
  const ctr = formatEstimate('ctr', row.metrics.ctr);
  const conversion = formatEstimate('conversionRate', row.metrics.conversionRate);
  const cell = (label: string, value: string, interval: string | null, testId: string) => (
    <div className="kpi-tile" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        {value}
        {interval ? <div className="muted small">{t('rules.performance.interval', { interval })}</div> : null}
      </dd>
    </div>
  );
  return (
    <>
      <dl className="kpi-grid rule-performance" data-testid="rule-performance" data-lists={c.lists} data-clicks={c.clicks}>
        {cell(t('rules.performance.lists'), formatNumber(c.lists), null, 'rule-performance-lists')}
        {cell(t('rules.performance.items'), formatNumber(c.items), null, 'rule-performance-items')}
        {cell(t('rules.performance.clicks'), formatNumber(c.clicks), null, 'rule-performance-clicks')}
        {cell(t('rules.performance.ctr'), ctr.value ?? '—', ctr.interval, 'rule-performance-ctr')}
        {cell(t('rules.performance.conversion'), conversion.value ?? '—', conversion.interval, 'rule-performance-conversion')}
        {cell(t('rules.performance.revenue'), formatMoney(c.revenue), null, 'rule-performance-revenue')}
      </dl>
      <p className="muted small">{t('rules.performance.note')}</p>
    </>
  );
}

/** The open rule's history (from the audit log) and performance (from the per-rule roll-ups). */
export function RuleDetails({ ruleId }: { ruleId: string }) {
  const history = useAppStore('ruleInsights', (s) => s.history);
  const historyLoading = useAppStore('ruleInsights', (s) => s.historyLoading);
  const historyError = useAppStore('ruleInsights', (s) => s.historyError);
  const performance = useAppStore('ruleInsights', (s) => s.performance);
  const performanceLoading = useAppStore('ruleInsights', (s) => s.performanceLoading);
  const performanceError = useAppStore('ruleInsights', (s) => s.performanceError);
  return (
    <div className="rule-details" data-testid="rule-details" data-rule-id={ruleId}>
      <section aria-labelledby={`rule-history-${ruleId}`}>
        <h3 id={`rule-history-${ruleId}`}>{t('rules.history.title')}</h3>
        {historyLoading ? <p className="muted">{t('rules.history.loading')}</p> : null}
        {historyError ? <ErrorNotice message={historyError} /> : null}
        {history && history.ruleId === ruleId ? (
          history.entries.length === 0 ? (
            <p className="empty">{t('rules.history.empty')}</p>
          ) : (
            <ul className="rule-history" data-testid="rule-history">
              {history.entries.map((e) => (
                <HistoryEntry key={e.seq} entry={e} />
              ))}
            </ul>
          )
        ) : null}
      </section>
      <section aria-labelledby={`rule-performance-${ruleId}`}>
        <h3 id={`rule-performance-${ruleId}`}>{t('rules.performance.title', { days: RULE_PERFORMANCE_DAYS })}</h3>
        {performanceLoading ? <p className="muted">{t('rules.performance.loading')}</p> : null}
        {performanceError ? <ErrorNotice message={performanceError} /> : null}
        {!performanceLoading && !performanceError && performance ? <Performance row={performance.find((r) => r.key === ruleId)} /> : null}
      </section>
    </div>
  );
}
