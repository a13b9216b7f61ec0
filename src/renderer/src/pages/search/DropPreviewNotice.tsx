import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { DropPreview, DropSummary } from '../../stores/dropPreview';
import type { RankedItem } from '../../transport/contract';

/** While a card is dragged over another: what dropping it there would do, as the engine ranks it, before the dialog asks. */
export function DropPreviewNotice({ preview, summary, items }: { preview: DropPreview; summary: DropSummary | null; items: readonly RankedItem[] }) {
  const title = items.find((i) => i.itemId === preview.itemId)?.title ?? preview.itemId;
  let text: string;
  if (preview.error) text = t('search.drop.failed', { title, error: preview.error });
  else if (!summary) text = t('search.drop.working', { title, position: preview.position });
  else if (summary.landsAt === null) text = t('search.drop.notShown', { title, position: preview.position });
  else {
    const moves = t('search.drop.moves', { down: formatNumber(summary.down), up: formatNumber(summary.up) });
    text =
      summary.landsAt === preview.position
        ? t('search.drop.lands', { title, position: summary.landsAt, from: summary.from ?? '—', moves })
        : t('search.drop.landsElsewhere', { title, position: preview.position, landsAt: summary.landsAt, moves });
  }
  return (
    <p className="notice notice--info drop-preview" role="status" aria-live="polite" data-testid="search-drop-preview" data-lands-at={summary?.landsAt ?? ''} data-down={summary?.down ?? ''}>
      {text}
    </p>
  );
}
