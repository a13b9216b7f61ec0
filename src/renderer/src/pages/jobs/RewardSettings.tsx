import { useAppStore, useAppStores } from '../../app/StoresContext';
import { rewardText } from '../../components/rewardText';
import { t } from '../../i18n/translate';
import { REWARD_LIMITS, type RewardField } from '../../stores/rankingPolicies';

const FIELDS: RewardField[] = ['click', 'cart', 'purchase'];

/** What a list earns, which policies learn and off-policy estimates measure: weighted clicks, cart adds and purchases, or revenue. */
export function RewardSettings() {
  const { policies } = useAppStores();
  const reward = useAppStore('policies', (s) => s.reward);
  const form = useAppStore('policies', (s) => s.rewardForm);
  const invalid = useAppStore('policies', (s) => s.rewardInvalid);
  const saving = useAppStore('policies', (s) => s.rewardSaving);
  const error = useAppStore('policies', (s) => s.rewardError);
  return (
    <form
      className="reward-settings"
      aria-labelledby="reward-title"
      data-testid="reward-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void policies.getState().saveReward();
      }}
    >
      <h3 id="reward-title">{t('reward.title')}</h3>
      <p className="small" data-testid="reward-current" data-kind={reward?.kind ?? ''}>
        {reward ? t('reward.current', { reward: rewardText(reward) }) : t('common.loading')}
      </p>
      {form ? (
        <>
          <fieldset className="choice-group">
            <legend>{t('reward.kind')}</legend>
            {(['composite', 'revenue'] as const).map((kind) => (
              <label key={kind} className="radio">
                <input type="radio" name="reward-kind" value={kind} checked={form.kind === kind} data-testid={`reward-kind-${kind}`} onChange={() => policies.getState().setRewardField('kind', kind)} />
                {t(`reward.kind.${kind}`)}
              </label>
            ))}
          </fieldset>
          {form.kind === 'composite' ? (
            <div className="form-grid reward-weights">
              {FIELDS.map((field) => {
                const id = `reward-${field}`;
                const bad = invalid.includes(field);
                const { min, max } = REWARD_LIMITS[field];
                return (
                  <div key={field} className={bad ? 'field has-error' : 'field'}>
                    <label htmlFor={id}>{t(`reward.weight.${field}`)}</label>
                    <input
                      id={id}
                      type="number"
                      min={min}
                      max={max}
                      step="any"
                      value={form[field]}
                      aria-invalid={bad}
                      aria-describedby={bad ? `${id}-error` : undefined}
                      data-testid={id}
                      onChange={(e) => policies.getState().setRewardField(field, e.target.value)}
                    />
                    {bad ? (
                      <span id={`${id}-error`} className="field-error">
                        {t('reward.weight.invalid', { min, max })}
                      </span>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ) : (
            <p className="muted small">{t('reward.revenue.help')}</p>
          )}
          <div className="field">
            <label htmlFor="reward-note">{t('reward.note')}</label>
            <input id="reward-note" type="text" maxLength={500} value={form.note} onChange={(e) => policies.getState().setRewardField('note', e.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" data-testid="reward-save" disabled={saving}>
              {saving ? t('reward.saving') : t('reward.save')}
            </button>
            <button type="button" className="button" disabled={saving} onClick={() => policies.getState().resetReward()}>
              {t('reward.reset')}
            </button>
          </div>
        </>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {t('common.error', { message: error })}
        </p>
      ) : null}
    </form>
  );
}
