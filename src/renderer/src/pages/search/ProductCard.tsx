import { useState } from 'react';
import { CHANNELS, type RankedItem, type SearchResult } from '../../transport/contract';
import { ExplanationBar } from '../../components/ExplanationBar';
import { channelLabel } from '../../components/channelLabels';
import { formatDecimal, formatMoney } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { productReasons } from './productReasons';

interface ProductCardProps {
  item: RankedItem;
  card: NonNullable<SearchResult['products']>[string] | undefined;
  query: string;
  rewrite: SearchResult['rewrite'];
  scale: number;
  /** The list was ranked without the shopper's history (anonymous or new). */
  coldStart: boolean;
}

/** One result as a shopper sees it (image, title, brand, price, stock), its reasons in words and the numbers behind them. */
export function ProductCard({ item, card, query, rewrite, scale, coldStart }: ProductCardProps) {
  // An image the network or the console's content policy refuses falls back to the placeholder.
  const [imageFailed, setImageFailed] = useState(false);
  return (
    <li className="product-card" data-testid="product-card" data-item-id={item.itemId}>
      {card?.imageUrl && !imageFailed ? (
        <img className="product-image" src={card.imageUrl} alt="" loading="lazy" onError={() => setImageFailed(true)} />
      ) : (
        <div className="product-image" aria-hidden="true">
          {t('search.card.noImage')}
        </div>
      )}
      <div className="product-title">{item.title}</div>
      <div className="product-meta">
        <span className="muted">{item.brand ?? ''}</span>
        <span>{item.price !== undefined ? formatMoney(item.price) : t('search.card.noPrice')}</span>
      </div>
      <div className={card?.inStock === false ? 'muted' : ''}>{card?.inStock === false ? t('search.card.outOfStock') : t('search.card.inStock')}</div>
      <ul className="product-reasons" data-testid="product-reasons">
        {productReasons(item, query, rewrite, coldStart).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <details className="product-numbers">
        <summary>{t('search.card.numbers')}</summary>
        <ExplanationBar contributions={item.contributions} score={item.score} scale={scale} rules={item.rules} />
        <dl>
          {CHANNELS.filter((c) => item.contributions[c] !== 0).map((c) => (
            <div key={c} style={{ display: 'contents' }}>
              <dt>{channelLabel(c)}</dt>
              <dd>{formatDecimal(item.contributions[c])}</dd>
            </div>
          ))}
          <dt>{t('search.card.score')}</dt>
          <dd>{formatDecimal(item.score)}</dd>
        </dl>
      </details>
    </li>
  );
}
