import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { EventRateChart } from './EventRateChart';
import { ExecutionProvidersTable } from './ExecutionProvidersTable';
import { InferenceTile } from './InferenceTile';
import { KpiTiles } from './KpiTiles';
import { LiveFeed } from './LiveFeed';

/** What is happening in the shop right now: totals, the ingest rate and the newest events. */
export function LivePage() {
  const { live } = useAppStores();
  const error = useAppStore('live', (s) => s.error);
  return (
    <div className="page page--live">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('live.title')}</h1>
        <InferenceTile />
      </div>
      {error ? <ErrorNotice message={error} onRetry={() => void live.getState().load()} /> : null}
      <div className="live-top">
        <KpiTiles />
        <EventRateChart />
      </div>
      <LiveFeed />
      <ExecutionProvidersTable />
    </div>
  );
}
