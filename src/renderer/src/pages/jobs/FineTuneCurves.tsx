import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Job } from '../../transport/contract';
import { useAppStore } from '../../app/StoresContext';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { CurvePoint } from '../../stores/fineTune';
import { fineTuneStage } from '../../stores/fineTuneStage';
import { jobLabel, stageText } from './jobLabels';

const COLOURS = { loss: '#c27c0e', valNdcg: '#2f6fdf' };
const NO_POINTS: readonly CurvePoint[] = [];

function figure(value: number | null): string {
  return value === null ? t('common.none') : value.toFixed(4);
}

function CurveTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: CurvePoint }> }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {t('finetune.curves.step')} {formatNumber(p.step)}
      </strong>
      {p.refit !== undefined ? (
        <div className="muted">{t('jobs.stage.refitOpen', { epoch: p.refit })}</div>
      ) : p.epoch !== null ? (
        <div className="muted">{t('finetune.curves.epoch', { epoch: p.epoch })}</div>
      ) : null}
      <div>
        {t('finetune.curves.loss')}: {figure(p.loss)}
      </div>
      <div>
        {t('finetune.curves.valNdcg')}: {figure(p.valNdcg)}
      </div>
    </div>
  );
}

/**
 * Loss (left axis) and validation NDCG@10 (right axis) of a fine-tune job by step, drawn from the
 * `jobs.progress` stream. The chart is an image to assistive technology; the latest figures are its text.
 */
export function FineTuneCurves({ job }: { job: Job }) {
  const points = useAppStore('jobs', (s) => s.curves[job.jobId] ?? NO_POINTS);
  const last = points.at(-1);
  const stage = fineTuneStage(job);
  const summary = last
    ? t('finetune.curves.latest', { step: formatNumber(last.step), stage: stage ? stageText(stage) : t('common.none'), loss: figure(last.loss), valNdcg: figure(last.valNdcg) })
    : t('finetune.curves.waiting');
  return (
    <figure className="finetune-curves" data-testid="finetune-curves" data-points={points.length}>
      {points.length > 0 ? (
        <div className="finetune-chart" role="img" aria-label={t('finetune.curves.label', { job: jobLabel(job) })}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points as CurvePoint[]} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatNumber(v)} />
              <YAxis yAxisId="loss" tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => v.toFixed(2)} />
              <YAxis yAxisId="ndcg" orientation="right" tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => v.toFixed(3)} />
              <Tooltip content={<CurveTooltip />} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {/* No animation: every progress push would restart it. */}
              <Line yAxisId="loss" type="monotone" dataKey="loss" name={t('finetune.curves.loss')} stroke={COLOURS.loss} dot={false} connectNulls isAnimationActive={false} />
              <Line yAxisId="ndcg" type="monotone" dataKey="valNdcg" name={t('finetune.curves.valNdcg')} stroke={COLOURS.valNdcg} dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <figcaption className="muted finetune-summary">{summary}</figcaption>
    </figure>
  );
}
