import { t } from '../i18n/translate';
import type { ConnectionState } from '../transport/transportTypes';

const LABELS = { connecting: 'connection.connecting', online: 'connection.online', offline: 'connection.offline' } as const;

/** A dot plus a word: colour alone would not tell everyone the state. `role=status` announces changes. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span className={`connection connection--${state}`} role="status" aria-label={`${t('connection.label')}: ${t(LABELS[state])}`}>
      <span className="connection-dot" aria-hidden="true" />
      {t(LABELS[state])}
    </span>
  );
}
