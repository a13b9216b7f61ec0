import { useEffect, type FormEvent } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/translate';
import { ExecutionProviderPreference, type ConsoleLanguage } from '../../transport/contract';
import { AboutPanel } from './AboutPanel';
import { AfterPurchasePanel } from './AfterPurchasePanel';
import { ImageHostsPanel } from './ImageHostsPanel';

const PROVIDER_LABELS: Record<ExecutionProviderPreference, MessageKey> = {
  auto: 'settings.provider.auto',
  cpu: 'settings.provider.cpu',
  cuda: 'settings.provider.cuda',
  dml: 'settings.provider.dml',
  coreml: 'settings.provider.coreml',
};
const FIELD_LABELS: Record<string, MessageKey> = { dataDir: 'settings.dataDir', executionProvider: 'settings.provider', encoderWorkers: 'settings.workers', engine: 'settings.engine' };

/** The app's settings (persisted by the engine), the after-purchase policy of recommendations, the log folder and the About box. */
export function SettingsPage() {
  const { settings } = useAppStores();
  const view = useAppStore('settings', (s) => s.view);
  const versions = useAppStore('settings', (s) => s.versions);
  const draft = useAppStore('settings', (s) => s.draft);
  const loading = useAppStore('settings', (s) => s.loading);
  const error = useAppStore('settings', (s) => s.error);
  const saving = useAppStore('settings', (s) => s.saving);
  const saved = useAppStore('settings', (s) => s.saved);
  const fieldError = useAppStore('settings', (s) => s.fieldError);
  const logs = useAppStore('settings', (s) => s.logs);
  useEffect(() => {
    void settings.getState().load();
  }, [settings]);
  const state = settings.getState();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void state.save();
  };
  const pending = view?.restartPending ?? [];
  const savedText = saved ? (pending.length > 0 ? t('settings.restartPending', { fields: pending.map((f) => t(FIELD_LABELS[f] ?? 'settings.title')).join(', ') }) : t('settings.saved')) : '';

  return (
    <div className="page page--settings" data-testid="settings-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('settings.title')}</h1>
        {view && <p>{t('settings.intro', { file: view.file })}</p>}
      </div>
      {error && <ErrorNotice message={error} />}
      {view?.warning && (
        <p role="alert" data-testid="settings-warning">
          {t('settings.warning', { warning: view.warning })}
        </p>
      )}
      {loading && !draft && <p>{t('settings.loading')}</p>}
      {draft && view && (
        <form className="panel" onSubmit={submit} data-testid="settings-form">
          <label>
            {t('settings.dataDir')}
            <input type="text" value={draft.dataDir} onChange={(e) => state.edit({ dataDir: e.target.value })} data-testid="settings-data-dir" />
          </label>
          <p className="hint">{t('settings.dataDir.hint', { dir: view.effective.dataDir })}</p>
          <label>
            {t('settings.provider')}
            <select value={draft.executionProvider} onChange={(e) => state.edit({ executionProvider: ExecutionProviderPreference.parse(e.target.value) })} data-testid="settings-provider">
              {ExecutionProviderPreference.options.map((p) => (
                <option key={p} value={p}>
                  {t(PROVIDER_LABELS[p])}
                </option>
              ))}
            </select>
          </label>
          <p className="hint">{t('settings.provider.hint', { choice: view.effective.executionProvider })}</p>
          <label>
            {t('settings.workers')}
            <input type="text" inputMode="numeric" value={draft.encoderWorkers} onChange={(e) => state.edit({ encoderWorkers: e.target.value })} aria-invalid={fieldError?.field === 'encoderWorkers'} data-testid="settings-workers" />
          </label>
          <p className="hint">{fieldError?.field === 'encoderWorkers' ? t('settings.workers.invalid') : t('settings.workers.hint')}</p>
          <fieldset>
            <legend>{t('settings.engine')}</legend>
            <label>
              <input type="radio" name="engine" checked={draft.engineMode === 'local'} onChange={() => state.edit({ engineMode: 'local' })} /> {t('settings.engine.local')}
            </label>
            <label>
              <input type="radio" name="engine" checked={draft.engineMode === 'remote'} onChange={() => state.edit({ engineMode: 'remote' })} data-testid="settings-engine-remote" /> {t('settings.engine.remote')}
            </label>
            {draft.engineMode === 'remote' && (
              <>
                <label>
                  {t('settings.engine.url')}
                  <input type="url" value={draft.remoteUrl} onChange={(e) => state.edit({ remoteUrl: e.target.value })} aria-invalid={fieldError?.field === 'remoteUrl'} data-testid="settings-engine-url" />
                </label>
                {fieldError?.field === 'remoteUrl' && <p className="hint">{t('settings.engine.url.invalid')}</p>}
                <label>
                  {t('settings.engine.token')}
                  <input type="password" autoComplete="off" value={draft.remoteToken} onChange={(e) => state.edit({ remoteToken: e.target.value })} />
                </label>
                {view.settings.engine.mode === 'remote' && view.settings.engine.hasToken && <p className="hint">{t('settings.engine.token.kept')}</p>}
              </>
            )}
          </fieldset>
          <label>
            {t('settings.language')}
            <select value={draft.language} onChange={(e) => state.edit({ language: e.target.value as ConsoleLanguage })}>
              <option value="system">{t('settings.language.system')}</option>
              <option value="en">{t('settings.language.en')}</option>
            </select>
          </label>
          <button type="submit" disabled={saving} data-testid="settings-save">
            {saving ? t('settings.saving') : t('settings.save')}
          </button>
          <p role="status" data-testid="settings-status">
            {savedText}
          </p>
        </form>
      )}
      <AfterPurchasePanel />
      <ImageHostsPanel />
      {view && (
        <section className="panel" aria-labelledby="logs-title">
          <h2 id="logs-title">{t('settings.logs.title')}</h2>
          <p data-testid="settings-logs-path">{logs?.revealed ? t('settings.logs.revealed', { path: logs.path }) : t('settings.logs.folder', { path: logs?.path ?? view.logsDir })}</p>
          <button type="button" onClick={() => void state.revealLogs()} data-testid="settings-reveal-logs">
            {t('settings.logs.reveal')}
          </button>
        </section>
      )}
      {versions && <AboutPanel versions={versions} />}
    </div>
  );
}
