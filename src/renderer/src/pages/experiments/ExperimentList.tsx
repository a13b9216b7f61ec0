import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatDateTimeZone } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** Every experiment with its status: running first. Choosing one opens its results below. */
export function ExperimentList() {
  const { experiments: store } = useAppStores();
  const experiments = useAppStore('experiments', (s) => s.experiments);
  const loaded = useAppStore('experiments', (s) => s.loaded);
  const loading = useAppStore('experiments', (s) => s.loading);
  const selectedId = useAppStore('experiments', (s) => s.selectedId);
  return (
    <section className="panel" aria-labelledby="experiment-list-title">
      <h2 id="experiment-list-title">{t('experiments.list.title')}</h2>
      <div className="table-scroll" aria-busy={loading}>
        <table className="data-table experiment-table" data-testid="experiment-list">
          <thead>
            <tr>
              <th scope="col">{t('experiments.col.name')}</th>
              <th scope="col">{t('experiments.col.status')}</th>
              <th scope="col">{t('experiments.col.mode')}</th>
              <th scope="col">{t('experiments.col.slots')}</th>
              <th scope="col">{t('experiments.col.arms')}</th>
              <th scope="col">{t('experiments.col.started')}</th>
            </tr>
          </thead>
          <tbody>
            {experiments.map((e) => (
              <tr
                key={e.experimentId}
                className={e.experimentId === selectedId ? 'is-selected' : undefined}
                aria-current={e.experimentId === selectedId ? 'true' : undefined}
                data-testid="experiment-row"
                data-experiment-id={e.experimentId}
                data-status={e.status}
              >
                <th scope="row" className="cell-wrap">
                  <button type="button" className="link-button" aria-label={t('experiments.open.label', { name: e.name })} onClick={() => void store.getState().select(e.experimentId)}>
                    {e.name}
                  </button>
                </th>
                <td>
                  <span className={`status-chip status-chip--${e.status}`}>{t(`experiments.status.${e.status}`)}</span>
                  {e.stoppedBy === 'guardrail' ? <span className="status-chip status-chip--guardrail">{t('experiments.stoppedBy.guardrail')}</span> : null}
                </td>
                <td>{t(`experiments.mode.${e.mode}`)}</td>
                <td className="mono cell-wrap">{e.slots.join(', ')}</td>
                <td className="num">{e.arms.length}</td>
                <td className="nowrap">
                  <OrDash value={e.startedAt === null ? null : formatDateTimeZone(e.startedAt)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {loaded && experiments.length === 0 ? <p className="empty">{t('experiments.empty')}</p> : null}
      </div>
    </section>
  );
}
