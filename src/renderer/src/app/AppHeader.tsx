import { t } from '../i18n/translate';
import { ConnectionIndicator } from './ConnectionIndicator';
import { useAppStore } from './StoresContext';

/** Which engine answers, over which transport, and whether live pushes are flowing. */
export function AppHeader() {
  const info = useAppStore('engine', (s) => s.info);
  const error = useAppStore('engine', (s) => s.error);
  const transport = useAppStore('engine', (s) => s.transport);
  const connection = useAppStore('engine', (s) => s.connection);
  const me = useAppStore('engine', (s) => s.me);
  return (
    <header className="shell-header">
      <span className="shell-brand">{t('app.title')}</span>
      <span className="shell-engine" title={info ? t('header.dataDir', { dir: info.dataDir }) : (error ?? undefined)}>
        {info ? t('header.engine', { name: info.name, version: info.version }) : t('header.engineUnknown')}
      </span>
      <span className="shell-transport">{t(transport === 'ipc' ? 'header.transport.ipc' : 'header.transport.http')}</span>
      {me?.kind === 'user' ? (
        <span className="shell-user" data-testid="whoami">
          {t('team.whoami', { name: me.name, role: me.role })}
        </span>
      ) : null}
      <ConnectionIndicator state={connection} />
    </header>
  );
}
