import { formatDateTime, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { Job } from '../../transport/contract';

/** A policy training leads with its version and its held-out estimate against serving. */
export const POLICY_RESULT_ORDER = ['version', 'opeValue', 'opeLow', 'opeHigh', 'servingValue', 'support', 'heldOutLists', 'opeEffectiveSampleSize', 'heldOutFrom'];
/** Expected rewards per list. */
export const POLICY_REWARD_KEYS = ['opeValue', 'opeLow', 'opeHigh', 'servingValue'];

/** Figures of a policy training that are not plain numbers: a share and a time. */
export function policyFigureValue(key: string, value: number): string | null {
  if (key === 'support') return formatPercent(value);
  if (key === 'heldOutFrom') return formatDateTime(value);
  return null;
}

/** Why a trained policy's held-out estimate should not be trusted, as the engine said it. */
export function PolicyWarnings({ job }: { job: Job }) {
  const warnings = job.result?.warnings;
  if (!Array.isArray(warnings)) return null;
  const lines = warnings.filter((w): w is string => typeof w === 'string');
  if (lines.length === 0) return null;
  return (
    <details className="job-warnings" data-testid="policy-job-warnings">
      <summary>{t('policies.job.warnings', { count: lines.length })}</summary>
      <ul>
        {lines.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </details>
  );
}
