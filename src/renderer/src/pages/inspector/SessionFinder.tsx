import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** A shopper id filter over sessions.list, and the sessions it finds as a list of buttons. */
export function SessionFinder() {
  const { inspector } = useAppStores();
  const filter = useAppStore('inspector', (s) => s.shopperFilter);
  const sessions = useAppStore('inspector', (s) => s.sessions);
  const loading = useAppStore('inspector', (s) => s.sessionsLoading);
  const error = useAppStore('inspector', (s) => s.sessionsError);
  const selected = useAppStore('inspector', (s) => s.sessionId);
  return (
    <section className="panel session-finder" aria-labelledby="finder-title">
      <h2 id="finder-title" className="sr-only">
        {t('inspector.sessions.label')}
      </h2>
      <form
        className="finder-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void inspector.getState().loadSessions();
        }}
      >
        <label className="field">
          <span>{t('inspector.find.label')}</span>
          <input
            type="search"
            data-testid="shopper-filter"
            value={filter}
            placeholder={t('inspector.find.placeholder')}
            onChange={(e) => inspector.getState().setShopperFilter(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={loading}>
          {loading ? t('common.loading') : t('inspector.find.submit')}
        </button>
      </form>
      {error ? <ErrorNotice message={error} onRetry={() => void inspector.getState().loadSessions()} /> : null}
      {!loading && !error && sessions.length === 0 ? <p className="empty">{t('inspector.sessions.empty')}</p> : null}
      <ul className="finder-list" aria-label={t('inspector.sessions.label')}>
        {sessions.map((s) => (
          <li key={s.sessionId}>
            <button
              type="button"
              className={s.sessionId === selected ? 'finder-item is-selected' : 'finder-item'}
              data-testid="inspector-session"
              data-session-id={s.sessionId}
              aria-pressed={s.sessionId === selected}
              onClick={() => void inspector.getState().openSession(s.sessionId)}
            >
              <span className="finder-shopper">{s.shopperId}</span>
              <span className="muted finder-meta">{t('inspector.sessions.item', { id: s.sessionId, count: s.eventCount, time: formatDateTime(s.lastEventAt) })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
