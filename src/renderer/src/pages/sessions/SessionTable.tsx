import { useAppStore, useAppStores } from '../../app/StoresContext';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** Recent sessions; each session id is a button that opens its timeline. */
export function SessionTable() {
  const { sessions: store } = useAppStores();
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
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.sessionId} data-testid="session-row" className={session.sessionId === selectedId ? 'is-selected' : undefined}>
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
              <td className="num">{formatDateTime(session.startedAt)}</td>
              <td className="num">{formatDateTime(session.lastEventAt)}</td>
              <td className="num">{formatNumber(session.eventCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded && sessions.length === 0 ? <p className="empty">{t('sessions.empty')}</p> : null}
    </div>
  );
}
