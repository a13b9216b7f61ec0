import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { AutoTunePanel } from './AutoTunePanel';
import { ExpectedEffect } from './ExpectedEffect';
import { PreviewList } from './PreviewList';
import { ReplayMetric } from './ReplayMetric';
import { SaveVersion } from './SaveVersion';
import { VersionHistory } from './VersionHistory';
import { WeightSliders } from './WeightSliders';

/** Weights on the left, their effect (preview list, replayed metric) on the right; versions and auto-tune below. */
export function TuningPage() {
  const { tuning } = useAppStores();
  const error = useAppStore('tuning', (s) => s.error);
  const loaded = useAppStore('tuning', (s) => s.loaded);
  useEffect(() => {
    void tuning.getState().load();
  }, [tuning]);
  return (
    <div className="page page--tuning" data-testid="tuning-page">
      <h1 tabIndex={-1}>{t('tuning.title')}</h1>
      <p className="muted page-intro">{t('tuning.intro')}</p>
      {error ? <ErrorNotice message={error} onRetry={() => void tuning.getState().load()} /> : null}
      {!loaded && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {loaded ? (
        <>
          <div className="tuning-grid">
            <div className="tuning-side">
              <WeightSliders />
              <ReplayMetric />
              <ExpectedEffect />
              <SaveVersion />
            </div>
            <PreviewList />
          </div>
          <div className="tuning-lower">
            <VersionHistory />
            <AutoTunePanel />
          </div>
        </>
      ) : null}
    </div>
  );
}
