import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';
import { EPOCHS_MAX, EPOCHS_MIN, WINDOW_DAYS_MAX, WINDOW_DAYS_MIN } from '../../stores/fineTune';
import { hasRunning } from '../../stores/jobList';

/** Starts a fine-tune of the intent model; its curves then follow in the job list. Offered while none is running. */
export function StartFineTune() {
  const { jobs: store } = useAppStores();
  const epochs = useAppStore('jobs', (s) => s.fineTuneEpochs);
  const windowDays = useAppStore('jobs', (s) => s.fineTuneWindowDays);
  const fromServing = useAppStore('jobs', (s) => s.fineTuneFromServing);
  const starting = useAppStore('jobs', (s) => s.fineTuneStarting);
  const invalid = useAppStore('jobs', (s) => s.fineTuneInvalid);
  const error = useAppStore('jobs', (s) => s.fineTuneError);
  const running = useAppStore('jobs', (s) => hasRunning(s.jobs, 'fine-tune'));
  const epochsInvalid = invalid === 'epochs';
  const windowInvalid = invalid === 'windowDays';
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
        <div className="field">
          <label htmlFor="finetune-epochs">{t('finetune.epochs')}</label>
          <input
            id="finetune-epochs"
            type="number"
            inputMode="numeric"
            min={EPOCHS_MIN}
            max={EPOCHS_MAX}
            step={1}
            required
            value={epochs}
            data-testid="finetune-epochs"
            aria-invalid={epochsInvalid}
            aria-describedby={epochsInvalid ? 'finetune-epochs-error' : 'finetune-epochs-hint'}
            onChange={(e) => store.getState().setFineTuneEpochs(e.target.value)}
          />
          {epochsInvalid ? (
            <span id="finetune-epochs-error" className="field-error" role="alert">
              {t('finetune.epochs.invalid', { min: EPOCHS_MIN, max: EPOCHS_MAX })}
            </span>
          ) : (
            <span id="finetune-epochs-hint" className="muted field-hint">
              {t('finetune.epochs.hint', { min: EPOCHS_MIN, max: EPOCHS_MAX })}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="finetune-window">{t('finetune.window')}</label>
          <input
            id="finetune-window"
            type="number"
            inputMode="numeric"
            min={WINDOW_DAYS_MIN}
            max={WINDOW_DAYS_MAX}
            step={1}
            value={windowDays}
            data-testid="finetune-window"
            aria-invalid={windowInvalid}
            aria-describedby={windowInvalid ? 'finetune-window-error' : 'finetune-window-hint'}
            onChange={(e) => store.getState().setFineTuneWindowDays(e.target.value)}
          />
          {windowInvalid ? (
            <span id="finetune-window-error" className="field-error" role="alert">
              {t('finetune.window.invalid', { min: WINDOW_DAYS_MIN, max: WINDOW_DAYS_MAX })}
            </span>
          ) : (
            <span id="finetune-window-hint" className="muted field-hint">
              {t('finetune.window.hint')}
            </span>
          )}
        </div>
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={fromServing}
            data-testid="finetune-from-serving"
            onChange={(e) => store.getState().setFineTuneFromServing(e.target.checked)}
          />
          {t('finetune.fromServing')}
        </label>
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
