import { useAppStore, useAppStores } from '../../app/StoresContext';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/en';
import { importPercent, isImportActive } from '../../stores/importQueue';
import type { ImportTask } from '../../transport/contract';

const STATUS_LABELS: Record<ImportTask['status'], MessageKey> = {
  queued: 'import.queue.status.queued',
  running: 'import.queue.status.running',
  succeeded: 'import.queue.status.succeeded',
  failed: 'import.queue.status.failed',
  cancelled: 'import.queue.status.cancelled',
};

function QueueProgress({ task }: { task: ImportTask }) {
  const percent = importPercent(task);
  const counts = t('import.queue.counts', { rows: formatNumber(task.progress.rowsRead), stored: formatNumber(task.progress.stored), rejected: formatNumber(task.progress.rejected) });
  return (
    <div className="job-progress">
      <div
        className={`progress progress--${task.status}${percent === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('import.queue.progress', { file: task.file })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? counts : `${percent}% (${counts})`}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="progress-text tabular">
        {percent === null ? '' : `${percent}% · `}
        {counts}
      </span>
    </div>
  );
}

/**
 * The engine's import queue: imports run one at a time, off the serving path, so a second file
 * waits its turn here; each shows its progress and can be cancelled (rows already stored stay).
 */
export function ImportQueueView() {
  const { imports } = useAppStores();
  const queue = useAppStore('imports', (s) => s.queue);
  const cancelling = useAppStore('imports', (s) => s.cancelling);
  const queueError = useAppStore('imports', (s) => s.queueError);
  if (queue.length === 0 && !queueError) return null;
  return (
    <section className="panel" data-testid="import-queue" aria-labelledby="import-queue-title">
      <h2 id="import-queue-title">{t('import.queue.title')}</h2>
      {queueError ? <p className="muted">{queueError}</p> : null}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('import.queue.col.file')}</th>
              <th scope="col">{t('import.queue.col.status')}</th>
              <th scope="col">{t('import.queue.col.progress')}</th>
              <th scope="col">
                <span className="sr-only">{t('import.queue.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.map((task) => (
              <tr key={task.importId} data-status={task.status}>
                <td className="ellipsis">{task.file}</td>
                <td>{task.error ? `${t(STATUS_LABELS[task.status])}: ${task.error}` : t(STATUS_LABELS[task.status])}</td>
                <td>
                  <QueueProgress task={task} />
                </td>
                <td>
                  {isImportActive(task) ? (
                    <button
                      type="button"
                      className="button"
                      disabled={cancelling.includes(task.importId)}
                      onClick={() => void imports.getState().cancelImport(task.importId)}
                      aria-label={t('import.queue.cancelFile', { file: task.file })}
                    >
                      {t('import.queue.cancel')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
