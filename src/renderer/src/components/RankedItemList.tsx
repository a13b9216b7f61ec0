import type { RankedItem } from '../transport/contract';
import { formatDecimal } from '../i18n/format';
import { t } from '../i18n/translate';
import { contributionScale } from '../stores/fusionPreview';
import { ExplanationBar } from './ExplanationBar';

interface RankedItemListProps {
  items: readonly RankedItem[];
  testId?: string;
  itemTestId?: string;
  label: string;
}

/** A ranked list with each item's explanation: position, title, score and the stacked contributions. */
export function RankedItemList({ items, testId, itemTestId = 'ranked-item', label }: RankedItemListProps) {
  if (items.length === 0) return <p className="empty">{t('rec.empty')}</p>;
  const scale = contributionScale(items);
  return (
    <ol className="ranked-list" data-testid={testId} aria-label={label}>
      {items.map((item) => (
        <li key={item.itemId} className="ranked-item" data-testid={itemTestId} data-item-id={item.itemId}>
          <span className="ranked-pos">{t('rec.position', { position: item.position })}</span>
          <div className="ranked-body">
            <div className="ranked-title">
              <span className="ellipsis" title={item.title}>
                {item.title}
              </span>
              <span className="muted ranked-score">{t('rec.score', { score: formatDecimal(item.score) })}</span>
            </div>
            <ExplanationBar contributions={item.contributions} score={item.score} scale={scale} rules={item.rules} />
          </div>
        </li>
      ))}
    </ol>
  );
}
