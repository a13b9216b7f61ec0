import { useAppStore, useAppStores } from '../../app/StoresContext';
import { formatMoney, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { FacetCount } from '../../transport/contract';
import { isSelectedIn, type FacetKind } from '../../stores/searchStore';

/** Facet checkboxes with counts over the matched items; ticking one searches again. */
export function SearchFacetsPanel() {
  const { search } = useAppStores();
  const facets = useAppStore('search', (s) => s.result?.facets);
  const selection = useAppStore('search', (s) => s.selection);
  if (!facets) return null;
  const toggle = (kind: FacetKind, value: Parameters<typeof isSelectedIn>[2]): void => {
    search.getState().toggleFacet(kind, value);
    void search.getState().run();
  };
  const group = (legend: string, kind: FacetKind, values: readonly FacetCount[]) =>
    values.length === 0 ? null : (
      <fieldset key={`${kind}`}>
        <legend>{legend}</legend>
        {values.map((v) => (
          <label key={v.value}>
            <input type="checkbox" checked={isSelectedIn(selection, kind, v.value)} onChange={() => toggle(kind, v.value)} />
            {t('search.facet.value', { value: v.value, count: formatNumber(v.count) })}
          </label>
        ))}
      </fieldset>
    );
  return (
    <aside className="search-facets panel" aria-label={t('search.facets')} data-testid="search-facets">
      <h2>{t('search.facets')}</h2>
      {group(t('search.facet.brand'), 'brands', facets.brands)}
      {facets.categories.map((c) => group(t('search.facet.category', { level: c.level + 1 }), 'categories', c.values))}
      <fieldset>
        <legend>{t('search.facet.price')}</legend>
        {facets.priceRanges
          .filter((r) => r.count > 0 || isSelectedIn(selection, 'priceRanges', { min: r.min, max: r.max }))
          .map((r) => (
            <label key={r.min}>
              <input type="checkbox" checked={isSelectedIn(selection, 'priceRanges', { min: r.min, max: r.max })} onChange={() => toggle('priceRanges', { min: r.min, max: r.max })} />
              {t('search.facet.value', {
                value: r.max === null ? t('search.facet.priceFrom', { min: formatMoney(r.min) }) : t('search.facet.priceRange', { min: formatMoney(r.min), max: formatMoney(r.max) }),
                count: formatNumber(r.count),
              })}
            </label>
          ))}
      </fieldset>
      <p className="muted">{t('search.facet.stock', { inStock: formatNumber(facets.inStock.inStock), outOfStock: formatNumber(facets.inStock.outOfStock) })}</p>
      {facets.attributes.map((a) => group(a.name, `attr:${a.name}`, a.values))}
    </aside>
  );
}
