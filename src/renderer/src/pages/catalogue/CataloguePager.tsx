import { useAppStore, useAppStores } from '../../app/StoresContext';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { pageRange } from '../../stores/catalogQuery';

export function CataloguePager() {
  const { catalog } = useAppStores();
  const offset = useAppStore('catalog', (s) => s.offset);
  const limit = useAppStore('catalog', (s) => s.limit);
  const total = useAppStore('catalog', (s) => s.total);
  const shown = useAppStore('catalog', (s) => s.items.length);
  const range = pageRange(offset, shown, total, limit);
  return (
    <nav className="pager" aria-label={t('catalogue.pager')}>
      <button type="button" className="button" disabled={!range.hasPrevious} onClick={() => catalog.getState().previousPage()}>
        {t('catalogue.prev')}
      </button>
      <span aria-live="polite">{t('catalogue.page', { from: formatNumber(range.from), to: formatNumber(range.to), total: formatNumber(total) })}</span>
      <button type="button" className="button" disabled={!range.hasNext} onClick={() => catalog.getState().nextPage()}>
        {t('catalogue.next')}
      </button>
    </nav>
  );
}
