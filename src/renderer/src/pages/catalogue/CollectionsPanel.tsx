import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { CollectionForm } from './CollectionForm';

/** The catalogue's collections: the list, and a form to make or change one. */
export function CollectionsPanel() {
  const { collections } = useAppStores();
  const list = useAppStore('collections', (s) => s.collections);
  const error = useAppStore('collections', (s) => s.error);
  const formOpen = useAppStore('collections', (s) => s.form !== null);
  const actionError = useAppStore('collections', (s) => s.actionError);
  const deleting = useAppStore('collections', (s) => s.deleting);
  const canSave = useCan('collections.save');
  const canDelete = useCan('collections.delete');
  const store = collections.getState;
  useEffect(() => {
    void collections.getState().load();
  }, [collections]);
  return (
    <section className="panel collections" data-testid="collections" aria-labelledby="collections-title">
      <div className="page-head">
        <h2 id="collections-title">{t('collections.title')}</h2>
        <button type="button" className="button button--primary" data-testid="collection-new" disabled={formOpen || !canSave.allowed} title={canSave.reason ?? undefined} onClick={() => store().openNew()}>
          {t('collections.new')}
        </button>
      </div>
      <p className="muted small">{t('collections.intro')}</p>
      {error ? <ErrorNotice message={error} onRetry={() => void store().load()} /> : null}
      {actionError && !formOpen ? <ErrorNotice message={actionError} /> : null}
      {list && list.length === 0 ? <p className="empty">{t('collections.empty')}</p> : null}
      {list && list.length > 0 ? (
        <table className="data-table" aria-label={t('collections.title')}>
          <thead>
            <tr>
              <th scope="col">{t('collections.col.name')}</th>
              <th scope="col">{t('collections.col.handle')}</th>
              <th scope="col" className="num">
                {t('collections.col.items')}
              </th>
              <th scope="col">{t('collections.col.updated')}</th>
              <th scope="col">{t('collections.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.collectionId} data-testid="collection-row" data-collection-id={c.collectionId}>
                <td>{c.name}</td>
                <td className="mono">{c.collectionId}</td>
                <td className="num" data-testid="collection-count">
                  {c.itemCount}
                </td>
                <td>{formatDateTime(c.updatedAt)}</td>
                <td className="actions">
                  <button type="button" className="button button--small" aria-label={t('collections.edit.label', { id: c.collectionId })} disabled={!canSave.allowed} title={canSave.reason ?? undefined} onClick={() => void store().openEdit(c.collectionId)}>
                    {t('collections.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="collection-delete"
                    aria-label={t('collections.delete.label', { id: c.collectionId })}
                    disabled={deleting !== null || !canDelete.allowed}
                    title={canDelete.reason ?? undefined}
                    onClick={() => {
                      if (window.confirm(t('collections.delete.confirm', { id: c.collectionId }))) void store().remove(c.collectionId);
                    }}
                  >
                    {t('collections.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <CollectionForm />
    </section>
  );
}
