import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { reloadNeeded } from '../../stores/imageHostsStore';

/**
 * The hosts product images may come from (docs/SEARCH.md, "Product images"): the allowed list, a
 * field to add one, and the hosts the catalogue's image URLs point at, each one click from allowed.
 */
export function ImageHostsPanel() {
  const { imageHosts } = useAppStores();
  const origins = useAppStore('imageHosts', (s) => s.origins);
  const catalogue = useAppStore('imageHosts', (s) => s.catalogue);
  const loading = useAppStore('imageHosts', (s) => s.loading);
  const error = useAppStore('imageHosts', (s) => s.error);
  const input = useAppStore('imageHosts', (s) => s.input);
  const inputError = useAppStore('imageHosts', (s) => s.inputError);
  const saving = useAppStore('imageHosts', (s) => s.saving);
  const actionError = useAppStore('imageHosts', (s) => s.actionError);
  const needsReload = useAppStore('imageHosts', reloadNeeded);
  const can = useCan('settings.set');
  useEffect(() => {
    void imageHosts.getState().load();
  }, [imageHosts]);
  const disabled = saving || origins === null || !can.allowed;

  return (
    <section className="panel image-hosts-panel" aria-labelledby="image-hosts-title" data-testid="image-hosts-panel">
      <h2 id="image-hosts-title">{t('imageHosts.title')}</h2>
      <p className="muted small">{t('imageHosts.intro')}</p>
      {error ? <ErrorNotice message={error} onRetry={() => void imageHosts.getState().load()} /> : null}
      {loading && origins === null ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {origins ? (
        <>
          <h3>{t('imageHosts.allowed')}</h3>
          {origins.length === 0 ? (
            <p className="muted" data-testid="image-hosts-none">
              {t('imageHosts.none')}
            </p>
          ) : (
            <ul className="host-list" data-testid="image-hosts-allowed">
              {origins.map((origin) => (
                <li key={origin} data-testid="image-host" data-origin={origin}>
                  <code>{origin}</code>{' '}
                  <button type="button" className="button button--small" disabled={disabled} title={can.reason ?? undefined} aria-label={t('imageHosts.removeLabel', { origin })} onClick={() => void imageHosts.getState().remove(origin)}>
                    {t('imageHosts.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void imageHosts.getState().add();
            }}
          >
            <span className={inputError ? 'field has-error' : 'field'}>
              <label htmlFor="image-host-input">{t('imageHosts.input.label')}</label>
              <input
                id="image-host-input"
                type="text"
                value={input}
                spellCheck={false}
                aria-invalid={inputError !== null}
                aria-describedby="image-host-hint"
                onChange={(e) => imageHosts.getState().setInput(e.target.value)}
                data-testid="image-host-input"
              />
              <span id="image-host-hint" className={inputError ? 'field-error' : 'field-hint'} data-testid="image-host-hint">
                {inputError ?? t('imageHosts.input.hint')}
              </span>
            </span>
            <div className="form-actions">
              <button type="submit" className="button" disabled={disabled} title={can.reason ?? undefined} data-testid="image-host-add">
                {t('imageHosts.add')}
              </button>
            </div>
          </form>
        </>
      ) : null}
      {catalogue ? (
        <>
          <h3>{t('imageHosts.catalogue')}</h3>
          <p className="muted small" data-testid="image-hosts-catalogue-summary">
            {catalogue.withImage === 0 ? t('imageHosts.catalogue.none') : t('imageHosts.catalogue.summary', { withImage: formatNumber(catalogue.withImage) })}
          </p>
          {catalogue.hosts.length > 0 ? (
            <ul className="host-list" data-testid="image-hosts-catalogue">
              {catalogue.hosts.map((host) => {
                const allowed = origins?.includes(host.origin) ?? false;
                return (
                  <li key={host.origin} data-testid="image-host-found" data-origin={host.origin} data-allowed={allowed}>
                    {t('imageHosts.catalogue.host', { origin: host.origin, items: formatNumber(host.items) })}{' '}
                    {allowed ? (
                      <span className="muted small">{t('imageHosts.catalogue.allowed')}</span>
                    ) : (
                      <button type="button" className="button button--small" disabled={disabled} title={can.reason ?? undefined} aria-label={t('imageHosts.catalogue.allowLabel', { origin: host.origin })} onClick={() => void imageHosts.getState().add(host.origin)} data-testid="image-host-allow">
                        {t('imageHosts.catalogue.allow')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
          {catalogue.notAllowable > 0 ? <p className="muted small">{t('imageHosts.catalogue.notAllowable', { count: formatNumber(catalogue.notAllowable) })}</p> : null}
        </>
      ) : null}
      {actionError ? <ErrorNotice message={actionError} /> : null}
      {can.reason ? <p className="muted small">{can.reason}</p> : null}
      {needsReload ? (
        <p className="notice notice--info" role="status" data-testid="image-hosts-reload">
          {t('imageHosts.reload')}{' '}
          <button type="button" className="button button--small" onClick={() => window.location.reload()} data-testid="image-hosts-reload-now">
            {t('imageHosts.reloadNow')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
