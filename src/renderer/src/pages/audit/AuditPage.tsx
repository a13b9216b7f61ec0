import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { timeZoneName } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { RetentionPanel } from './RetentionPanel';

/** Who changed what shoppers see, when, why, and with which figures: filterable, newest first. */
export function AuditPage() {
  const { audit } = useAppStores();
  const error = useAppStore('audit', (s) => s.error);
  const loading = useAppStore('audit', (s) => s.loading);
  useEffect(() => {
    void audit.getState().load();
  }, [audit]);
  return (
    <div className="page page--audit" data-testid="audit-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('audit.title')}</h1>
        <button type="button" className="button" disabled={loading} onClick={() => void audit.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
      </div>
      <p className="muted page-intro">
        {t('audit.intro')} {t('audit.timeZone', { zone: timeZoneName() })}
      </p>
      {error ? <ErrorNotice message={error} onRetry={() => void audit.getState().load()} /> : null}
      <RetentionPanel />
      <AuditFilters />
      <AuditTable />
    </div>
  );
}
