import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { CurrentRecommendations } from './CurrentRecommendations';
import { SessionFinder } from './SessionFinder';
import { ShopperPrivacy } from './ShopperPrivacy';
import { StepDetails } from './StepDetails';
import { InspectionTimeline } from './InspectionTimeline';

/** Find a shopper's session, walk its events, and see what the engine believed and showed after each one. */
export function InspectorPage() {
  const { inspector } = useAppStores();
  const inspection = useAppStore('inspector', (s) => s.inspection);
  const inspecting = useAppStore('inspector', (s) => s.inspecting);
  const error = useAppStore('inspector', (s) => s.inspectError);
  const sessionId = useAppStore('inspector', (s) => s.sessionId);
  useEffect(() => {
    if (inspector.getState().sessions.length === 0) void inspector.getState().loadSessions();
  }, [inspector]);
  return (
    <div className="page page--inspector" data-testid="inspector-page">
      <h1 tabIndex={-1}>{t('inspector.title')}</h1>
      <div className="inspector-layout">
        <SessionFinder />
        <div className="inspector-main">
          <ShopperPrivacy />
          {error && sessionId ? <ErrorNotice message={error} onRetry={() => void inspector.getState().openSession(sessionId)} /> : null}
          {!sessionId ? <p className="panel empty">{t('inspector.pick')}</p> : null}
          {inspecting ? (
            <p className="panel muted" role="status">
              {t('inspector.replaying')}
            </p>
          ) : null}
          {inspection ? (
            <>
              <div className="inspector-grid">
                <InspectionTimeline />
                <StepDetails />
              </div>
              <CurrentRecommendations />
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
