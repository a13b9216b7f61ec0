import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatPrice } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { itemLines } from '../../stores/collectionForm';

export function CatalogueTable() {
  const items = useAppStore('catalog', (s) => s.items);
  const loading = useAppStore('catalog', (s) => s.loading);
  const { collections } = useAppStores();
  // While a collection is edited, each row can be put in it or taken out.
  const members = useAppStore('collections', (s) => (s.form ? s.form.itemsText : null));
  const inCollection = members === null ? null : new Set(itemLines(members).itemIds);
  return (
    <div className="table-scroll" aria-busy={loading}>
      <table className="data-table" data-testid="catalogue-table" aria-label={t('catalogue.title')}>
        <thead>
          <tr>
            {inCollection ? <th scope="col">{t('collections.inCollection')}</th> : null}
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
              {inCollection ? (
                <td>
                  <input
                    type="checkbox"
                    data-testid="catalogue-in-collection"
                    aria-label={t('collections.inCollection.label', { id: item.itemId })}
                    checked={inCollection.has(item.itemId)}
                    onChange={(e) => collections.getState().toggleItem(item.itemId, e.target.checked)}
                  />
                </td>
              ) : null}
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
