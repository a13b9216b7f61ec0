import { formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { ExperimentResults } from '../../transport/contract';
import { ArmPolicyNote } from './ArmPolicyNote';
import { armMetrics, primaryMetric } from '../../stores/experimentResults';
import { formatEstimate, formatMetricDifference } from '../../stores/loopMetrics';

/** Each arm's figures with their 95% intervals; the reward's metric first. */
export function ArmResultsTable({ results }: { results: ExperimentResults }) {
  const { experiment } = results;
  const metrics = armMetrics(experiment.reward);
  const bandit = experiment.mode === 'bandit';
  return (
    <div className="table-scroll">
      <table className="data-table arm-table" data-testid="experiment-arms">
        <caption className="table-caption">{t('experiments.arms.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('experiments.arms.col.arm')}</th>
            <th scope="col" className="num">
              {t('experiments.arms.col.share')}
            </th>
            <th scope="col" className="num">
              {t('experiments.arms.col.lists')}
            </th>
            {metrics.map((m) => (
              <th key={m} scope="col" className="num">
                {t(`performance.metric.${m}`)}
              </th>
            ))}
            {bandit ? (
              <th scope="col" className="num">
                {t('experiments.arms.col.best')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {results.arms.map((arm, i) => (
            <tr key={arm.armId} data-testid="arm-row" data-arm-id={arm.armId} data-lists={arm.counts.lists} data-policy-version={experiment.arms[i]?.policy.policyVersion ?? ''}>
              <th scope="row" className="cell-wrap">
                {arm.name}
                <ArmPolicyNote policy={experiment.arms[i]?.policy} />
                {i === 0 ? <span className="badge badge--current">{t('experiments.arms.control')}</span> : null}
                {experiment.promotedArm === arm.armId ? <span className="badge badge--current">{t('experiments.arms.promoted')}</span> : null}
              </th>
              <td className="num">{formatPercent(experiment.shares[i] ?? arm.share)}</td>
              <td className="num">{formatNumber(arm.counts.lists)}</td>
              {metrics.map((m) => {
                const est = arm.metrics[m];
                const text = formatEstimate(m, est);
                return (
                  <td key={m} className="num" data-testid={`arm-${m}`} data-value={est.value ?? ''} data-low={est.low ?? ''} data-high={est.high ?? ''}>
                    {text.value ?? t('common.none')}
                    {text.interval ? <div className="metric-ci">{text.interval}</div> : null}
                  </td>
                );
              })}
              {bandit ? <td className="num">{arm.probabilityBest === null ? t('common.none') : formatPercent(arm.probabilityBest)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each arm against control: the difference, its always-valid interval, and what can be said. */
export function ComparisonTable({ results }: { results: ExperimentResults }) {
  const primary = primaryMetric(results.experiment.reward);
  const rows = results.arms.slice(1).flatMap((arm) => arm.vsControl.map((c) => ({ arm, c })));
  if (rows.length === 0) return <p className="muted">{t('experiments.compare.none')}</p>;
  // The reward's metric first for each arm.
  rows.sort((a, b) => (a.arm.armId === b.arm.armId ? Number(b.c.metric === primary) - Number(a.c.metric === primary) : 0));
  return (
    <div className="table-scroll">
      <table className="data-table compare-table" data-testid="experiment-comparison">
        <caption className="table-caption">{t('experiments.compare.caption', { control: results.arms[0]?.name ?? '' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('experiments.compare.col.arm')}</th>
            <th scope="col">{t('experiments.compare.col.metric')}</th>
            <th scope="col" className="num">
              {t('experiments.compare.col.difference')}
            </th>
            <th scope="col" className="num">
              {t('experiments.compare.col.interval')}
            </th>
            <th scope="col">{t('experiments.compare.col.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ arm, c }) => (
            <tr key={`${arm.armId}-${c.metric}`} data-testid="arm-comparison" data-arm-id={arm.armId} data-metric={c.metric} data-verdict={c.verdict} className={c.metric === primary ? 'is-highlighted' : undefined}>
              <th scope="row">{arm.name}</th>
              <td>{t(`performance.metric.${c.metric}`)}</td>
              <td className="num">{c.difference === null ? t('common.none') : formatMetricDifference(c.metric, c.difference)}</td>
              <td className="num">
                {c.low !== null && c.high !== null ? `${formatMetricDifference(c.metric, c.low)} … ${formatMetricDifference(c.metric, c.high)}` : t('common.none')}
              </td>
              <td>
                <span className={`verdict verdict--${c.verdict}`}>{t(`experiments.verdict.${c.verdict}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
