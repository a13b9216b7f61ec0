import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';
import { hasRunning } from '../../stores/jobList';
import type { EmbeddingVariant } from '../../stores/jobsStore';

const VARIANTS: ReadonlyArray<{ value: EmbeddingVariant; label: 'jobs.start.int8' | 'jobs.start.fp32' }> = [
  { value: 'int8', label: 'jobs.start.int8' },
  { value: 'fp32', label: 'jobs.start.fp32' },
];

/** Starts the catalogue embedding job; offered only while none is running (the engine refuses a second). */
export function StartEmbedding() {
  const { jobs: store } = useAppStores();
  const variant = useAppStore('jobs', (s) => s.variant);
  const starting = useAppStore('jobs', (s) => s.starting);
  const running = useAppStore('jobs', (s) => hasRunning(s.jobs, 'embed-catalogue'));
  return (
    <section className="panel" aria-labelledby="jobs-start-title">
      <h2 id="jobs-start-title">{t('jobs.start.title')}</h2>
      <p className="muted" id="jobs-start-help">
        {t('jobs.start.help')}
      </p>
      <form
        className="job-start"
        aria-describedby="jobs-start-help"
        onSubmit={(e) => {
          e.preventDefault();
          void store.getState().startEmbedding();
        }}
      >
        <fieldset>
          <legend>{t('jobs.start.variant')}</legend>
          {VARIANTS.map((v) => (
            <label key={v.value} className="radio">
              <input type="radio" name="embedding-variant" value={v.value} checked={variant === v.value} onChange={() => store.getState().setVariant(v.value)} />
              {t(v.label)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" data-testid="start-embedding" disabled={starting || running}>
          {starting ? t('jobs.start.starting') : t('jobs.start.button')}
        </button>
        {running ? <span className="muted">{t('jobs.start.running')}</span> : null}
      </form>
    </section>
  );
}
