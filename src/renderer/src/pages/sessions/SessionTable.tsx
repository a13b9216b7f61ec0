import { goToPage } from '../../app/goToPage';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatDateTime, formatNumber, formatTime } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** Recent sessions; each session id is a button that opens its timeline, and each row opens the session in the Inspector. */
export function SessionTable() {
  const { sessions: store, inspector } = useAppStores();
  const filtered = useAppStore('sessions', (s) => Object.keys(s.filter).length > 0);
  const inspect = (sessionId: string, shopperId: string): void => {
    // The Inspector lists this shopper's sessions and replays this one.
    const state = inspector.getState();
    state.setShopperFilter(shopperId);
    void state.loadSessions();
    void state.openSession(sessionId);
    goToPage('inspector');
  };
  const sessions = useAppStore('sessions', (s) => s.sessions);
  const selectedId = useAppStore('sessions', (s) => s.selectedId);
  const loaded = useAppStore('sessions', (s) => s.loaded);
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={t('sessions.table.label')}>
        <thead>
          <tr>
            <th scope="col">{t('sessions.col.session')}</th>
            <th scope="col">{t('sessions.col.shopper')}</th>
            <th scope="col">{t('sessions.col.started')}</th>
            <th scope="col">{t('sessions.col.last')}</th>
            <th scope="col" className="num">
              {t('sessions.col.events')}
            </th>
            <th scope="col" className="num">
              {t('sessions.col.purchases')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('sessions.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.sessionId} data-testid="session-row" data-session-id={session.sessionId} className={session.sessionId === selectedId ? 'is-selected' : undefined}>
              <td className="ellipsis">
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('sessions.open', { id: session.sessionId })}
                  aria-pressed={session.sessionId === selectedId}
                  onClick={() => void store.getState().select(session.sessionId)}
                >
                  {session.sessionId}
                </button>
              </td>
              <td className="ellipsis" title={session.shopperId}>
                {session.shopperId}
              </td>
              <td className="nowrap">{formatDateTime(session.startedAt)}</td>
              {/* Sessions end within hours of their start: the time alone, the full date on hover. */}
              <td className="nowrap" title={formatDateTime(session.lastEventAt)}>
                {formatTime(session.lastEventAt)}
              </td>
              <td className="num">{formatNumber(session.eventCount)}</td>
              <td className="num">
                <OrDash value={session.purchases === undefined ? null : formatNumber(session.purchases)} />
              </td>
              <td className="nowrap">
                <button
                  type="button"
                  className="button button--small"
                  data-testid="session-inspect"
                  aria-label={t('sessions.inspect.label', { id: session.sessionId })}
                  onClick={() => inspect(session.sessionId, session.shopperId)}
                >
                  {t('sessions.inspect')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded && sessions.length === 0 ? <p className="empty">{filtered ? t('sessions.empty.filtered') : t('sessions.empty')}</p> : null}
    </div>
  );
}
