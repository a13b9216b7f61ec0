import { useEffect, useRef, useState } from 'react';
import { CHANNELS, type RankedItem, type SearchResult } from '../../transport/contract';
import { ExplanationBar } from '../../components/ExplanationBar';
import { channelLabel } from '../../components/channelLabels';
import { formatDecimal, formatMoney } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { CardAction } from '../../stores/cardRules';
import { productReasons } from './productReasons';

/** The drag payload type of a product card (its item id). */
export const CARD_DRAG_TYPE = 'application/x-instinct-item';

interface ProductCardProps {
  item: RankedItem;
  card: NonNullable<SearchResult['products']>[string] | undefined;
  query: string;
  rewrite: SearchResult['rewrite'];
  scale: number;
  /** The list was ranked without the shopper's history (anonymous or new). */
  coldStart: boolean;
  /** How many results are shown: the positions a card can be pinned at. */
  count: number;
  /** A merchandising button was used on this card (absent: no buttons, e.g. for a viewer). */
  onAction?: (action: CardAction) => void;
  /** Dragging this card onto others, and others onto it, pins (absent: not draggable, e.g. for a viewer). */
  drag?: CardDrag;
  /** The position form is open with this position (null: closed): the page previews the pin. */
  onPinPreview?: (position: number | null) => void;
  /** While a card is dragged over another: where this one would be after the drop (null: out of the list); absent: no preview. */
  previewPosition?: number | null;
  busy?: boolean;
}

/** The page's side of dragging cards: a drag started or ended, a dragged card is over a position, a card was dropped. */
export interface CardDrag {
  start(itemId: string): void;
  end(): void;
  over(position: number): void;
  /** Another card was dropped on this one: pin that item at this card's position. */
  drop(itemId: string, position: number): void;
}

function CardActions({ item, count, onAction, onPinPreview, busy }: { item: RankedItem; count: number; onAction: (action: CardAction) => void; onPinPreview?: (position: number | null) => void; busy: boolean }) {
  const [pinning, setPinning] = useState(false);
  const [position, setPosition] = useState('1');
  const parsed = Number(position);
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= Math.max(1, count);
  // While the position form is open, the page shows what pinning here would do (as a drag does); closing it clears that.
  const previewing = useRef(false);
  useEffect(() => {
    const at = pinning && valid ? parsed : null;
    if (!onPinPreview || (at === null && !previewing.current)) return;
    previewing.current = at !== null;
    onPinPreview(at);
  }, [pinning, valid, parsed, onPinPreview]);
  return (
    <div className="card-actions" data-testid="card-actions">
      {pinning ? (
        <form
          className="card-pin-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!valid) return;
            setPinning(false);
            onAction({ kind: 'pin', position: parsed });
          }}
        >
          <label>
            <span>{t('search.card.pinPosition')}</span>
            <input type="number" className="input-tiny" min={1} max={Math.max(1, count)} step={1} value={position} onChange={(e) => setPosition(e.target.value)} data-testid="card-pin-position" autoFocus />
          </label>
          <button type="submit" className="button button--small" disabled={!valid || busy} data-testid="card-pin-confirm">
            {t('search.card.pin')}
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => setPinning(false)}>
            {t('search.card.cancel')}
          </button>
        </form>
      ) : (
        <>
          <button type="button" className="button button--small" disabled={busy} onClick={() => setPinning(true)} data-testid="card-pin">
            {t('search.card.pinAt')}
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => onAction({ kind: 'buryItem' })} data-testid="card-bury">
            {t('search.card.bury')}
          </button>
          {item.brand ? (
            <button type="button" className="button button--small" disabled={busy} onClick={() => onAction({ kind: 'buryBrand' })} data-testid="card-bury-brand" title={item.brand}>
              {t('search.card.buryBrand')}
            </button>
          ) : null}
          <button type="button" className="button button--small" disabled={busy} onClick={() => onAction({ kind: 'hide' })} data-testid="card-hide">
            {t('search.card.hide')}
          </button>
        </>
      )}
    </div>
  );
}

/** One result as a shopper sees it (image, title, brand, price, stock), its reasons in words and the numbers behind them. */
export function ProductCard({ item, card, query, rewrite, scale, coldStart, count, onAction, onPinPreview, drag, previewPosition, busy = false }: ProductCardProps) {
  // An image the network or the console's content policy refuses falls back to the placeholder.
  const [imageFailed, setImageFailed] = useState(false);
  const [dropping, setDropping] = useState(false);
  const droppable = drag !== undefined;
  const moves = previewPosition !== undefined && previewPosition !== item.position;
  return (
    <li
      className={`product-card${dropping ? ' product-card--drop' : ''}`}
      data-testid="product-card"
      data-item-id={item.itemId}
      data-position={item.position}
      draggable={droppable && !busy}
      onDragStart={(e) => {
        e.dataTransfer.setData(CARD_DRAG_TYPE, item.itemId);
        e.dataTransfer.setData('text/plain', item.itemId);
        e.dataTransfer.effectAllowed = 'move';
        drag?.start(item.itemId);
      }}
      onDragEnd={() => drag?.end()}
      onDragOver={(e) => {
        if (!drag) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDropping(true);
        drag.over(item.position);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        if (!drag) return;
        e.preventDefault();
        const dragged = e.dataTransfer.getData(CARD_DRAG_TYPE) || e.dataTransfer.getData('text/plain');
        drag.end();
        if (dragged && dragged !== item.itemId) drag.drop(dragged, item.position);
      }}
    >
      <div className="product-position" aria-label={t('search.card.position', { position: item.position })} title={droppable ? t('search.card.dropHere', { position: item.position }) : undefined}>
        #{item.position}
        {moves ? (
          <span className="product-position-next" data-testid="card-preview-position" data-position={previewPosition ?? ''}>
            {previewPosition === null ? t('search.drop.out') : t('search.drop.to', { position: previewPosition })}
          </span>
        ) : null}
      </div>
      {card?.imageUrl && !imageFailed ? (
        <img className="product-image" src={card.imageUrl} alt="" loading="lazy" onError={() => setImageFailed(true)} data-testid="product-image" />
      ) : card?.imageUrl ? (
        // Not loaded: the host is not allowed (Settings, "Product images") or did not answer.
        <div className="product-image" title={t('search.card.imageFailedHint')} data-testid="product-image-failed">
          {t('search.card.imageFailed')}
        </div>
      ) : (
        <div className="product-image" aria-hidden="true">
          {t('search.card.noImage')}
        </div>
      )}
      <div className="product-title">{item.title}</div>
      <div className="product-meta">
        <span className="muted">{item.brand ?? ''}</span>
        <span data-testid="product-price" data-price={item.price ?? ''}>
          {item.price !== undefined ? formatMoney(item.price) : t('search.card.noPrice')}
        </span>
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
      {onAction ? <CardActions item={item} count={count} onAction={onAction} busy={busy} {...(onPinPreview ? { onPinPreview } : {})} /> : null}
    </li>
  );
}
