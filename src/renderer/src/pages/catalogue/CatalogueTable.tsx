import { useAppStore } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatPrice } from '../../i18n/format';
import { t } from '../../i18n/translate';

export function CatalogueTable() {
  const items = useAppStore('catalog', (s) => s.items);
  const loading = useAppStore('catalog', (s) => s.loading);
  return (
    <div className="table-scroll" aria-busy={loading}>
      <table className="data-table" data-testid="catalogue-table" aria-label={t('catalogue.title')}>
        <thead>
          <tr>
            <th scope="col">{t('catalogue.col.item')}</th>
            <th scope="col">{t('catalogue.col.title')}</th>
            <th scope="col">{t('catalogue.col.brand')}</th>
            <th scope="col">{t('catalogue.col.category')}</th>
            <th scope="col" className="num">
              {t('catalogue.col.price')}
            </th>
            <th scope="col">{t('catalogue.col.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.itemId} data-testid="catalogue-row" data-item-id={item.itemId}>
              <td className="ellipsis mono" title={item.itemId}>
                {item.itemId}
              </td>
              <td className="ellipsis wide" title={item.title}>
                {item.title}
              </td>
              <td className="ellipsis">
                <OrDash value={item.brand} />
              </td>
              <td className="ellipsis" title={item.category}>
                <OrDash value={item.category} />
              </td>
              <td className="num">
                <OrDash value={formatPrice(item.price)} />
              </td>
              <td>
                <span className={item.inStock ? 'stock stock--in' : 'stock stock--out'}>{item.inStock ? t('catalogue.inStock') : t('catalogue.outOfStock')}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && items.length === 0 ? <p className="empty">{t('catalogue.empty')}</p> : null}
    </div>
  );
}
