import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';
import { startPerformanceRefresh } from '../../stores/performanceStore';
import { AttributionPanel } from './AttributionPanel';
import { BreakdownTable } from './BreakdownTable';
import { ExaminationCurveChart } from './ExaminationCurveChart';
import { MetricChart } from './MetricChart';
import { MetricTiles } from './MetricTiles';
import { PerformanceFilters } from './PerformanceFilters';
import { PositionCurveChart } from './PositionCurveChart';
import { SearchAnalyticsPanel } from './SearchAnalyticsPanel';

/** Online business metrics from rewards joined to the lists that caused them: tiles, trends, positions, search, attribution. */
export function PerformancePage() {
  const { performance } = useAppStores();
  const busy = useAppStore('performance', (s) => s.busy > 0);
  // Refresh only while the page is shown.
  useEffect(() => startPerformanceRefresh(performance), [performance]);
  return (
    <div className="page page--performance" data-testid="performance-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('performance.title')}</h1>
        <button type="button" className="button" data-testid="performance-refresh" aria-busy={busy} onClick={() => void performance.getState().refreshAll()}>
          {t('common.refresh')}
        </button>
      </div>
      <p className="muted page-intro">{t('performance.intro')}</p>
      <PerformanceFilters />
      <MetricTiles />
      <MetricChart />
      <div className="performance-grid">
        <PositionCurveChart />
        <ExaminationCurveChart />
      </div>
      <AttributionPanel />
      <BreakdownTable />
      <SearchAnalyticsPanel />
    </div>
  );
}
