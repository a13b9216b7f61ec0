import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPrice } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** Searches the catalogue by title, brand or id and fills the rule's item id with the product chosen. */
export function ItemPicker({ chosen, onChoose }: { chosen: string; onChoose: (itemId: string) => void }) {
  const { itemPicker } = useAppStores();
  const text = useAppStore('itemPicker', (s) => s.text);
  const results = useAppStore('itemPicker', (s) => s.results);
  const searching = useAppStore('itemPicker', (s) => s.searching);
  const error = useAppStore('itemPicker', (s) => s.error);
  // A fresh search each time the form opens.
  useEffect(() => () => itemPicker.getState().clear(), [itemPicker]);
  return (
    <div className="field item-picker" data-testid="item-picker">
      <label htmlFor="rule-item-search">{t('rules.picker.search')}</label>
      <input id="rule-item-search" type="search" data-testid="item-picker-search" autoComplete="off" maxLength={200} value={text} onChange={(e) => itemPicker.getState().search(e.target.value)} />
      {searching ? <span className="muted small">{t('rules.picker.searching')}</span> : null}
      {error ? <ErrorNotice message={error} /> : null}
      {!searching && text.trim() !== '' && results.length === 0 && !error ? <span className="muted small">{t('rules.picker.none', { text: text.trim() })}</span> : null}
      {results.length > 0 ? (
        <ul className="item-picker-results" role="list">
          {results.map((item) => (
            <li key={item.itemId}>
              <button
                type="button"
                className={item.itemId === chosen ? 'button button--small is-selected' : 'button button--small'}
                data-testid="item-picker-result"
                data-item-id={item.itemId}
                aria-pressed={item.itemId === chosen}
                aria-label={t('rules.picker.choose', { title: item.title })}
                onClick={() => onChoose(item.itemId)}
              >
                <span>{item.title}</span>
                <span className="muted small">
                  {' '}
                  · <span className="mono">{item.itemId}</span>
                  {item.brand ? ` · ${item.brand}` : ''}
                  {formatPrice(item.price) ? ` · ${formatPrice(item.price)}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {chosen ? <span className="small" data-testid="item-picker-chosen">{t('rules.picker.chosen', { id: chosen })}</span> : null}
    </div>
  );
}
