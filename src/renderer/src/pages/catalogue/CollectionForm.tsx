import type { ReactNode } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LabelledField, type ControlProps } from '../../components/LabelledField';
import { t } from '../../i18n/translate';
import { itemLines, type CollectionField } from '../../stores/collectionForm';

/** A labelled control of the collection form (ids `collection-…`). */
function Field({ name, label, error, children }: { name: CollectionField; label: string; error: string | undefined; children: (props: ControlProps) => ReactNode }) {
  return (
    <LabelledField form="collection" name={name} label={label} error={error}>
      {children}
    </LabelledField>
  );
}

/** Creates a collection or edits one: its handle (fixed once made), name and items. */
export function CollectionForm() {
  const { collections } = useAppStores();
  const form = useAppStore('collections', (s) => s.form);
  const editing = useAppStore('collections', (s) => s.editing);
  const errors = useAppStore('collections', (s) => s.fieldErrors);
  const saving = useAppStore('collections', (s) => s.saving);
  const actionError = useAppStore('collections', (s) => s.actionError);
  const can = useCan('collections.save');
  if (!form) return null;
  const store = collections.getState;
  const count = itemLines(form.itemsText).itemIds.length;
  return (
    <form
      className="panel collection-form"
      data-testid="collection-form"
      noValidate
      aria-labelledby="collection-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void store().submit();
      }}
    >
      <h3 id="collection-form-title">{editing ? t('collections.form.editTitle', { id: editing }) : t('collections.form.newTitle')}</h3>
      <div className="form-grid">
        <Field name="collectionId" label={t('collections.form.handle')} error={errors.collectionId}>
          {(p) => <input type="text" {...p} value={form.collectionId} disabled={editing !== null} onChange={(e) => store().setField('collectionId', e.target.value)} />}
        </Field>
        <Field name="name" label={t('collections.form.name')} error={errors.name}>
          {(p) => <input type="text" {...p} value={form.name} onChange={(e) => store().setField('name', e.target.value)} />}
        </Field>
        <div className="collection-items">
          <Field name="itemsText" label={t('collections.form.items')} error={errors.itemsText}>
            {(p) => <textarea {...p} rows={8} className="mono" value={form.itemsText} onChange={(e) => store().setField('itemsText', e.target.value)} />}
          </Field>
          <p className="muted small">{t('collections.form.itemsHint', { count })}</p>
        </div>
      </div>
      {actionError ? <ErrorNotice message={actionError} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="collection-save" disabled={saving || !can.allowed} title={can.reason ?? undefined}>
          {saving ? t('collections.form.saving') : t('collections.form.save')}
        </button>
        <button type="button" className="button" onClick={() => store().closeForm()}>
          {t('collections.form.cancel')}
        </button>
        <NotAllowed can={can} />
      </div>
    </form>
  );
}
