import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';
import { METRIC_DIMENSIONS, type MetricDimension } from '../../transport/contract';
import { TIME_RANGES } from '../../stores/loopMetrics';

const ALL_SLOTS = '';

/** Time range (radio buttons), slot and breakdown: what every panel below is computed over. */
export function PerformanceFilters() {
  const { performance } = useAppStores();
  const range = useAppStore('performance', (s) => s.range);
  const slot = useAppStore('performance', (s) => s.slot);
  const slots = useAppStore('performance', (s) => s.slots);
  const dimension = useAppStore('performance', (s) => s.dimension);
  return (
    <div className="panel performance-filters" data-testid="performance-filters">
      <fieldset className="segmented">
        <legend>{t('performance.range')}</legend>
        {TIME_RANGES.map((r) => (
          <label key={r} className={r === range ? 'segment is-selected' : 'segment'}>
            <input type="radio" name="performance-range" value={r} checked={r === range} data-testid={`range-${r}`} onChange={() => performance.getState().setRange(r)} />
            <span>{t(`performance.range.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('performance.slot')}</span>
        <select data-testid="performance-slot" value={slot ?? ALL_SLOTS} onChange={(e) => performance.getState().setSlot(e.target.value === ALL_SLOTS ? null : e.target.value)}>
          <option value={ALL_SLOTS}>{t('performance.slot.all')}</option>
          {slots.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('performance.dimension')}</span>
        <select data-testid="performance-dimension" value={dimension} onChange={(e) => performance.getState().setDimension(e.target.value as MetricDimension)}>
          {METRIC_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`performance.dimension.${d}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
