import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { PrivacyAnnouncement } from '../../stores/privacyStore';

function announcementText(a: PrivacyAnnouncement | null): string {
  if (!a) return '';
  if (a.kind === 'exported') return t('privacy.exported', { shopper: a.shopperId, file: a.fileName });
  const e = a.result.erased;
  return t('privacy.erased', {
    shopper: a.shopperId,
    sessions: formatNumber(e.sessions),
    events: formatNumber(e.events),
    lists: formatNumber(e.impressions),
    rewards: formatNumber(e.rewards),
    hash: a.result.shopperHash,
  });
}

/** The chosen shopper's data requests: export everything stored as JSON, or erase it (through the risk dialog). */
export function ShopperPrivacy() {
  const { privacy, inspector, guard } = useAppStores();
  const shopperId = useAppStore('inspector', (s) => s.sessions.find((x) => x.sessionId === s.sessionId)?.shopperId ?? s.inspection?.shopperId ?? null);
  const exporting = useAppStore('privacy', (s) => s.exporting);
  const erasing = useAppStore('privacy', (s) => s.erasing);
  const error = useAppStore('privacy', (s) => s.error);
  const announcement = useAppStore('privacy', (s) => s.announcement);
  const busy = exporting !== null || erasing !== null;
  const text = announcementText(announcement);
  return (
    <section className="panel shopper-privacy" aria-labelledby="shopper-privacy-title" data-testid="shopper-privacy">
      <div className="shopper-privacy-head">
        <h2 id="shopper-privacy-title">{shopperId ? t('privacy.shopper.title', { shopper: shopperId }) : t('privacy.shopper.titleNone')}</h2>
        {shopperId ? (
          <div className="form-actions shopper-privacy-actions">
            <button type="button" className="button" data-testid="export-shopper" disabled={busy} onClick={() => void privacy.getState().exportShopper(shopperId)}>
              {exporting ? t('privacy.exporting') : t('privacy.export')}
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="erase-shopper"
              disabled={busy}
              onClick={() =>
                void guard.getState().ask({
                  action: { action: 'shoppers.erase', shopperId },
                  subject: t('privacy.erase.subject'),
                  reasonAlwaysRequired: true,
                  assess: () => privacy.getState().assessErasure(shopperId),
                  run: async (confirm) => {
                    await privacy.getState().erase(shopperId, confirm);
                    await inspector.getState().forgetShopper(shopperId);
                  },
                })
              }
            >
              {erasing ? t('privacy.erasing') : t('privacy.erase')}
            </button>
          </div>
        ) : null}
      </div>
      {shopperId ? <p className="muted small">{t('privacy.shopper.hint')}</p> : <p className="muted small">{t('privacy.shopper.pick')}</p>}
      {error ? <ErrorNotice message={error} onRetry={shopperId ? () => void privacy.getState().exportShopper(shopperId) : undefined} /> : null}
      <p className={text ? 'notice notice--info' : 'sr-only'} role="status" data-testid="privacy-status">
        {text}
      </p>
    </section>
  );
}
