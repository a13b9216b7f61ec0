import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';

/** Text and category filters. The category box suggests categories seen so far (the contract has no category list yet). */
export function CatalogueFilters() {
  const { catalog } = useAppStores();
  const text = useAppStore('catalog', (s) => s.text);
  const category = useAppStore('catalog', (s) => s.category);
  const known = useAppStore('catalog', (s) => s.knownCategories);
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>{t('catalogue.filter.text')}</span>
        <input type="search" value={text} placeholder={t('catalogue.filter.textPlaceholder')} maxLength={200} onChange={(e) => catalog.getState().setText(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('catalogue.filter.category')}</span>
        <input type="search" list="catalogue-categories" value={category} placeholder={t('catalogue.filter.categoryPlaceholder')} onChange={(e) => catalog.getState().setCategory(e.target.value)} />
        <datalist id="catalogue-categories">
          {known.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <button type="button" className="button" disabled={!text && !category} onClick={() => catalog.getState().clearFilters()}>
        {t('catalogue.filter.clear')}
      </button>
    </form>
  );
}
