import { useAppStore } from '../../app/StoresContext';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';

/**
 * Which execution provider and text model serve inference (from engine.info), e.g. "cpu · all-MiniLM-L6-v2:int8".
 * A model that failed to load is a warning, said in words, since search quality depends on it.
 */
export function InferenceTile() {
  const info = useAppStore('engine', (s) => s.info);
  if (!info) return null;
  const model = info.textModel;
  if (!model && info.textModelError) {
    return (
      <div className="notice notice--warning" role="status" data-testid="inference-warning">
        {t('live.inference.error', { message: info.textModelError })}
      </div>
    );
  }
  return (
    <p className="inference-tile" data-testid="inference-tile">
      <span className="inference-label">{t('live.inference.label')}</span>
      {model ? (
        <span title={t('live.inference.dimensions', { dimensions: formatNumber(model.dimensions) })}>
          {t('live.inference.value', { provider: model.provider, model: model.modelVersion })}
        </span>
      ) : (
        <span className="muted">{t('live.inference.notLoaded')}</span>
      )}
    </p>
  );
}
