import { useEffect, useRef } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ruleKindLabel } from '../../components/channelLabels';
import { BUILT_IN_SEGMENTS, QUERY_MATCHES, RULE_KINDS, RuleTarget } from '../../transport/contract';
import { t } from '../../i18n/translate';
import type { RuleFormValues } from '../../stores/ruleForm';
import { ItemPicker } from './ItemPicker';
import { RuleFormField } from './RuleFormField';
import { collectionLabel } from './ruleLabels';
import { RuleWindowsField } from './RuleWindowsField';

const TARGET_TYPES = RuleTarget.options.map((o) => o.shape.type.value);
/** The IANA zones this runtime knows (the engine checks the same way); [] where Intl cannot list them. */
const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

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
    <RuleFormField name={name} label={label} error={errors[name]}>
      {(p) => <input type="text" {...p} value={form[name]} onChange={(e) => set(name, e.target.value)} {...(list ? { list } : {})} />}
    </RuleFormField>
  );
  /** A select fed by the catalogue (or the slot list) when it is loaded; a text field otherwise. The current value is always offered. */
  const picker = (name: 'category' | 'scopeCategory' | 'slot' | 'collection' | 'targetCollection', label: string, choices: readonly string[] | undefined, empty?: { value: string; label: string }, labelOf: (value: string) => string = (v) => v) => (
    <RuleFormField name={name} label={label} error={errors[name]}>
      {(p) =>
        choices ? (
          <select {...p} value={form[name]} onChange={(e) => set(name, e.target.value)}>
            {empty ? <option value={empty.value}>{empty.label}</option> : null}
            {[...new Set([...(form[name] && form[name] !== empty?.value ? [form[name]] : []), ...choices])].map((c) => (
              <option key={c} value={c}>
                {labelOf(c)}
              </option>
            ))}
          </select>
        ) : (
          <input type="text" {...p} value={form[name]} onChange={(e) => set(name, e.target.value)} />
        )
      }
    </RuleFormField>
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
        <RuleFormField name="kind" label={t('rules.form.kind')} error={errors.kind}>
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as RuleFormValues['kind'])}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ruleKindLabel(k)}
                </option>
              ))}
            </select>
          )}
        </RuleFormField>
        <RuleFormField name="targetType" label={t('rules.form.targetType')} error={errors.targetType}>
          {(p) => (
            <select {...p} value={form.targetType} onChange={(e) => set('targetType', e.target.value as RuleFormValues['targetType'])}>
              {TARGET_TYPES.map((tt) => (
                <option key={tt} value={tt}>
                  {t(`rules.targetType.${tt}`)}
                </option>
              ))}
            </select>
          )}
        </RuleFormField>
        {form.targetType === 'item' ? (
          <>
            {text('itemId', t('rules.form.itemId'))}
            <ItemPicker chosen={form.itemId} onChoose={(itemId) => set('itemId', itemId)} />
          </>
        ) : null}
        {form.targetType === 'brand' ? (
          <RuleFormField name="brand" label={t('rules.form.brand')} error={errors.brand}>
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
          </RuleFormField>
        ) : null}
        {form.targetType === 'category' ? picker('category', t('rules.form.category'), options?.categories, { value: '', label: '—' }) : null}
        {form.targetType === 'collection'
          ? picker('targetCollection', t('rules.form.targetCollection'), options?.collections?.map((c) => c.collectionId), { value: '', label: '—' }, (id) => collectionLabel(id, options?.collections ?? []))
          : null}
        {form.targetType === 'attribute' ? (
          <>
            {text('attrName', t('rules.form.attrName'))}
            {text('attrValue', t('rules.form.attrValue'))}
          </>
        ) : null}
        {usesStrength ? (
          <RuleFormField name="strength" label={t('rules.form.strength')} error={errors.strength}>
            {(p) => <input type="number" min={0} max={1} step={0.05} {...p} value={form.strength} onChange={(e) => set('strength', e.target.value)} />}
          </RuleFormField>
        ) : null}
        {form.kind === 'pin' ? (
          <RuleFormField name="position" label={t('rules.form.position')} error={errors.position}>
            {(p) => <input type="number" min={1} max={200} step={1} {...p} value={form.position} onChange={(e) => set('position', e.target.value)} />}
          </RuleFormField>
        ) : null}
        {form.kind === 'redirect' ? (
          <RuleFormField name="url" label={t('rules.form.url')} error={errors.url}>
            {(p) => <input type="url" {...p} value={form.url} placeholder="https://" onChange={(e) => set('url', e.target.value)} />}
          </RuleFormField>
        ) : null}
        {picker('slot', t('rules.form.slot'), options ? options.slots : undefined, { value: '*', label: t('rules.form.slotAll') })}
        <RuleFormField name="queryMatch" label={t('rules.form.queryMatch')} error={errors.queryMatch}>
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
        </RuleFormField>
        {form.queryMatch ? text('queryText', t('rules.form.queryText')) : null}
        {picker('scopeCategory', t('rules.form.scopeCategory'), options?.categories, { value: '', label: t('rules.form.scopeCategory.any') })}
        {picker(
          'collection',
          t('rules.form.collection'),
          options?.collections?.map((c) => c.collectionId),
          { value: '', label: t('rules.form.collection.any') },
          (id) => collectionLabel(id, options?.collections ?? []),
        )}
        {text('segment', t('rules.form.segment'), 'rule-segments')}
        <datalist id="rule-segments">
          {BUILT_IN_SEGMENTS.map((name) => (
            <option key={name} value={name}>
              {t(`rules.segment.${name}`)}
            </option>
          ))}
        </datalist>
        <RuleFormField name="timeZone" label={t('rules.form.timeZone')} error={errors.timeZone}>
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
        </RuleFormField>
        <RuleFormField name="startsAt" label={t('rules.form.startsAt')} error={errors.startsAt}>
          {(p) => <input type="datetime-local" {...p} value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} />}
        </RuleFormField>
        <RuleFormField name="endsAt" label={t('rules.form.endsAt')} error={errors.endsAt}>
          {(p) => <input type="datetime-local" {...p} value={form.endsAt} onChange={(e) => set('endsAt', e.target.value)} />}
        </RuleFormField>
        {form.timeZone || form.windows.length > 0 ? <RuleWindowsField /> : null}
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
