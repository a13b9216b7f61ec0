import { t } from '../../i18n/translate';
import type { ArmPolicy } from '../../transport/contract';

/** What an arm serves, in a few words under its name: "Ranking policy p-2 · weights v3". */
export function ArmPolicyNote({ policy }: { policy: ArmPolicy | undefined }) {
  if (!policy) return null;
  const parts: string[] = [];
  if (policy.holdout) parts.push(t('experiments.arm.note.holdout'));
  if (policy.policyVersion !== undefined) parts.push(t('experiments.arm.note.policy', { version: policy.policyVersion }));
  if (policy.weightsVersion !== undefined) parts.push(t('experiments.arm.note.weights', { version: policy.weightsVersion }));
  if (policy.modelVersion !== undefined) parts.push(t('experiments.arm.note.model', { version: policy.modelVersion }));
  if (policy.excludeRules.length > 0) parts.push(t('experiments.arm.note.rules', { count: policy.excludeRules.length }));
  if (parts.length === 0) return null;
  return (
    <div className="muted small arm-policy-note" data-testid="arm-policy-note">
      {parts.join(' · ')}
    </div>
  );
}
