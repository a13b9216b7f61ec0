import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { compareToServing, formatDelta, servingVersion, type VersionComparison } from '../../stores/modelVersions';
import { ROLLBACK, type ModelsAnnouncement } from '../../stores/modelsStore';
import { RegistryHeader } from './RegistryHeader';

function announcementText(a: ModelsAnnouncement | null): string {
  if (!a) return '';
  if (a.change === 'promoted') return t('models.announce.promoted', { version: a.version ?? '' });
  return a.version ? t('models.announce.rolledBack', { version: a.version }) : t('models.announce.rolledBackNone');
}

function DeltaCell({ row }: { row: VersionComparison }) {
  if (row.serving) return <span className="muted">{t('models.delta.self')}</span>;
  if (row.delta === null || row.servingValNdcg === null) return <OrDash value={null} />;
  const direction = row.delta > 0 ? 'up' : row.delta < 0 ? 'down' : 'flat';
  const delta = formatDelta(row.delta);
  return (
    <span className={`delta delta--${direction}`} title={t('models.delta.label', { delta, serving: row.servingValNdcg.toFixed(4) })}>
      <span aria-hidden="true">{delta}</span>
      <span className="sr-only">{t('models.delta.label', { delta, serving: row.servingValNdcg.toFixed(4) })}</span>
    </span>
  );
}

/**
 * The intent-model registry: every trained version with its validation NDCG beside the serving one's,
 * and the controls to promote a version or roll back.
 */
export function ModelVersions() {
  const { models: store, guard } = useAppStores();
  const versions = useAppStore('models', (s) => s.versions);
  const loaded = useAppStore('models', (s) => s.loaded);
  const loading = useAppStore('models', (s) => s.loading);
  const error = useAppStore('models', (s) => s.error);
  const pending = useAppStore('models', (s) => s.pending);
  const actionError = useAppStore('models', (s) => s.actionError);
  const announcement = useAppStore('models', (s) => s.announcement);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  const rows = compareToServing(versions);
  const serving = servingVersion(versions);
  return (
    <section className="panel" aria-labelledby="models-title" data-testid="model-versions-panel">
      <RegistryHeader
        prefix="models"
        rollbackTestId="rollback-model"
        noneServing={serving === null}
        pending={pending}
        rollbackMarker={ROLLBACK}
        loading={loading}
        error={error}
        actionError={actionError}
        announcement={announcementText(announcement)}
        onRollback={() => void guard.getState().ask({ action: { action: 'models.rollback' }, run: (confirm) => store.getState().rollback(confirm) })}
        onReload={() => void store.getState().load()}
      >
        <p data-testid="serving-model">{serving ? t('models.servingNow', { version: serving.version }) : t('models.noneServing')}</p>
      </RegistryHeader>
      <div className="table-scroll" aria-busy={loading}>
        <table className="data-table model-table" aria-label={t('models.table.label')} data-testid="model-versions">
          <thead>
            <tr>
              <th scope="col">{t('models.col.version')}</th>
              <th scope="col">{t('models.col.status')}</th>
              <th scope="col">{t('models.col.created')}</th>
              <th scope="col" className="num">
                {t('models.col.valNdcg')}
              </th>
              <th scope="col" className="num">
                {t('models.col.delta')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('models.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const v = row.version;
              return (
                <tr
                  key={v.version}
                  className={row.serving ? 'model-row--serving' : undefined}
                  aria-current={row.serving ? 'true' : undefined}
                  data-testid="model-version-row"
                  data-version={v.version}
                  data-status={v.status}
                >
                  <th scope="row" className="mono" title={v.sha256}>
                    {v.version}
                  </th>
                  <td>
                    <span className={`model-status model-status--${v.status}`}>{t(`models.status.${v.status}`)}</span>
                  </td>
                  <td className="nowrap">{formatDateTime(v.createdAt)}</td>
                  <td className="num tabular">
                    <OrDash value={row.valNdcg === null ? null : row.valNdcg.toFixed(4)} />
                  </td>
                  <td className="num tabular">
                    <DeltaCell row={row} />
                  </td>
                  <td className="nowrap">
                    {row.serving ? null : (
                      <button
                        type="button"
                        className="button"
                        data-testid="promote-model"
                        disabled={pending !== null}
                        aria-label={t('models.promote.label', { version: v.version })}
                        onClick={() =>
                          void guard.getState().ask({ action: { action: 'models.promote', version: v.version }, run: (confirm) => store.getState().promote(v.version, confirm) })
                        }
                      >
                        {pending === v.version ? t('models.promoting') : t('models.promote')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {loaded && rows.length === 0 ? <p className="empty">{t('models.empty')}</p> : null}
      </div>
    </section>
  );
}
