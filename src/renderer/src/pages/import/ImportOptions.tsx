import { useAppStore, useAppStores } from '../../app/StoresContext';
import { IMPORT_FORMATS, ImportTarget } from '../../transport/contract';
import { t } from '../../i18n/translate';

const FORMAT_LABELS = { csv: 'import.format.csv', jsonl: 'import.format.jsonl', ga4: 'import.format.ga4', segment: 'import.format.segment' } as const;
const TARGET_LABELS = { events: 'import.target.events', catalog: 'import.target.catalog' } as const;

/** Format and target as radio groups: few choices, all visible, arrow-key navigable. */
export function ImportOptions() {
  const { imports } = useAppStores();
  const format = useAppStore('imports', (s) => s.format);
  const target = useAppStore('imports', (s) => s.target);
  return (
    <div className="import-options">
      <fieldset>
        <legend>{t('import.format')}</legend>
        {IMPORT_FORMATS.map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="import-format" value={f} checked={format === f} onChange={() => imports.getState().setFormat(f)} />
            {t(FORMAT_LABELS[f])}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('import.target')}</legend>
        {ImportTarget.options.map((target_) => (
          <label key={target_} className="radio">
            <input type="radio" name="import-target" value={target_} checked={target === target_} onChange={() => imports.getState().setTarget(target_)} />
            {t(TARGET_LABELS[target_])}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
