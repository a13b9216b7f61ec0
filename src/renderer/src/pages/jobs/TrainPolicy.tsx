import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { WholeNumberField } from '../../components/WholeNumberField';
import { t } from '../../i18n/translate';
import { explorationRows } from '../../stores/explorationForm';
import { exploresNow } from '../../stores/explorationStore';
import { hasRunning } from '../../stores/jobList';
import { TRAIN_WINDOW_MAX, TRAIN_WINDOW_MIN } from '../../stores/rankingPolicies';
import { RewardSettings } from './RewardSettings';

/**
 * Trains a ranking policy from the logged lists and their rewards (a job; its progress follows in the
 * job list), with the reward it learns shown and editable beside it.
 */
export function TrainPolicy() {
  const { policies, jobs, exploration } = useAppStores();
  const slot = useAppStore('policies', (s) => s.trainSlot);
  const windowDays = useAppStore('policies', (s) => s.trainWindowDays);
  const invalid = useAppStore('policies', (s) => s.trainInvalid);
  const starting = useAppStore('policies', (s) => s.trainStarting);
  const error = useAppStore('policies', (s) => s.trainError);
  const running = useAppStore('jobs', (s) => hasRunning(s.jobs, 'train-policy'));
  const settings = useAppStore('exploration', (s) => s.settings);
  const explorationLoaded = useAppStore('exploration', (s) => s.loaded);
  useEffect(() => {
    void policies.getState().loadReward();
    if (!exploration.getState().loaded) void exploration.getState().load();
  }, [policies, exploration]);
  const slots = explorationRows(settings, [slot]).map((r) => r.slot);
  const explores = exploresNow(settings, slot);
  const start = async (): Promise<void> => {
    const job = await policies.getState().train();
    if (job) jobs.getState().receive(job);
  };
  return (
    <section className="panel train-policy" aria-labelledby="train-policy-title" data-testid="train-policy-panel">
      <h2 id="train-policy-title">{t('policies.train.title')}</h2>
      <p className="muted" id="train-policy-help">
        {t('policies.train.help')}
      </p>
      <div className="train-policy-grid">
        <form
          className="job-start train-policy-form"
          aria-describedby="train-policy-help"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <div className="field">
            <label htmlFor="train-policy-slot">{t('policies.train.slot')}</label>
            <select id="train-policy-slot" value={slot} data-testid="train-policy-slot" aria-describedby="train-policy-slot-hint" onChange={(e) => policies.getState().setTrainSlot(e.target.value)}>
              {slots.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <span id="train-policy-slot-hint" className={explorationLoaded && !explores ? 'field-hint notice--inline-warning' : 'muted field-hint'}>
              {!explorationLoaded ? '' : explores ? t('policies.train.slot.explores', { slot }) : t('policies.train.slot.noExploration', { slot })}
            </span>
          </div>
          <WholeNumberField
            id="train-policy-window"
            label={t('policies.train.window')}
            hint={t('policies.train.window.hint')}
            error={t('policies.train.window.invalid', { min: TRAIN_WINDOW_MIN, max: TRAIN_WINDOW_MAX })}
            invalid={invalid}
            min={TRAIN_WINDOW_MIN}
            max={TRAIN_WINDOW_MAX}
            value={windowDays}
            onChange={(text) => policies.getState().setTrainWindowDays(text)}
          />
          <button type="submit" className="button button--primary" data-testid="policy-train" disabled={starting || running}>
            {starting ? t('policies.train.starting') : t('policies.train.start')}
          </button>
          {running ? <span className="muted">{t('policies.train.running')}</span> : null}
        </form>
        <RewardSettings />
      </div>
      {error ? (
        <div className="notice notice--error" role="alert" data-testid="policy-train-error">
          {t('policies.train.error', { message: error })}
          {!explores ? (
            <>
              {' '}
              <a href="#/experiments" onClick={() => exploration.getState().edit(slot, { enable: true })}>
                {t('policies.train.turnOn', { slot })}
              </a>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
