import type { StoredEvalResult } from '../../transport/contract';
import { OrDash } from '../../components/Dash';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { CHART_METRICS, formatMetric, reproduceCommand } from '../../stores/evaluation';
import { CopyCommand } from './CopyCommand';

/** Model, protocol, masked, the five metrics, cases, date. */
const COLUMNS = 3 + CHART_METRICS.length + 2;

function MetricCell({ result, metric, highlighted }: { result: StoredEvalResult['result']; metric: string; highlighted: boolean }) {
  const ci = result.ci[metric];
  return (
    <td className={`num metric-cell${highlighted ? ' is-highlighted' : ''}`}>
      <OrDash value={formatMetric(result.metrics[metric])} />
      {ci ? <span className="metric-ci">{t('eval.ci', { low: formatMetric(ci[0]) ?? '', high: formatMetric(ci[1]) ?? '' })}</span> : null}
    </td>
  );
}

/** Every stored run on one dataset: the five headline metrics with their CIs, and how to reproduce it. */
export function EvalTable({ dataset, results, metric }: { dataset: string; results: readonly StoredEvalResult[]; metric: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table eval-table" aria-label={t('eval.table.label', { dataset })}>
        <thead>
          <tr>
            <th scope="col">{t('eval.col.model')}</th>
            <th scope="col">{t('eval.col.protocol')}</th>
            <th scope="col">
              <abbr title={t('eval.masked.help')}>{t('eval.col.masked')}</abbr>
            </th>
            {CHART_METRICS.map((m) => (
              <th key={m} scope="col" className={`num${m === metric ? ' is-highlighted' : ''}`}>
                {m}
              </th>
            ))}
            <th scope="col" className="num">
              {t('eval.col.cases')}
            </th>
            <th scope="col">{t('eval.col.date')}</th>
          </tr>
        </thead>
        {/* One tbody per run: its figures, then the command that reproduces it, read together. */}
        {results.map(({ key, result }) => (
          <tbody key={key} className="eval-run" data-testid="eval-row" data-dataset={result.dataset} data-model={result.model}>
            <tr>
              <th scope="row" className="eval-model">
                <span className="mono eval-model-spec" title={result.model}>
                  {result.model}
                </span>
                <span className="eval-model-name muted" title={result.modelName}>
                  {result.modelName}
                </span>
                {result.selection ? (
                  <span className="cell-note" data-testid="eval-selected" title={result.selection.spec}>
                    {t('eval.selected', { seconds: formatNumber(Math.round(result.selection.seconds)), trials: formatNumber(result.selection.trials.length) })}
                  </span>
                ) : null}
                {result.provenance?.frozen ? (
                  <span className="cell-note" data-testid="eval-frozen" title={result.provenance.frozen.spec}>
                    {t('eval.frozen', { file: result.provenance.frozen.file })}
                  </span>
                ) : null}
              </th>
              <td>
                {result.protocol}
                <span className="cell-note">{t('eval.fold', { fold: result.fold })}</span>
              </td>
              <td>{result.masked ? t('eval.masked.yes') : t('eval.masked.no')}</td>
              {CHART_METRICS.map((m) => (
                <MetricCell key={m} result={result} metric={m} highlighted={m === metric} />
              ))}
              <td className="num">{formatNumber(result.cases)}</td>
              <td className="nowrap" title={formatDateTime(Date.parse(result.date))}>
                {formatDate(Date.parse(result.date))}
              </td>
            </tr>
            <tr className="eval-command-row">
              <td colSpan={COLUMNS}>
                <span className="muted">{t('eval.col.command')}</span>
                <CopyCommand command={reproduceCommand(result)} label={t('eval.copy.label', { model: result.model })} />
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
