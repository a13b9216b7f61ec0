import { useAppStore, useAppStores } from '../../app/StoresContext';
import { BeforeAfterView } from '../../components/BeforeAfterView';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ruleKindLabel } from '../../components/channelLabels';
import { formatDecimal, formatSigned } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { collectionLabel } from './ruleLabels';

/** One array for "none": a selector that made a new one on every call would re-render without end. */
const NO_COLLECTIONS: readonly { collectionId: string; name: string }[] = [];

/** A live list for one shopper and slot, showing on which items which rules fired. */
export function RulePreview() {
  const { rules } = useAppStores();
  const shoppers = useAppStore('rules', (s) => s.shoppers);
  const shopper = useAppStore('rules', (s) => s.previewShopper);
  const slot = useAppStore('rules', (s) => s.previewSlot);
  const preview = useAppStore('rules', (s) => s.preview);
  const loading = useAppStore('rules', (s) => s.previewLoading);
  const error = useAppStore('rules', (s) => s.previewError);
  const known = useAppStore('rules', (s) => s.rules);
  const query = useAppStore('rules', (s) => s.previewQuery);
  const segments = useAppStore('rules', (s) => s.previewSegments);
  const collection = useAppStore('rules', (s) => s.previewCollection);
  const collections = useAppStore('rules', (s) => s.options?.collections) ?? NO_COLLECTIONS;
  const beforeAfter = useAppStore('rules', (s) => s.beforeAfter);
  const draft = useAppStore('rules', (s) => s.draftPreviewed);
  // The form changed after its draft was previewed: the before/after shows the earlier rule.
  const stale = useAppStore('rules', (s) => s.draftPreviewed && s.form !== s.draftPreviewOf);
  const touched = preview ? preview.items.filter((i) => i.rules.length > 0).length : 0;
  return (
    <section className="panel rule-preview" data-testid="rule-preview" aria-labelledby="rule-preview-title">
      <h2 id="rule-preview-title">{t('rules.preview.title')}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void rules.getState().loadPreview();
        }}
      >
        <label className="inline-field">
          <span>{t('rules.preview.shopper')}</span>
          <select value={shopper ?? ''} onChange={(e) => void rules.getState().setPreviewShopper(e.target.value)}>
            {shoppers.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('rules.preview.slot')}</span>
          <input type="text" className="input-short" value={slot} onChange={(e) => rules.getState().setPreviewSlot(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>{t('rules.preview.query')}</span>
          <input type="search" className="input-short" value={query} onChange={(e) => rules.getState().setPreviewQuery(e.target.value)} data-testid="rule-preview-query" aria-describedby="rule-preview-query-hint" />
        </label>
        <label className="inline-field" title={t('rules.preview.segmentsHint')}>
          <span>{t('rules.preview.segments')}</span>
          <input type="text" className="input-short" value={segments} placeholder={t('search.segmentsPlaceholder')} onChange={(e) => rules.getState().setPreviewSegments(e.target.value)} data-testid="rule-preview-segments" />
        </label>
        {collections.length > 0 || collection ? (
          <label className="inline-field" title={t('rules.preview.collectionHint')}>
            <span>{t('rules.preview.collection')}</span>
            <select value={collection} onChange={(e) => rules.getState().setPreviewCollection(e.target.value)} data-testid="rule-preview-collection">
              <option value="">{t('rules.preview.collection.none')}</option>
              {collections.map((c) => (
                <option key={c.collectionId} value={c.collectionId}>
                  {collectionLabel(c.collectionId, collections)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="button" disabled={loading} data-testid="rule-preview-run">
          {loading ? t('common.loading') : t('rules.preview.run')}
        </button>
      </form>
      <p id="rule-preview-query-hint" className="muted small">
        {t('rules.preview.queryHint')}
      </p>
      {error ? <ErrorNotice message={error} /> : null}
      {preview ? (
        <>
          <p className="muted small" role="status">
            {t('rules.preview.fired', { count: touched, total: preview.items.length })}
          </p>
          <ol className="preview-rules">
            {preview.items.map((item) => (
              <li key={item.itemId} data-testid="rule-preview-item" data-item-id={item.itemId} className={item.rules.length > 0 ? 'has-rules' : undefined}>
                <span className="ranked-pos">{t('rec.position', { position: item.position })}</span>
                <span className="ellipsis preview-title" title={`${item.itemId} · ${item.brand ?? ''} · ${item.category ?? ''}`}>
                  {item.title}
                </span>
                <span className="muted small">{formatDecimal(item.score)}</span>
                <span className="preview-chips">
                  {item.rules.map((r) => {
                    const rule = known.find((k) => k.ruleId === r.ruleId);
                    return (
                      <span key={r.ruleId} className={`rule-chip rule-chip--${r.kind}`} title={rule?.note || r.note || r.ruleId}>
                        {ruleKindLabel(r.kind)}
                        {r.kind === 'pin' ? '' : ` ${formatSigned(r.effect)}`}
                      </span>
                    );
                  })}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {beforeAfter ? (
        <div data-testid={draft ? 'rule-draft-preview' : 'rule-stored-preview'}>
          <h3>{draft ? t('rules.draft.title') : t('rules.preview.beforeAfter')}</h3>
          {stale ? (
            <p className="notice notice--warning" role="status" data-testid="rule-draft-stale">
              {t('rules.draft.stale')}
            </p>
          ) : null}
          <BeforeAfterView result={beforeAfter} caption={beforeAfter.query ? `“${beforeAfter.query}”` : beforeAfter.slot} draft={draft} />
        </div>
      ) : null}
    </section>
  );
}
