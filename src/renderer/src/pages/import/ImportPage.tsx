import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { ImportFilePicker } from './ImportFilePicker';
import { ImportOptions } from './ImportOptions';
import { ImportQueueView } from './ImportQueueView';
import { ImportReportView } from './ImportReportView';

/** Load a CSV or JSONL file into the events or the catalogue and see what was kept and what was refused. */
export function ImportPage() {
  const { imports } = useAppStores();
  const phase = useAppStore('imports', (s) => s.phase);
  const file = useAppStore('imports', (s) => s.file);
  const report = useAppStore('imports', (s) => s.report);
  const error = useAppStore('imports', (s) => s.error);
  const busy = phase === 'reading' || phase === 'sending';
  useEffect(() => imports.getState().watchQueue(), [imports]);
  return (
    <div className="page page--import">
      <h1 tabIndex={-1}>{t('import.title')}</h1>
      <form
        className="panel import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void imports.getState().submit();
        }}
      >
        <ImportFilePicker />
        <ImportOptions />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={!file || busy}>
            {phase === 'sending' ? t('import.sending') : t('import.submit')}
          </button>
          <span role="status" className="muted">
            {phase === 'reading' ? t('import.reading') : phase === 'sending' ? t('import.sending') : ''}
          </span>
        </div>
      </form>
      <ImportQueueView />
      {error ? <ErrorNotice message={error} /> : null}
      {report ? <ImportReportView report={report} /> : null}
    </div>
  );
}
