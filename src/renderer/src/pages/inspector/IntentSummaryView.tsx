import type { IntentSummary } from '../../transport/contract';
import { formatPercent, formatPrice } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { shareBars } from '../../stores/inspection';

function ShareBars({ title, shares }: { title: string; shares: IntentSummary['topCategories'] }) {
  const bars = shareBars(shares);
  return (
    <div className="share-block">
      <h3>{title}</h3>
      {bars.length === 0 ? <p className="muted small">{t('inspector.intent.none')}</p> : null}
      <dl className="share-bars">
        {bars.map((b) => (
          <div key={b.name} className="share-row">
            <dt className="ellipsis" title={b.name}>
              {b.name}
            </dt>
            <dd>
              <span className="share-track" aria-hidden="true">
                <span className="share-fill" style={{ width: `${b.width * 100}%` }} />
              </span>
              <span className="share-value">{formatPercent(b.share)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** What the engine believed about the shopper: categories and brands, price band, purchase probability. */
export function IntentSummaryView({ intent }: { intent: IntentSummary }) {
  const p = Math.max(0, Math.min(1, intent.purchaseProbability));
  const band = intent.priceBand;
  return (
    <div className="intent-summary" data-testid="intent-summary">
      <ShareBars title={t('inspector.intent.categories')} shares={intent.topCategories} />
      <ShareBars title={t('inspector.intent.brands')} shares={intent.topBrands} />
      <div className="share-block">
        <h3>{t('inspector.intent.priceBand')}</h3>
        <p className="small">
          {band
            ? t('inspector.intent.priceBandValue', { low: formatPrice(band.low) ?? '', high: formatPrice(band.high) ?? '', median: formatPrice(band.median) ?? '' })
            : t('inspector.intent.noPriceBand')}
        </p>
        <h3 id="purchase-gauge-label">{t('inspector.intent.purchase')}</h3>
        <div className="gauge">
          <meter
            className="gauge-meter"
            min={0}
            max={1}
            low={0.2}
            high={0.5}
            optimum={1}
            value={p}
            aria-labelledby="purchase-gauge-label"
            data-testid="purchase-gauge"
          />
          <span className="gauge-value">{formatPercent(p)}</span>
        </div>
      </div>
    </div>
  );
}
