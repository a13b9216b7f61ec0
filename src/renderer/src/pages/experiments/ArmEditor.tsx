import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ruleKindLabel } from '../../components/channelLabels';
import { formatDate } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { MIN_ARMS, NO_MODEL, SERVING, type ArmFormValues } from '../../stores/experimentForm';
import { targetLabel } from '../rules/ruleLabels';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error" data-testid="field-error">
      {message}
    </span>
  ) : null;
}

/** One arm: its name and share, and the policy it serves (weights version, model version, learned ranking policy, rules left out, or the holdout). */
export function ArmEditor({ index, arm, count }: { index: number; arm: ArmFormValues; count: number }) {
  const { experiments } = useAppStores();
  const options = useAppStore('experiments', (s) => s.options);
  const nameError = useAppStore('experiments', (s) => s.fieldErrors[`arms.${index}.name`]);
  const shareError = useAppStore('experiments', (s) => s.fieldErrors[`arms.${index}.share`]);
  const policyError = useAppStore('experiments', (s) => s.fieldErrors[`arms.${index}.policy`]);
  const set = <K extends keyof ArmFormValues>(field: K, value: ArmFormValues[K]): void => experiments.getState().setArmField(index, field, value);
  const id = (field: string): string => `arm-${index}-${field}`;
  const legend = index === 0 ? t('experiments.form.arm.control', { n: index + 1 }) : t('experiments.form.arm', { n: index + 1 });
  return (
    <fieldset className="arm-editor" data-testid="arm-editor" data-index={index}>
      <legend>{legend}</legend>
      <div className="form-grid">
        <div className={nameError ? 'field has-error' : 'field'}>
          <label htmlFor={id('name')}>{t('experiments.form.arm.name')}</label>
          <input
            id={id('name')}
            type="text"
            maxLength={100}
            value={arm.name}
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? id('name-error') : undefined}
            data-testid="arm-name"
            onChange={(e) => set('name', e.target.value)}
          />
          <FieldError id={id('name-error')} message={nameError} />
        </div>
        <div className={shareError ? 'field has-error' : 'field'}>
          <label htmlFor={id('share')}>{t('experiments.form.arm.share')}</label>
          <input
            id={id('share')}
            type="number"
            min={0}
            max={100}
            step={0.01}
            value={arm.share}
            aria-invalid={Boolean(shareError)}
            aria-describedby={shareError ? id('share-error') : undefined}
            data-testid="arm-share"
            onChange={(e) => set('share', e.target.value)}
          />
          <FieldError id={id('share-error')} message={shareError} />
        </div>
        <div className="field">
          <label htmlFor={id('weights')}>{t('experiments.form.arm.weights')}</label>
          <select id={id('weights')} value={arm.weightsVersion} disabled={arm.holdout} data-testid="arm-weights" onChange={(e) => set('weightsVersion', e.target.value)}>
            <option value={SERVING}>{t('experiments.form.arm.serving')}</option>
            {(options?.weights ?? []).map((w) => (
              <option key={w.version} value={String(w.version)}>
                {t('experiments.form.arm.weightsVersion', { version: w.version, note: w.note || formatDate(w.createdAt) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('model')}>{t('experiments.form.arm.model')}</label>
          <select id={id('model')} value={arm.modelVersion} disabled={arm.holdout} data-testid="arm-model" onChange={(e) => set('modelVersion', e.target.value)}>
            <option value={SERVING}>{t('experiments.form.arm.serving')}</option>
            <option value={NO_MODEL}>{t('experiments.form.arm.noModel')}</option>
            {(options?.models ?? []).map((m) => (
              <option key={m.version} value={m.version}>
                {t('experiments.form.arm.modelVersion', { version: m.version, status: t(`models.status.${m.status}`) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('policy')}>{t('experiments.form.arm.policy')}</label>
          <select id={id('policy')} value={arm.policyVersion} disabled={arm.holdout} aria-describedby={id('policy-hint')} data-testid="arm-policy" onChange={(e) => set('policyVersion', e.target.value)}>
            <option value={SERVING}>{t('experiments.form.arm.serving')}</option>
            {/* A preset version the list has not loaded yet still shows as chosen. */}
            {arm.policyVersion !== SERVING && !(options?.policies ?? []).some((p) => p.version === arm.policyVersion) ? <option value={arm.policyVersion}>{arm.policyVersion}</option> : null}
            {(options?.policies ?? []).map((p) => (
              <option key={p.version} value={p.version}>
                {t('experiments.form.arm.policyVersion', { version: p.version, status: t(`models.status.${p.status}`), slot: typeof p.config.slot === 'string' ? p.config.slot : '' })}
              </option>
            ))}
          </select>
          <span id={id('policy-hint')} className="field-hint muted">
            {t('experiments.form.arm.policyHint')}
          </span>
        </div>
        <div className="field arm-rules">
          <label htmlFor={id('rules')}>{t('experiments.form.arm.excludeRules')}</label>
          <select
            id={id('rules')}
            multiple
            size={Math.min(4, Math.max(2, options?.rules.length ?? 2))}
            value={arm.excludeRules}
            disabled={arm.holdout || (options?.rules.length ?? 0) === 0}
            aria-describedby={id('rules-hint')}
            data-testid="arm-exclude-rules"
            onChange={(e) =>
              set(
                'excludeRules',
                [...e.target.selectedOptions].map((o) => o.value),
              )
            }
          >
            {(options?.rules ?? []).map((r) => (
              <option key={r.ruleId} value={r.ruleId}>
                {`${ruleKindLabel(r.kind)} · ${targetLabel(r.target)}${r.enabled ? '' : ` (${t('experiments.form.arm.ruleOff')})`}`}
              </option>
            ))}
          </select>
          <span id={id('rules-hint')} className="field-hint">
            {(options?.rules.length ?? 0) === 0 ? t('experiments.form.arm.noRules') : t('experiments.form.arm.rulesHint')}
          </span>
        </div>
      </div>
      <div className="arm-footer">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={arm.holdout}
            aria-invalid={Boolean(policyError)}
            aria-describedby={policyError ? id('policy-error') : undefined}
            data-testid="arm-holdout"
            onChange={(e) => set('holdout', e.target.checked)}
          />
          {t('experiments.form.arm.holdout')}
        </label>
        <button
          type="button"
          className="button button--small"
          disabled={count <= MIN_ARMS}
          aria-label={t('experiments.form.arm.remove.label', { name: arm.name || legend })}
          onClick={() => experiments.getState().removeArm(index)}
        >
          {t('experiments.form.arm.remove')}
        </button>
      </div>
      {/* The engine's word on what this arm serves (a version that no longer exists, a holdout with one). */}
      <FieldError id={id('policy-error')} message={policyError} />
    </fieldset>
  );
}
