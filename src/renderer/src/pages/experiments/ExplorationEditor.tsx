import { useEffect, useRef } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { EXPLORATION_LIMITS, type ExplorationField, type ExplorationFormValues } from '../../stores/explorationForm';

interface NumberFieldProps {
  field: ExplorationField;
  label: string;
  hint: string;
  step: number;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

function NumberField({ field, label, hint, step, value, error, onChange }: NumberFieldProps) {
  const id = `exploration-${field}`;
  const { min, max } = EXPLORATION_LIMITS[field];
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        data-testid={id}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error" data-testid="field-error" data-field={field}>
          {error}
        </span>
      ) : (
        <span id={`${id}-hint`} className="muted field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** The summary under the form: what the settings as typed would do to the slot's lists. */
function Summary({ slot, form }: { slot: string; form: ExplorationFormValues }) {
  if (!form.enabled) return <p className="muted small">{t('exploration.summary.off', { slot })}</p>;
  return <p className="muted small">{t('exploration.summary.on', { slot, rate: form.rate.trim(), from: form.fromPosition.trim(), to: form.toPosition.trim(), pool: form.poolSize.trim() })}</p>;
}

/** One slot's exploration settings, checked like the contract before they are sent; saving is audited. */
export function ExplorationEditor() {
  const { exploration } = useAppStores();
  const editing = useAppStore('exploration', (s) => s.editing);
  const errors = useAppStore('exploration', (s) => s.fieldErrors);
  const saving = useAppStore('exploration', (s) => s.saving);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  if (!editing) return null;
  const { slot, form } = editing;
  const set = <K extends keyof ExplorationFormValues>(field: K, value: ExplorationFormValues[K]): void => exploration.getState().setField(field, value);
  return (
    <form
      className="exploration-editor"
      aria-labelledby="exploration-editor-title"
      data-testid="exploration-editor"
      data-slot={slot}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void exploration.getState().save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') exploration.getState().cancel();
      }}
    >
      <h3 id="exploration-editor-title" tabIndex={-1} ref={headingRef}>
        {t('exploration.editor.title', { slot })}
      </h3>
      <label className="checkbox">
        <input type="checkbox" checked={form.enabled} data-testid="exploration-enabled" onChange={(e) => set('enabled', e.target.checked)} />
        {t('exploration.editor.enabled')}
      </label>
      <div className="form-grid">
        <NumberField field="rate" label={t('exploration.editor.rate')} hint={t('exploration.editor.rate.hint')} step={0.5} value={form.rate} error={errors.rate} onChange={(v) => set('rate', v)} />
        <NumberField
          field="fromPosition"
          label={t('exploration.editor.from')}
          hint={t('exploration.editor.from.hint')}
          step={1}
          value={form.fromPosition}
          error={errors.fromPosition}
          onChange={(v) => set('fromPosition', v)}
        />
        <NumberField field="toPosition" label={t('exploration.editor.to')} hint={t('exploration.editor.to.hint')} step={1} value={form.toPosition} error={errors.toPosition} onChange={(v) => set('toPosition', v)} />
        <NumberField field="poolSize" label={t('exploration.editor.pool')} hint={t('exploration.editor.pool.hint')} step={1} value={form.poolSize} error={errors.poolSize} onChange={(v) => set('poolSize', v)} />
        <div className="field field--wide">
          <label htmlFor="exploration-note">{t('exploration.editor.note')}</label>
          <input id="exploration-note" type="text" maxLength={500} value={form.note} data-testid="exploration-note" onChange={(e) => set('note', e.target.value)} />
        </div>
      </div>
      <Summary slot={slot} form={form} />
      {errors._form ? <ErrorNotice message={errors._form} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="exploration-save" disabled={saving}>
          {saving ? t('exploration.editor.saving') : t('exploration.editor.save')}
        </button>
        <button type="button" className="button" disabled={saving} onClick={() => exploration.getState().cancel()}>
          {t('exploration.editor.cancel')}
        </button>
      </div>
    </form>
  );
}
