import { useEffect, useRef, useState } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { BeforeAfterView } from '../../components/BeforeAfterView';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { contributionScale } from '../../stores/fusionPreview';
import { SEARCH_SORTS, SearchSort, type RankedItem } from '../../transport/contract';
import { cardRule, cardScope, type CardAction } from '../../stores/cardRules';
import { ProductCard, type CardDrag } from './ProductCard';
import { DropPreviewNotice } from './DropPreviewNotice';
import { dropSummary } from '../../stores/dropPreview';
import { SearchFacetsPanel } from './SearchFacetsPanel';
import { SearchQueryBox } from './SearchQueryBox';
import { SynonymsPanel } from './SynonymsPanel';

/** Type-ahead asks the engine after this pause, not on every keystroke. */
const SUGGEST_PAUSE_MS = 150;

const ACTION_LABEL: Record<CardAction['kind'], 'search.card.pinAt' | 'search.card.bury' | 'search.card.buryBrand' | 'search.card.hide'> = {
  pin: 'search.card.pinAt',
  buryItem: 'search.card.bury',
  buryBrand: 'search.card.buryBrand',
  hide: 'search.card.hide',
};

export function SearchPage() {
  const { search, guard, rules } = useAppStores();
  const can = useCan('rules.create');
  const effect = useAppStore('search', (s) => s.effect);
  const effectLoading = useAppStore('search', (s) => s.effectLoading);
  const lastRule = useAppStore('search', (s) => s.lastRule);
  const undone = useAppStore('search', (s) => s.undone);
  const undoing = useAppStore('search', (s) => s.undoing);
  const ruleError = useAppStore('search', (s) => s.ruleError);
  const creatingRule = useAppStore('search', (s) => s.creatingRule);
  const selection = useAppStore('search', (s) => s.selection);
  const query = useAppStore('search', (s) => s.query);
  const shopperId = useAppStore('search', (s) => s.shopperId);
  const segments = useAppStore('search', (s) => s.segments);
  const sort = useAppStore('search', (s) => s.sort);
  const shoppers = useAppStore('search', (s) => s.shoppers);
  const result = useAppStore('search', (s) => s.result);
  const searched = useAppStore('search', (s) => s.searched);
  const loading = useAppStore('search', (s) => s.loading);
  const error = useAppStore('search', (s) => s.error);
  const dropPreview = useAppStore('search', (s) => s.dropPreview);
  /** The card being dragged (the drag payload cannot be read until the drop). */
  const [dragged, setDragged] = useState<string | null>(null);
  const pinPreviews = useRef<Record<string, (position: number | null) => void>>({});

  useEffect(() => void search.getState().loadShoppers(), [search]);
  useEffect(() => {
    const timer = setTimeout(() => void search.getState().suggest(), SUGGEST_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search, query, shopperId]);

  const scale = result ? contributionScale(result.items) : 1;
  const scope = result ? cardScope(searched, selection) : null;
  /** A card's rule goes through the risk dialog; once saved the results are searched again and its before/after shown. */
  const act = (item: RankedItem, action: CardAction) => {
    const input = cardRule(action, item, search.getState().scope());
    if (!input) return;
    void guard.getState().ask({
      action: { action: 'rules.save', rule: { ...input } },
      subject: t('search.rules.subject', { action: t(ACTION_LABEL[action.kind]), title: action.kind === 'buryBrand' ? (item.brand ?? item.title) : item.title }),
      run: async (confirm) => {
        const saved = await search.getState().createRule(input, confirm);
        // The Rules page previews the same search next time it is opened.
        if (saved && input.query) rules.getState().setPreviewQuery(input.query.text);
      },
    });
  };
  const drag: CardDrag = {
    start: setDragged,
    end: () => {
      setDragged(null);
      search.getState().clearDropPreview();
    },
    over: (position) => {
      if (!dragged) return;
      // Over its own card: nothing would change.
      if (result?.items.find((i) => i.position === position)?.itemId === dragged) search.getState().clearDropPreview();
      else void search.getState().previewDrop(dragged, position);
    },
    drop: (itemId, position) => {
      const item = result?.items.find((i) => i.itemId === itemId);
      if (item) act(item, { kind: 'pin', position });
    },
  };
  const summary = dropPreview?.effect ? dropSummary(dropPreview.effect, dropPreview.itemId) : null;
  /** The keyboard way to pin (the position form) previews as a drag does; one callback per item, so the form's effect runs on changes only. */
  const pinPreviewOf = (itemId: string) => (pinPreviews.current[itemId] ??= (position: number | null) => (position === null ? search.getState().clearDropPreview() : void search.getState().previewDrop(itemId, position)));
  return (
    <div className="page page--search">
      <h1 tabIndex={-1}>{t('search.title')}</h1>
      <form
        className="search-bar panel"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search.getState().run();
        }}
      >
        <SearchQueryBox />
        <label className="search-shopper">
          {t('search.shopper')}
          <input list="search-shoppers" value={shopperId} placeholder={t('search.shopperPlaceholder')} onChange={(e) => search.getState().setShopper(e.target.value)} />
          <datalist id="search-shoppers">
            {shoppers.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="search-segments" title={t('search.segmentsHint')}>
          {t('search.segments')}
          <input value={segments} placeholder={t('search.segmentsPlaceholder')} onChange={(e) => search.getState().setSegments(e.target.value)} data-testid="search-segments" />
        </label>
        <label>
          {t('search.sort')}
          <select
            value={sort}
            onChange={(e) => {
              search.getState().setSort(SearchSort.parse(e.target.value));
              void search.getState().run();
            }}
          >
            {SEARCH_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={loading || query.trim() === ''}>
          {loading ? t('common.loading') : t('search.submit')}
        </button>
      </form>
      {error ? <ErrorNotice message={error} onRetry={() => void search.getState().run()} /> : null}
      {result ? (
        <div className="search-layout">
          <SearchFacetsPanel />
          <section className="panel" aria-labelledby="search-results-title" data-testid="search-results">
            <h2 id="search-results-title">{t('search.results')}</h2>
            <p className="muted">{t('search.resultsMeta', { count: formatNumber(result.items.length), matched: formatNumber(result.facets?.matched ?? result.items.length), ms: formatNumber(Math.round(result.tookMs)) })}</p>
            {(result.rewrite?.corrections ?? []).map((c) => (
              <p key={c.typed} data-testid="search-correction">
                {t('search.corrected', { typed: c.typed, corrected: c.corrected.join(', ') })}
              </p>
            ))}
            {(result.rewrite?.synonyms ?? []).map((s) => (
              <p key={s.typed} className="muted">
                {t('search.synonymsUsed', { typed: s.typed, synonyms: s.synonyms.join(', ') })}
              </p>
            ))}
            {scope ? (
              <p className="muted small" data-testid="search-rule-scope">
                {scope.type === 'query' ? t('search.rules.scopeQuery', { query: scope.query }) : t('search.rules.scopeCategory', { category: scope.category })}
                {can.allowed ? ` ${t('search.card.dragHint')}.` : ''}{' '}
                <button type="button" className="button button--small" disabled={effectLoading} onClick={() => void search.getState().loadEffect()} data-testid="search-rules-effect">
                  {t('search.rules.allEffect')}
                </button>
              </p>
            ) : null}
            {ruleError ? <ErrorNotice message={ruleError} /> : null}
            {undone ? (
              <p className="notice notice--info" role="status" data-testid="search-rule-undone" data-rule-id={undone.ruleId}>
                {t('search.rules.undone', { ruleId: undone.ruleId })}
              </p>
            ) : null}
            {effect ? (
              <section className="panel panel--inset" aria-labelledby="search-effect-title" data-testid="search-rule-effect">
                <div className="page-head">
                  <h3 id="search-effect-title">{lastRule && effect.ruleIds.length === 1 && effect.ruleIds[0] === lastRule.ruleId ? t('search.rules.effect', { ruleId: lastRule.ruleId }) : t('search.rules.effectAll')}</h3>
                  <span className="card-actions">
                    {lastRule && effect.ruleIds.length === 1 && effect.ruleIds[0] === lastRule.ruleId ? (
                      <button type="button" className="button button--small" disabled={undoing || !can.allowed} title={can.reason ?? undefined} onClick={() => void search.getState().undoLastRule()} data-testid="search-rule-undo">
                        {t('search.rules.undo')}
                      </button>
                    ) : null}
                    <button type="button" className="button button--small" onClick={() => search.getState().clearEffect()}>
                      {t('search.rules.close')}
                    </button>
                  </span>
                </div>
                <BeforeAfterView result={effect} />
              </section>
            ) : null}
            {dropPreview && result ? <DropPreviewNotice preview={dropPreview} summary={summary} items={result.items} /> : null}
            {result.items.length === 0 ? (
              <p className="empty">{t('search.none')}</p>
            ) : (
              <ol className="product-grid" aria-label={t('search.results')}>
                {result.items.map((item) => (
                  <ProductCard
                    key={item.itemId}
                    item={item}
                    card={result.products?.[item.itemId]}
                    query={searched}
                    rewrite={result.rewrite}
                    scale={scale}
                    coldStart={result.coldStart}
                    count={result.items.length}
                    busy={creatingRule}
                    {...(summary ? { previewPosition: summary.positions.get(item.itemId) ?? null } : {})}
                    {...(can.allowed ? { onAction: (action: CardAction) => act(item, action), onPinPreview: pinPreviewOf(item.itemId), drag } : {})}
                  />
                ))}
              </ol>
            )}
          </section>
        </div>
      ) : null}
      <SynonymsPanel />
    </div>
  );
}
