import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { CHART_METRICS, EXAMPLE_COMMAND, groupByDataset, isChartMetric } from '../../stores/evaluation';
import { EvalChart } from './EvalChart';
import { EvalTable } from './EvalTable';

/** Offline evaluation: how the recommendation models compare, per dataset, with confidence intervals. */
export function EvaluationPage() {
  const { evaluation } = useAppStores();
  const results = useAppStore('evaluation', (s) => s.results);
  const loaded = useAppStore('evaluation', (s) => s.loaded);
  const loading = useAppStore('evaluation', (s) => s.loading);
  const error = useAppStore('evaluation', (s) => s.error);
  const metric = useAppStore('evaluation', (s) => s.metric);
  useEffect(() => {
    void evaluation.getState().load();
  }, [evaluation]);
  const groups = groupByDataset(results);
  return (
    <div className="page page--evaluation" data-testid="evaluation-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('eval.title')}</h1>
        <button type="button" className="button" disabled={loading} onClick={() => void evaluation.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
      </div>
      {error ? <ErrorNotice message={error} onRetry={() => void evaluation.getState().load()} /> : null}
      {loaded && groups.length === 0 ? (
        <section className="panel eval-empty" data-testid="eval-empty" aria-labelledby="eval-empty-title">
          <h2 id="eval-empty-title">{t('eval.empty.title')}</h2>
          <p>{t('eval.empty.body')}</p>
          <pre className="mono command-block">{EXAMPLE_COMMAND}</pre>
        </section>
      ) : null}
      {groups.length > 0 ? (
        <>
          <p className="muted">{t('eval.intro')}</p>
          <div className="filters">
            <label className="field">
              {t('eval.metric')}
              <select
                value={metric}
                data-testid="eval-metric"
                onChange={(e) => {
                  if (isChartMetric(e.target.value)) evaluation.getState().setMetric(e.target.value);
                }}
              >
                {CHART_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </>
      ) : null}
      {groups.map(({ dataset, results: runs }, index) => (
        <section key={dataset} className="panel" aria-labelledby={`eval-ds-${index}`} data-testid="eval-dataset" data-dataset={dataset}>
          <div className="panel-head">
            <h2 id={`eval-ds-${index}`}>{t('eval.dataset', { dataset })}</h2>
            <span className="muted">{t('eval.dataset.count', { count: formatNumber(runs.length) })}</span>
          </div>
          <EvalChart dataset={dataset} results={runs} metric={metric} />
          <EvalTable dataset={dataset} results={runs} metric={metric} />
        </section>
      ))}
    </div>
  );
}
