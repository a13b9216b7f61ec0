import { useEffect, useRef } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { EXPERIMENT_REWARDS } from '../../transport/contract';
import { MAX_ARMS, type ExperimentField, type ExperimentFormValues } from '../../stores/experimentForm';
import { KNOWN_SLOTS } from '../../stores/performanceStore';
import { ArmEditor } from './ArmEditor';

function errorProps(field: ExperimentField, message: string | undefined) {
  return { 'aria-invalid': Boolean(message), 'aria-describedby': message ? `exp-${field}-error` : undefined };
}

function FieldError({ field, message }: { field: ExperimentField; message: string | undefined }) {
  return message ? (
    <span id={`exp-${field}-error`} className="field-error" data-testid="field-error" data-field={field}>
      {message}
    </span>
  ) : null;
}

/** A new A/B test or bandit: what it tests, where, on which reward, its arms and its guardrail. */
export function ExperimentForm() {
  const { experiments } = useAppStores();
  const form = useAppStore('experiments', (s) => s.form);
  const errors = useAppStore('experiments', (s) => s.fieldErrors);
  const creating = useAppStore('experiments', (s) => s.creating);
  const can = useCan('experiments.create');
  const optionsError = useAppStore('experiments', (s) => s.optionsError);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  if (!form) return null;
  const set = <K extends keyof ExperimentFormValues>(field: K, value: ExperimentFormValues[K]): void => experiments.getState().setField(field, value);
  const toggleSlot = (slot: string, on: boolean): void => set('slots', on ? [...form.slots, slot] : form.slots.filter((s) => s !== slot));
  return (
    <form
      className="panel experiment-form"
      aria-labelledby="experiment-form-title"
      data-testid="experiment-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void experiments.getState().create(true);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') experiments.getState().closeForm();
      }}
    >
      <h2 id="experiment-form-title" tabIndex={-1} ref={headingRef}>
        {t('experiments.form.title')}
      </h2>
      {optionsError ? <ErrorNotice message={optionsError} /> : null}
      <div className="form-grid">
        <div className={errors.name ? 'field has-error' : 'field'}>
          <label htmlFor="exp-name">{t('experiments.form.name')}</label>
          <input id="exp-name" type="text" maxLength={200} value={form.name} data-testid="experiment-name" {...errorProps('name', errors.name)} onChange={(e) => set('name', e.target.value)} />
          <FieldError field="name" message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor="exp-reward">{t('experiments.form.reward')}</label>
          <select id="exp-reward" value={form.reward} data-testid="experiment-reward" onChange={(e) => set('reward', e.target.value as ExperimentFormValues['reward'])}>
            {EXPERIMENT_REWARDS.map((r) => (
              <option key={r} value={r}>
                {t(`experiments.reward.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor="exp-hypothesis">{t('experiments.form.hypothesis')}</label>
          <textarea id="exp-hypothesis" rows={2} maxLength={1000} value={form.hypothesis} data-testid="experiment-hypothesis" onChange={(e) => set('hypothesis', e.target.value)} />
        </div>
      </div>
      <div className="form-row">
        <fieldset className={errors.slots ? 'choice-group has-error' : 'choice-group'} aria-describedby={errors.slots ? 'exp-slots-error' : undefined}>
          <legend>{t('experiments.form.slots')}</legend>
          {KNOWN_SLOTS.map((slot) => (
            <label key={slot} className="checkbox">
              <input type="checkbox" checked={form.slots.includes(slot)} data-testid={`experiment-slot-${slot}`} onChange={(e) => toggleSlot(slot, e.target.checked)} />
              {slot}
            </label>
          ))}
          <label className="inline-field">
            <span>{t('experiments.form.otherSlots')}</span>
            <input type="text" className="input-short" value={form.otherSlots} placeholder={t('experiments.form.otherSlots.placeholder')} data-testid="experiment-other-slots" onChange={(e) => set('otherSlots', e.target.value)} />
          </label>
          <FieldError field="slots" message={errors.slots} />
        </fieldset>
        <fieldset className="choice-group">
          <legend>{t('experiments.form.mode')}</legend>
          {(['ab', 'bandit'] as const).map((mode) => (
            <label key={mode} className="radio">
              <input type="radio" name="experiment-mode" value={mode} checked={form.mode === mode} data-testid={`experiment-mode-${mode}`} onChange={() => set('mode', mode)} />
              {t(`experiments.mode.${mode}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted small">{form.mode === 'bandit' ? t('experiments.form.mode.bandit.help') : t('experiments.form.mode.ab.help')}</p>

      <h3>{t('experiments.form.arms')}</h3>
      {form.arms.map((arm, i) => (
        <ArmEditor key={i} index={i} arm={arm} count={form.arms.length} />
      ))}
      {errors.arms ? (
        <p className="field-error" role="alert" data-testid="field-error" data-field="arms">
          {errors.arms}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={form.arms.length >= MAX_ARMS} data-testid="arm-add" onClick={() => experiments.getState().addArm()}>
          {t('experiments.form.addArm')}
        </button>
        <button type="button" className="button" onClick={() => experiments.getState().splitEvenly()}>
          {t('experiments.form.splitEvenly')}
        </button>
      </div>

      <h3>{t('experiments.form.safety')}</h3>
      <div className="form-grid">
        {form.mode === 'bandit' ? (
          <div className={errors.floor ? 'field has-error' : 'field'}>
            <label htmlFor="exp-floor">{t('experiments.form.floor')}</label>
            <input id="exp-floor" type="number" min={0} max={50} step={0.5} value={form.floor} {...errorProps('floor', errors.floor)} onChange={(e) => set('floor', e.target.value)} />
            <FieldError field="floor" message={errors.floor} />
          </div>
        ) : null}
        <label className="checkbox field--wide">
          <input type="checkbox" checked={form.guardrailEnabled} data-testid="experiment-guardrail" onChange={(e) => set('guardrailEnabled', e.target.checked)} />
          {t('experiments.form.guardrail')}
        </label>
        {form.guardrailEnabled ? (
          <>
            <div className={errors.guardrailMargin ? 'field has-error' : 'field'}>
              <label htmlFor="exp-margin">{t('experiments.form.margin')}</label>
              <input id="exp-margin" type="number" min={0} max={100} step={0.1} value={form.guardrailMargin} {...errorProps('guardrailMargin', errors.guardrailMargin)} onChange={(e) => set('guardrailMargin', e.target.value)} />
              <FieldError field="guardrailMargin" message={errors.guardrailMargin} />
            </div>
            <div className={errors.guardrailMinLists ? 'field has-error' : 'field'}>
              <label htmlFor="exp-min-lists">{t('experiments.form.minLists')}</label>
              <input
                id="exp-min-lists"
                type="number"
                min={10}
                max={1_000_000}
                step={1}
                value={form.guardrailMinLists}
                data-testid="experiment-min-lists"
                {...errorProps('guardrailMinLists', errors.guardrailMinLists)}
                onChange={(e) => set('guardrailMinLists', e.target.value)}
              />
              <FieldError field="guardrailMinLists" message={errors.guardrailMinLists} />
            </div>
          </>
        ) : null}
      </div>
      {errors._form ? <ErrorNotice message={errors._form} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="experiment-create-start" disabled={creating || !can.allowed} title={can.reason ?? undefined}>
          {creating ? t('experiments.form.creating') : t('experiments.form.createStart')}
        </button>
        <button type="button" className="button" data-testid="experiment-create-draft" disabled={creating || !can.allowed} title={can.reason ?? undefined} onClick={() => void experiments.getState().create(false)}>
          {t('experiments.form.createDraft')}
        </button>
        <button type="button" className="button" onClick={() => experiments.getState().closeForm()}>
          {t('experiments.form.cancel')}
        </button>
        <NotAllowed can={can} />
      </div>
    </form>
  );
}
