import { useEffect, useState } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { explorationRows, ratePercentText, windowSize } from '../../stores/explorationForm';
import { ExplorationEditor } from './ExplorationEditor';

const SLOT_NAME = /^[^\s].{0,63}$/;

/** Sets up a slot that is not listed yet (a slot name the shop's front end asks for). */
function OtherSlot() {
  const { exploration } = useAppStores();
  const [slot, setSlot] = useState('');
  const name = slot.trim();
  return (
    <form
      className="inline-field exploration-other"
      onSubmit={(e) => {
        e.preventDefault();
        if (!SLOT_NAME.test(name)) return;
        exploration.getState().edit(name);
        setSlot('');
      }}
    >
      <label htmlFor="exploration-other-slot">{t('exploration.otherSlot')}</label>
      <input id="exploration-other-slot" type="text" className="input-short" maxLength={64} value={slot} placeholder={t('exploration.otherSlot.placeholder')} onChange={(e) => setSlot(e.target.value)} />
      <button type="submit" className="button" disabled={!SLOT_NAME.test(name)}>
        {t('exploration.otherSlot.add')}
      </button>
    </form>
  );
}

/**
 * Where a merchandiser steers learning: each slot's exploration budget (off, or a share of lists whose
 * window is shuffled among the top of the ranking), what it costs and buys, and a form to change it.
 */
export function ExplorationPanel() {
  const { exploration } = useAppStores();
  const settings = useAppStore('exploration', (s) => s.settings);
  const loaded = useAppStore('exploration', (s) => s.loaded);
  const loading = useAppStore('exploration', (s) => s.loading);
  const error = useAppStore('exploration', (s) => s.error);
  const editingSlot = useAppStore('exploration', (s) => s.editing?.slot ?? null);
  const savedSlot = useAppStore('exploration', (s) => s.savedSlot);
  useEffect(() => {
    void exploration.getState().load();
  }, [exploration]);
  // A slot being set up for the first time shows as a row too.
  const rows = explorationRows(settings, editingSlot === null ? [] : [editingSlot]);
  return (
    <section className="panel exploration-panel" aria-labelledby="exploration-title" data-testid="exploration-panel">
      <div className="panel-head">
        <h2 id="exploration-title">{t('exploration.title')}</h2>
        <button type="button" className="button" disabled={loading} onClick={() => void exploration.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
      </div>
      <p className="muted" id="exploration-help">
        {t('exploration.help')}
      </p>
      <p className="sr-only" role="status">
        {savedSlot ? t('exploration.saved', { slot: savedSlot }) : ''}
      </p>
      {error ? <ErrorNotice message={error} onRetry={() => void exploration.getState().load()} /> : null}
      <div className="table-scroll" aria-busy={loading}>
        <table className="data-table exploration-table" data-testid="exploration-table" aria-describedby="exploration-help">
          <caption className="sr-only">{t('exploration.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exploration.col.slot')}</th>
              <th scope="col">{t('exploration.col.status')}</th>
              <th scope="col" className="num">
                {t('exploration.col.rate')}
              </th>
              <th scope="col">{t('exploration.col.window')}</th>
              <th scope="col" className="num">
                {t('exploration.col.pool')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('exploration.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ slot, settings: s }) => (
              <tr key={slot} data-testid="exploration-row" data-slot={slot} data-enabled={s.enabled ? 'true' : 'false'} aria-current={editingSlot === slot ? 'true' : undefined}>
                <th scope="row" className="mono">
                  {slot}
                </th>
                <td>
                  <span className={s.enabled ? 'status-chip status-chip--running' : 'status-chip'}>{s.enabled ? t('exploration.on') : t('exploration.off')}</span>
                </td>
                <td className="num">{s.enabled ? `${ratePercentText(s.rate)}%` : <span className="muted">{`${ratePercentText(s.rate)}%`}</span>}</td>
                <td className="nowrap">{t('exploration.window', { from: s.fromPosition, to: s.toPosition, size: windowSize(s) })}</td>
                <td className="num">{formatNumber(s.poolSize)}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="button button--small"
                    data-testid={`exploration-edit-${slot}`}
                    aria-label={t('exploration.edit.label', { slot })}
                    disabled={editingSlot === slot}
                    onClick={() => exploration.getState().edit(slot)}
                  >
                    {t('exploration.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loaded && !error ? <p className="muted">{t('common.loading')}</p> : null}
      </div>
      <OtherSlot />
      {editingSlot !== null ? <ExplorationEditor key={editingSlot} /> : null}
    </section>
  );
}
