import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { contributionScale } from '../../stores/fusionPreview';
import { SEARCH_SORTS, SearchSort } from '../../transport/contract';
import { ProductCard } from './ProductCard';
import { SearchFacetsPanel } from './SearchFacetsPanel';
import { SynonymsPanel } from './SynonymsPanel';

/** Type-ahead asks the engine after this pause, not on every keystroke. */
const SUGGEST_PAUSE_MS = 150;

export function SearchPage() {
  const { search } = useAppStores();
  const query = useAppStore('search', (s) => s.query);
  const shopperId = useAppStore('search', (s) => s.shopperId);
  const sort = useAppStore('search', (s) => s.sort);
  const suggestions = useAppStore('search', (s) => s.suggestions);
  const shoppers = useAppStore('search', (s) => s.shoppers);
  const result = useAppStore('search', (s) => s.result);
  const searched = useAppStore('search', (s) => s.searched);
  const loading = useAppStore('search', (s) => s.loading);
  const error = useAppStore('search', (s) => s.error);

  useEffect(() => void search.getState().loadShoppers(), [search]);
  useEffect(() => {
    const timer = setTimeout(() => void search.getState().suggest(), SUGGEST_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search, query]);

  const scale = result ? contributionScale(result.items) : 1;
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
        <label className="search-query">
          {t('search.query')}
          <input type="search" list="search-suggestions" value={query} placeholder={t('search.queryPlaceholder')} onChange={(e) => search.getState().setQuery(e.target.value)} data-testid="search-query" />
          <datalist id="search-suggestions" data-testid="search-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="search-shopper">
          {t('search.shopper')}
          <input list="search-shoppers" value={shopperId} placeholder={t('search.shopperPlaceholder')} onChange={(e) => search.getState().setShopper(e.target.value)} />
          <datalist id="search-shoppers">
            {shoppers.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
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
            {result.items.length === 0 ? (
              <p className="empty">{t('search.none')}</p>
            ) : (
              <ol className="product-grid" aria-label={t('search.results')}>
                {result.items.map((item) => (
                  <ProductCard key={item.itemId} item={item} card={result.products?.[item.itemId]} query={searched} rewrite={result.rewrite} scale={scale} coldStart={result.coldStart} />
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
