import { useMemo } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExplanationBar } from '../../components/ExplanationBar';
import { formatDecimal } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { contributionScale, rescoreList } from '../../stores/fusionPreview';
import { listWeightsOf, PREVIEW_SHOWN } from '../../stores/tuningStore';

function movement(enginePosition: number, now: number): string | null {
  if (enginePosition > PREVIEW_SHOWN) return t('tuning.preview.moved.new');
  if (enginePosition > now) return t('tuning.preview.moved.up', { n: enginePosition - now });
  if (enginePosition < now) return t('tuning.preview.moved.down', { n: now - enginePosition });
  return null;
}

/** The shopper's list re-ranked in the renderer with the slider weights, on every slider move. */
export function PreviewList() {
  const { tuning } = useAppStores();
  const list = useAppStore('tuning', (s) => s.list);
  const sliders = useAppStore('tuning', (s) => s.sliders);
  const listWeights = useAppStore('tuning', listWeightsOf);
  const shoppers = useAppStore('tuning', (s) => s.shoppers);
  const shopperId = useAppStore('tuning', (s) => s.shopperId);
  const loading = useAppStore('tuning', (s) => s.listLoading);
  const error = useAppStore('tuning', (s) => s.listError);
  const preview = useMemo(() => (list && listWeights && sliders ? rescoreList(list.items, listWeights, sliders).slice(0, PREVIEW_SHOWN) : []), [list, listWeights, sliders]);
  const scale = contributionScale(preview);
  return (
    <section className="panel preview-panel" aria-labelledby="preview-title">
      <div className="panel-head">
        <h2 id="preview-title">{t('tuning.preview.title', { shopper: shopperId ?? '' })}</h2>
        <label className="inline-field">
          <span>{t('tuning.shopper')}</span>
          <select data-testid="tuning-shopper" value={shopperId ?? ''} onChange={(e) => void tuning.getState().setShopper(e.target.value)}>
            {shoppers.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('tuning.preview.note')}</p>
      {error ? <ErrorNotice message={error} onRetry={() => shopperId && void tuning.getState().setShopper(shopperId)} /> : null}
      {loading && !list ? <p className="muted">{t('common.loading')}</p> : null}
      {!shopperId ? <p className="empty">{t('tuning.preview.empty')}</p> : null}
      <ol className="ranked-list" data-testid="preview-list" aria-busy={loading}>
        {preview.map((p, index) => {
          const moved = movement(p.enginePosition, index + 1);
          return (
            <li key={p.item.itemId} className="ranked-item" data-testid="preview-item" data-item-id={p.item.itemId}>
              <span className="ranked-pos">{t('rec.position', { position: index + 1 })}</span>
              <div className="ranked-body">
                <div className="ranked-title">
                  <span className="ellipsis" title={p.item.title}>
                    {p.item.title}
                  </span>
                  {p.pinned ? <span className="rule-chip rule-chip--pin">{t('tuning.preview.pinned')}</span> : null}
                  {moved ? <span className={`moved ${p.enginePosition > index + 1 ? 'moved--up' : 'moved--down'}`}>{moved}</span> : null}
                  <span className="muted ranked-score">{t('rec.score', { score: formatDecimal(p.score) })}</span>
                </div>
                <ExplanationBar contributions={p.contributions} score={p.score} scale={scale} rules={p.item.rules} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
