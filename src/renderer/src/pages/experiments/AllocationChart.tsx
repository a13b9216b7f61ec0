import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent, formatTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { ExperimentResults } from '../../transport/contract';
import { allocationRows } from '../../stores/experimentResults';
import { seriesColour } from '../performance/chartColours';

/** How a bandit moved traffic between the arms over time, as stacked shares. */
export function AllocationChart({ results }: { results: ExperimentResults }) {
  const arms = results.arms.length > 0 ? results.arms : results.experiment.arms.map((a) => ({ armId: a.armId, name: a.name }));
  const rows = allocationRows(results, arms.length);
  if (rows.length < 2) return <p className="muted">{t('experiments.allocation.waiting')}</p>;
  const last = rows.at(-1);
  const caption = arms.map((a, i) => t('experiments.allocation.share', { arm: a.name, share: formatPercent(last?.[`a${i}`] ?? 0) })).join('; ');
  return (
    <figure className="chart-figure" data-testid="allocation-chart" data-points={rows.length}>
      <div className="chart-box" role="img" aria-label={t('experiments.allocation.label')}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatTime(v)} minTickGap={24} />
            <YAxis tick={{ fontSize: 11 }} width={48} domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} />
            <Tooltip labelFormatter={(v) => formatTime(Number(v))} formatter={(v) => formatPercent(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {arms.map((a, i) => (
              <Area key={a.armId} dataKey={`a${i}`} name={a.name} stackId="shares" stroke={seriesColour(i)} fill={seriesColour(i)} fillOpacity={0.35} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">{t('experiments.allocation.now', { shares: caption })}</figcaption>
    </figure>
  );
}
