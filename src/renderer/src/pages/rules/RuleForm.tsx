import { useEffect, useRef, type ReactNode } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ruleKindLabel } from '../../components/channelLabels';
import { BUILT_IN_SEGMENTS, QUERY_MATCHES, RULE_KINDS, RuleTarget } from '../../transport/contract';
import { t } from '../../i18n/translate';
import type { RuleField, RuleFormValues } from '../../stores/ruleForm';
import { ItemPicker } from './ItemPicker';

const TARGET_TYPES = RuleTarget.options.map((o) => o.shape.type.value);
/** The IANA zones this runtime knows (the engine checks the same way); [] where Intl cannot list them. */
const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const weekdayName = (day: number): string => new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + day)));

/** A labelled control with its error message tied to it (aria-invalid + aria-describedby). */
function Field({ name, label, error, children }: { name: RuleField; label: string; error: string | undefined; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode }) {
  const id = `rule-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field has-error' : 'field'} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined })}
      {error ? (
        <span id={errorId} className="field-error" data-testid="field-error" data-field={name}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function RuleForm() {
  const { rules, guard } = useAppStores();
  const form = useAppStore('rules', (s) => s.form);
  const editing = useAppStore('rules', (s) => s.editing);
  const errors = useAppStore('rules', (s) => s.fieldErrors);
  const options = useAppStore('rules', (s) => s.options);
  const saving = useAppStore('rules', (s) => s.saving);
  const previewing = useAppStore('rules', (s) => s.previewLoading);
  const actionError = useAppStore('rules', (s) => s.actionError);
  const can = useCan(editing ? 'rules.update' : 'rules.create');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [editing]);
  if (!form) return null;
  const set = <K extends keyof RuleFormValues>(field: K, value: RuleFormValues[K]): void => rules.getState().setField(field, value);
  const text = (name: 'itemId' | 'brand' | 'category' | 'attrName' | 'attrValue' | 'slot' | 'note' | 'queryText' | 'segment', label: string, list?: string) => (
    <Field name={name} label={label} error={errors[name]}>
      {(p) => <input type="text" {...p} value={form[name]} onChange={(e) => set(name, e.target.value)} {...(list ? { list } : {})} />}
    </Field>
  );
  /** A select fed by the catalogue (or the slot list) when it is loaded; a text field otherwise. The current value is always offered. */
  const picker = (name: 'category' | 'scopeCategory' | 'slot', label: string, choices: readonly string[] | undefined, empty?: { value: string; label: string }) => (
    <Field name={name} label={label} error={errors[name]}>
      {(p) =>
        choices ? (
          <select {...p} value={form[name]} onChange={(e) => set(name, e.target.value)}>
            {empty ? <option value={empty.value}>{empty.label}</option> : null}
            {[...new Set([...(form[name] && form[name] !== empty?.value ? [form[name]] : []), ...choices])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : (
          <input type="text" {...p} value={form[name]} onChange={(e) => set(name, e.target.value)} />
        )
      }
    </Field>
  );
  const usesStrength = form.kind === 'boost' || form.kind === 'bury';
  return (
    <form
      className="panel rule-form"
      data-testid="rule-form"
      aria-labelledby="rule-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // Checked first, so the dialog only opens for a rule that could be saved.
        const input = rules.getState().validate();
        if (!input) return;
        // A disabled rule changes nothing shoppers see; an enabled one is guarded.
        if (!input.enabled) {
          void rules.getState().submit();
          return;
        }
        const ruleId = rules.getState().editing;
        void guard.getState().ask({
          action: { action: 'rules.save', ...(ruleId !== null ? { ruleId } : {}), rule: { ...input } },
          run: async (confirm) => {
            await rules.getState().submit(confirm);
          },
        });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') rules.getState().closeForm();
      }}
    >
      <h2 id="rule-form-title" tabIndex={-1} ref={headingRef}>
        {editing ? t('rules.form.editTitle', { id: editing }) : t('rules.form.newTitle')}
      </h2>
      <div className="form-grid">
        <Field name="kind" label={t('rules.form.kind')} error={errors.kind}>
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as RuleFormValues['kind'])}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ruleKindLabel(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="targetType" label={t('rules.form.targetType')} error={errors.targetType}>
          {(p) => (
            <select {...p} value={form.targetType} onChange={(e) => set('targetType', e.target.value as RuleFormValues['targetType'])}>
              {TARGET_TYPES.map((tt) => (
                <option key={tt} value={tt}>
                  {t(`rules.targetType.${tt}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.targetType === 'item' ? (
          <>
            {text('itemId', t('rules.form.itemId'))}
            <ItemPicker chosen={form.itemId} onChoose={(itemId) => set('itemId', itemId)} />
          </>
        ) : null}
        {form.targetType === 'brand' ? (
          <Field name="brand" label={t('rules.form.brand')} error={errors.brand}>
            {(p) => (
              <>
                <input type="text" {...p} list="rule-brand-options" value={form.brand} onChange={(e) => set('brand', e.target.value)} />
                {/* The catalogue's brands as suggestions; any brand an item has is accepted. */}
                <datalist id="rule-brand-options">
                  {(options?.brands ?? []).map((b) => (
                    <option key={b} value={b} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        ) : null}
        {form.targetType === 'category' ? picker('category', t('rules.form.category'), options?.categories, { value: '', label: '—' }) : null}
        {form.targetType === 'attribute' ? (
          <>
            {text('attrName', t('rules.form.attrName'))}
            {text('attrValue', t('rules.form.attrValue'))}
          </>
        ) : null}
        {usesStrength ? (
          <Field name="strength" label={t('rules.form.strength')} error={errors.strength}>
            {(p) => <input type="number" min={0} max={1} step={0.05} {...p} value={form.strength} onChange={(e) => set('strength', e.target.value)} />}
          </Field>
        ) : null}
        {form.kind === 'pin' ? (
          <Field name="position" label={t('rules.form.position')} error={errors.position}>
            {(p) => <input type="number" min={1} max={200} step={1} {...p} value={form.position} onChange={(e) => set('position', e.target.value)} />}
          </Field>
        ) : null}
        {form.kind === 'redirect' ? (
          <Field name="url" label={t('rules.form.url')} error={errors.url}>
            {(p) => <input type="url" {...p} value={form.url} placeholder="https://" onChange={(e) => set('url', e.target.value)} />}
          </Field>
        ) : null}
        {picker('slot', t('rules.form.slot'), options ? options.slots : undefined, { value: '*', label: t('rules.form.slotAll') })}
        <Field name="queryMatch" label={t('rules.form.queryMatch')} error={errors.queryMatch}>
          {(p) => (
            <select {...p} value={form.queryMatch} onChange={(e) => set('queryMatch', e.target.value as RuleFormValues['queryMatch'])}>
              <option value="">{t('rules.form.queryMatch.none')}</option>
              {QUERY_MATCHES.map((m) => (
                <option key={m} value={m}>
                  {t(`rules.match.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.queryMatch ? text('queryText', t('rules.form.queryText')) : null}
        {picker('scopeCategory', t('rules.form.scopeCategory'), options?.categories, { value: '', label: t('rules.form.scopeCategory.any') })}
        {text('segment', t('rules.form.segment'), 'rule-segments')}
        <datalist id="rule-segments">
          {BUILT_IN_SEGMENTS.map((name) => (
            <option key={name} value={name}>
              {t(`rules.segment.${name}`)}
            </option>
          ))}
        </datalist>
        <Field name="timeZone" label={t('rules.form.timeZone')} error={errors.timeZone}>
          {(p) => (
            <select {...p} value={form.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
              <option value="">{t('rules.form.timeZone.local')}</option>
              {TIME_ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="startsAt" label={t('rules.form.startsAt')} error={errors.startsAt}>
          {(p) => <input type="datetime-local" {...p} value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} />}
        </Field>
        <Field name="endsAt" label={t('rules.form.endsAt')} error={errors.endsAt}>
          {(p) => <input type="datetime-local" {...p} value={form.endsAt} onChange={(e) => set('endsAt', e.target.value)} />}
        </Field>
        {form.timeZone ? (
          <>
            <fieldset className={errors.windowDays ? 'field has-error' : 'field'} data-field="windowDays">
              <legend>{t('rules.form.windowDays')}</legend>
              {WEEKDAYS.map((d) => (
                <label key={d} className="checkbox">
                  <input
                    type="checkbox"
                    checked={form.windowDays.includes(d)}
                    onChange={(e) => set('windowDays', e.target.checked ? [...form.windowDays, d] : form.windowDays.filter((x) => x !== d))}
                  />
                  {weekdayName(d)}
                </label>
              ))}
              {errors.windowDays ? (
                <span className="field-error" data-testid="field-error" data-field="windowDays">
                  {errors.windowDays}
                </span>
              ) : null}
            </fieldset>
            {form.windowDays.length > 0 ? (
              <>
                <Field name="windowFrom" label={t('rules.form.windowFrom')} error={errors.windowFrom}>
                  {(p) => <input type="time" {...p} value={form.windowFrom} onChange={(e) => set('windowFrom', e.target.value)} />}
                </Field>
                <Field name="windowTo" label={t('rules.form.windowTo')} error={errors.windowTo}>
                  {(p) => <input type="time" {...p} value={form.windowTo} onChange={(e) => set('windowTo', e.target.value)} />}
                </Field>
              </>
            ) : null}
          </>
        ) : null}
        {text('note', t('rules.form.note'))}
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          {t('rules.form.enabled')}
        </label>
      </div>
      {actionError ? <ErrorNotice message={actionError} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="rule-save" disabled={saving || !can.allowed} title={can.reason ?? undefined}>
          {saving ? t('rules.form.saving') : t('rules.form.save')}
        </button>
        <button type="button" className="button" disabled={previewing} onClick={() => void rules.getState().previewDraft()} data-testid="rule-draft-preview-run" title={t('rules.draft.hint')}>
          {previewing ? t('common.loading') : t('rules.draft.run')}
        </button>
        <button type="button" className="button" onClick={() => rules.getState().closeForm()}>
          {t('rules.form.cancel')}
        </button>
        <NotAllowed can={can} />
      </div>
    </form>
  );
}
