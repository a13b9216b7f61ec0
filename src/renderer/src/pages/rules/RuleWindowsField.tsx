import { useAppStore, useAppStores } from '../../app/StoresContext';
import { RULE_WINDOWS_MAX } from '../../transport/contract';
import { t } from '../../i18n/translate';
import { windowField, type WindowValues } from '../../stores/ruleForm';
import { toggledDay } from '../../stores/ruleWindows';
import { RuleFormField } from './RuleFormField';
import { weekdayName, WEEKDAYS } from './ruleLabels';

/** One array for "none": a selector that made a new one on every call would re-render without end. */
const NO_WINDOWS: readonly WindowValues[] = [];

/** The rule's weekly windows, each with its days and times in the rule's zone: add, change, remove. */
export function RuleWindowsField() {
  const { rules } = useAppStores();
  const windows = useAppStore('rules', (s) => s.form?.windows) ?? NO_WINDOWS;
  const errors = useAppStore('rules', (s) => s.fieldErrors);
  const store = rules.getState;
  const full = windows.length >= RULE_WINDOWS_MAX;
  return (
    <fieldset className={errors.windows ? 'field rule-windows has-error' : 'field rule-windows'} data-field="windows" data-testid="rule-windows">
      <legend>{t('rules.form.windows')}</legend>
      <p className="muted small">{windows.length === 0 ? t('rules.form.windows.none') : t('rules.form.windows.hint')}</p>
      {windows.map((w, i) => {
        const daysError = errors[windowField(i, 'days')];
        return (
          <fieldset key={i} className="rule-window" data-testid="rule-window" data-index={i}>
            <legend>{t('rules.form.window', { n: i + 1 })}</legend>
            <div className={daysError ? 'field has-error' : 'field'} data-field={windowField(i, 'days')} role="group" aria-label={t('rules.form.windowDays')}>
              {WEEKDAYS.map((d) => (
                <label key={d} className="checkbox">
                  <input type="checkbox" checked={w.days.includes(d)} onChange={(e) => store().setWindow(i, { days: toggledDay(w.days, d, e.target.checked) })} />
                  {weekdayName(d)}
                </label>
              ))}
              {daysError ? (
                <span className="field-error" data-testid="field-error" data-field={windowField(i, 'days')}>
                  {daysError}
                </span>
              ) : null}
            </div>
            <RuleFormField name={windowField(i, 'from')} label={t('rules.form.windowFrom')} error={errors[windowField(i, 'from')]}>
              {(p) => <input type="time" {...p} value={w.from} onChange={(e) => store().setWindow(i, { from: e.target.value })} />}
            </RuleFormField>
            <RuleFormField name={windowField(i, 'to')} label={t('rules.form.windowTo')} error={errors[windowField(i, 'to')]}>
              {(p) => <input type="time" {...p} value={w.to} onChange={(e) => store().setWindow(i, { to: e.target.value })} />}
            </RuleFormField>
            <button type="button" className="button button--small" onClick={() => store().removeWindow(i)} data-testid="rule-window-remove">
              {t('rules.form.window.remove', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button button--small" disabled={full} onClick={() => store().addWindow()} data-testid="rule-window-add" title={full ? t('rules.form.windows.full', { max: RULE_WINDOWS_MAX }) : undefined}>
        {t('rules.form.window.add')}
      </button>
      {errors.windows ? (
        <span className="field-error" data-testid="field-error" data-field="windows">
          {errors.windows}
        </span>
      ) : null}
    </fieldset>
  );
}
