import { useAppStore, useAppStores } from '../../app/StoresContext';
import { channelLabel } from '../../components/channelLabels';
import { CHANNELS } from '../../transport/contract';
import { formatDecimal } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { listWeightsOf, SLIDER_MAX, SLIDER_STEP } from '../../stores/tuningStore';

/** One labelled range input per channel (arrow keys step 0.05, Page Up/Down jump, Home/End 0 and the maximum). */
export function WeightSliders() {
  const { tuning } = useAppStores();
  const sliders = useAppStore('tuning', (s) => s.sliders);
  const current = useAppStore('tuning', (s) => s.current);
  const listWeights = useAppStore('tuning', listWeightsOf);
  if (!sliders || !current) return null;
  return (
    <section className="panel" aria-labelledby="weights-title">
      <div className="panel-head">
        <h2 id="weights-title">{t('tuning.weights.title')}</h2>
        <button type="button" className="button button--small" onClick={() => tuning.getState().resetSliders()}>
          {t('tuning.weights.reset')}
        </button>
      </div>
      <div className="sliders">
        {CHANNELS.map((c) => {
          const id = `weight-${c}`;
          const value = sliders[c];
          const saved = current.weights[c];
          const max = Math.max(SLIDER_MAX, saved, value);
          const cannotPreview = listWeights !== null && listWeights[c] <= 1e-12;
          const hintId = `${id}-hint`;
          return (
            <div key={c} className={value !== saved ? 'slider-row is-changed' : 'slider-row'}>
              <label htmlFor={id} className="slider-label">
                <span className={`legend-swatch seg--${c}`} aria-hidden="true" />
                {channelLabel(c)}
              </label>
              <input
                id={id}
                type="range"
                min={0}
                max={max}
                step={SLIDER_STEP}
                value={value}
                data-testid={`weight-slider-${c}`}
                aria-valuetext={formatDecimal(value, 2)}
                aria-describedby={hintId}
                onChange={(e) => tuning.getState().setWeight(c, Number(e.target.value))}
              />
              <output htmlFor={id} className="slider-value">
                {formatDecimal(value, 2)}
              </output>
              <span id={hintId} className={cannotPreview ? 'slider-hint slider-hint--warn' : 'slider-hint muted'}>
                {cannotPreview ? t('tuning.weights.zero') : t('tuning.weights.savedValue', { value: formatDecimal(saved, 2) })}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
