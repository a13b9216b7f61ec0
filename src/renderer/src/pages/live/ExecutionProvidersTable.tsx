import type { SessionProviderInfo } from '../../../../shared/contract';
import { useAppStore } from '../../app/StoresContext';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';

function placementText(s: SessionProviderInfo): string {
  if (s.placement === null) return t('live.providers.placementUnknown');
  return Object.entries(s.placement)
    .map(([provider, nodes]) => t('live.providers.placementPart', { provider, nodes: formatNumber(nodes) }))
    .join(', ');
}

/**
 * Every ONNX Runtime session the engine has opened (from engine.info): the provider it runs on,
 * where ONNX Runtime placed its nodes, its warm-up time and, when it fell back, why.
 */
export function ExecutionProvidersTable() {
  const providers = useAppStore('engine', (s) => s.info?.executionProviders);
  if (!providers) return null;
  return (
    <section className="execution-providers" data-testid="execution-providers" aria-label={t('live.providers.title')}>
      <h2>{t('live.providers.title')}</h2>
      <p className="muted">{t('live.providers.choice', { choice: providers.choice, source: t(`live.providers.source.${providers.source}`) })}</p>
      {providers.sessions.length === 0 ? (
        <p className="muted">{t('live.providers.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('live.providers.session')}</th>
              <th scope="col">{t('live.providers.provider')}</th>
              <th scope="col">{t('live.providers.placement')}</th>
              <th scope="col">{t('live.providers.warmUp')}</th>
              <th scope="col">{t('live.providers.fallback')}</th>
            </tr>
          </thead>
          <tbody>
            {providers.sessions.map((s) => (
              <tr key={s.session}>
                <td>{s.session}</td>
                <td>{s.provider}</td>
                <td>{placementText(s)}</td>
                <td>{t('live.providers.ms', { ms: formatNumber(Math.round(s.warmUpMs)) })}</td>
                <td>{s.fallbackReason ?? t('live.providers.noFallback')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
