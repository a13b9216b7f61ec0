import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';
import { BUDGET_MINUTES_MAX, BUDGET_MINUTES_MIN, EPOCHS_MAX, EPOCHS_MIN, FINETUNE_STARTS, WINDOW_DAYS_MAX, WINDOW_DAYS_MIN, type FineTuneStart } from '../../stores/fineTune';
import { hasRunning } from '../../stores/jobList';
import { WholeNumberField } from '../../components/WholeNumberField';

/** Starts a fine-tune of the intent model; its curves then follow in the job list. Offered while none is running. */
export function StartFineTune() {
  const { jobs: store } = useAppStores();
  const epochs = useAppStore('jobs', (s) => s.fineTuneEpochs);
  const windowDays = useAppStore('jobs', (s) => s.fineTuneWindowDays);
  const start = useAppStore('jobs', (s) => s.fineTuneStart);
  const budgetMinutes = useAppStore('jobs', (s) => s.fineTuneBudgetMinutes);
  const starting = useAppStore('jobs', (s) => s.fineTuneStarting);
  const invalid = useAppStore('jobs', (s) => s.fineTuneInvalid);
  const error = useAppStore('jobs', (s) => s.fineTuneError);
  const running = useAppStore('jobs', (s) => hasRunning(s.jobs, 'fine-tune'));
  return (
    <section className="panel" aria-labelledby="finetune-title" data-testid="finetune-panel">
      <h2 id="finetune-title">{t('finetune.title')}</h2>
      <p className="muted" id="finetune-help">
        {t('finetune.help')}
      </p>
      <form
        className="job-start finetune-form"
        aria-describedby="finetune-help"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void store.getState().startFineTune();
        }}
      >
        <WholeNumberField
          id="finetune-epochs"
          label={t('finetune.epochs')}
          hint={t('finetune.epochs.hint', { min: EPOCHS_MIN, max: EPOCHS_MAX })}
          error={t('finetune.epochs.invalid', { min: EPOCHS_MIN, max: EPOCHS_MAX })}
          invalid={invalid === 'epochs'}
          min={EPOCHS_MIN}
          max={EPOCHS_MAX}
          value={epochs}
          required
          onChange={(text) => store.getState().setFineTuneEpochs(text)}
        />
        <WholeNumberField
          id="finetune-window"
          label={t('finetune.window')}
          hint={t('finetune.window.hint')}
          error={t('finetune.window.invalid', { min: WINDOW_DAYS_MIN, max: WINDOW_DAYS_MAX })}
          invalid={invalid === 'windowDays'}
          min={WINDOW_DAYS_MIN}
          max={WINDOW_DAYS_MAX}
          value={windowDays}
          onChange={(text) => store.getState().setFineTuneWindowDays(text)}
        />
        <WholeNumberField
          id="finetune-budget"
          label={t('finetune.budget')}
          hint={t('finetune.budget.hint')}
          error={t('finetune.budget.invalid', { min: BUDGET_MINUTES_MIN, max: BUDGET_MINUTES_MAX })}
          invalid={invalid === 'budgetMinutes'}
          min={BUDGET_MINUTES_MIN}
          max={BUDGET_MINUTES_MAX}
          value={budgetMinutes}
          onChange={(text) => store.getState().setFineTuneBudgetMinutes(text)}
        />
        <div className="field">
          <label htmlFor="finetune-start">{t('finetune.startFrom')}</label>
          <select id="finetune-start" value={start} data-testid="finetune-start-from" aria-describedby="finetune-start-hint" onChange={(e) => store.getState().setFineTuneStart(e.target.value as FineTuneStart)}>
            {FINETUNE_STARTS.map((s) => (
              <option key={s} value={s}>
                {t(`finetune.startFrom.${s}`)}
              </option>
            ))}
          </select>
          <span id="finetune-start-hint" className="muted field-hint">
            {t(`finetune.startFrom.${start}.hint`)}
          </span>
        </div>
        <button type="submit" className="button button--primary" data-testid="start-finetune" disabled={starting || running}>
          {starting ? t('finetune.starting') : t('finetune.start')}
        </button>
        {running ? <span className="muted">{t('finetune.running')}</span> : null}
      </form>
      {error ? (
        <div className="notice notice--error" role="alert" data-testid="finetune-error">
          {t('finetune.error', { message: error })}
        </div>
      ) : null}
    </section>
  );
}
