import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { sameWeights } from '../../stores/fusionPreview';

/**
 * Saves the slider weights as a new version, with a note; shoppers get them from the next request. The
 * save goes through the risk dialog, which shows what the engine expects and asks for a reason when worse.
 */
export function SaveVersion() {
  const { tuning, guard } = useAppStores();
  const note = useAppStore('tuning', (s) => s.note);
  const saving = useAppStore('tuning', (s) => s.saving);
  const error = useAppStore('tuning', (s) => s.saveError);
  const can = useCan('weights.set');
  const unchanged = useAppStore('tuning', (s) => (s.sliders && s.current ? sameWeights(s.sliders, s.current.weights) : true));
  return (
    <form
      className="panel save-form"
      aria-labelledby="save-title"
      onSubmit={(e) => {
        e.preventDefault();
        const sliders = tuning.getState().sliders;
        if (!sliders || !can.allowed) return;
        void guard.getState().ask({ action: { action: 'weights.set', weights: { ...sliders } }, run: (confirm) => tuning.getState().save(confirm) });
      }}
    >
      <h2 id="save-title">{t('tuning.save.title')}</h2>
      <label className="field">
        <span>{t('tuning.save.note')}</span>
        <input type="text" value={note} maxLength={500} placeholder={t('tuning.save.notePlaceholder')} data-testid="weights-note" onChange={(e) => tuning.getState().setNote(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="save-weights" disabled={saving || unchanged || !can.allowed} title={can.reason ?? undefined}>
          {saving ? t('tuning.save.saving') : t('tuning.save.button')}
        </button>
        {!can.allowed ? <NotAllowed can={can} testId="save-weights-not-allowed" /> : unchanged ? <span className="muted small">{t('tuning.save.unchanged')}</span> : null}
      </div>
      {error ? <ErrorNotice message={error} /> : null}
    </form>
  );
}
