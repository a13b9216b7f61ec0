import { CHANNELS, type ChannelScores, type FiredRule } from '../transport/contract';
import { formatDecimal, formatSigned } from '../i18n/format';
import { t } from '../i18n/translate';
import { channelLabel, ruleKindLabel } from './channelLabels';

interface ExplanationBarProps {
  contributions: ChannelScores;
  score: number;
  /** The value a full-width bar stands for, shared by the bars of one list so they compare. */
  scale: number;
  rules?: readonly FiredRule[];
}

/** One item's score as stacked per-channel contributions, with the fired rules listed after it. */
export function ExplanationBar({ contributions, score, scale, rules = [] }: ExplanationBarProps) {
  const parts = CHANNELS.filter((c) => contributions[c] > 0);
  const label = t('explain.label', {
    score: formatDecimal(score),
    parts: parts.map((c) => t('explain.part', { channel: channelLabel(c), value: formatDecimal(contributions[c]) })).join(', '),
  });
  const denominator = scale > 0 ? scale : 1;
  return (
    <div className="explain">
      <div className="explain-bar" data-testid="explanation-bar" role="img" aria-label={label} title={label}>
        {parts.map((c) => (
          <span key={c} className={`explain-seg seg--${c}`} style={{ width: `${Math.min(100, (contributions[c] / denominator) * 100)}%` }} />
        ))}
      </div>
      {rules.length > 0 ? (
        <ul className="fired-rules" aria-label={t('explain.rules')}>
          {rules.map((r) => (
            <li key={r.ruleId} className={`rule-chip rule-chip--${r.kind}`} title={r.note || r.ruleId}>
              {t('explain.rule', { kind: ruleKindLabel(r.kind), effect: r.kind === 'pin' ? '' : formatSigned(r.effect) }).trim()}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The colour key for the bars, shown once per panel. */
export function ChannelLegend() {
  return (
    <ul className="channel-legend" aria-label={t('explain.legend')}>
      {CHANNELS.map((c) => (
        <li key={c}>
          <span className={`legend-swatch seg--${c}`} aria-hidden="true" />
          {channelLabel(c)}
        </li>
      ))}
    </ul>
  );
}
