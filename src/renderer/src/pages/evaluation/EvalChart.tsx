import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StoredEvalResult } from '../../transport/contract';
import { t } from '../../i18n/translate';
import { chartBars, formatMetric, type ChartBar } from '../../stores/evaluation';

const BAR_HEIGHT = 34;
const LABEL_CHARS = 34;

/** Long model specs are cut on the axis; the tooltip and the table carry them in full. */
function shortLabel(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
}
const COLOURS = { unmasked: '#2f6fdf', masked: '#c27c0e' };

function BarTooltip({ active, payload, metric }: { active?: boolean; payload?: ReadonlyArray<{ payload?: ChartBar }>; metric: string }) {
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  return (
    <div className="chart-tooltip">
      <strong>{bar.label}</strong>
      <div>
        {metric}: {formatMetric(bar.value)}
      </div>
      {bar.low !== null && bar.high !== null ? <div className="muted">{t('eval.chart.ci', { low: formatMetric(bar.low) ?? '', high: formatMetric(bar.high) ?? '' })}</div> : null}
    </div>
  );
}

/**
 * Models side by side on one metric, with the bootstrap CI as whiskers. Horizontal bars, so long model
 * specs stay readable. The table under it holds the same figures for screen readers and keyboard users.
 */
export function EvalChart({ dataset, results, metric }: { dataset: string; results: readonly StoredEvalResult[]; metric: string }) {
  const bars = chartBars(results, metric, t('eval.masked.suffix'));
  if (bars.length === 0) return null;
  const height = bars.length * BAR_HEIGHT + 48;
  const maxHigh = Math.max(...bars.map((b) => b.high ?? b.value));
  return (
    <div className="eval-chart" role="img" aria-label={t('eval.chart.label', { metric, dataset })} data-testid="eval-chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, maxHigh > 0 ? maxHigh * 1.08 : 1]} tickFormatter={(v: number) => v.toFixed(3)} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={230} tick={{ fontSize: 12 }} interval={0} tickFormatter={shortLabel} />
          <Tooltip content={<BarTooltip metric={metric} />} cursor={{ fillOpacity: 0.08 }} />
          <Bar dataKey="value" isAnimationActive={false} barSize={20}>
            {bars.map((b) => (
              <Cell key={b.key} fill={b.masked ? COLOURS.masked : COLOURS.unmasked} />
            ))}
            {/* No animation: a whisker caught mid-animation sits at the wrong value. */}
            <ErrorBar dataKey="error" direction="x" width={6} strokeWidth={1.5} stroke="currentColor" isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
