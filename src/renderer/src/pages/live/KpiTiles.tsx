import { useAppStore } from '../../app/StoresContext';
import { eventTypeLabel } from '../../components/EventTypeBadge';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/en';
import { kpisFromStats } from '../../stores/kpis';

function Tile({ label, value, note }: { label: MessageKey; value: number; note?: string | null }) {
  return (
    <div className="kpi-tile">
      <dt>{t(label)}</dt>
      <dd>
        <span className="kpi-value">{formatNumber(value)}</span>
        {note ? <span className="kpi-note">{note}</span> : null}
      </dd>
    </div>
  );
}

/** Store totals from `stats.get`, kept current by `stats.changed` pushes. */
export function KpiTiles() {
  const stats = useAppStore('live', (s) => s.stats);
  if (!stats) return null;
  const kpis = kpisFromStats(stats);
  return (
    <section className="panel panel--kpis" aria-labelledby="live-kpi-title" data-testid="kpi-tiles">
      <div className="panel-head">
        <h2 id="live-kpi-title">{t('live.kpi.title')}</h2>
        {kpis.lastEventTs !== null ? <span className="muted">{t('live.kpi.lastEvent', { time: formatDateTime(kpis.lastEventTs) })}</span> : null}
      </div>
      <dl className="kpi-grid">
        <Tile label="live.kpi.items" value={kpis.items} />
        <Tile label="live.kpi.events" value={kpis.events} />
        <Tile label="live.kpi.sessions" value={kpis.sessions} />
        <Tile label="live.kpi.activeSessions" value={kpis.activeSessions} />
        <Tile label="live.kpi.shoppers" value={kpis.shoppers} />
        <Tile
          label="live.kpi.conversions"
          value={kpis.conversions}
          note={kpis.conversionRate === null ? null : t('live.kpi.conversionRate', { rate: formatPercent(kpis.conversionRate) })}
        />
      </dl>
      {kpis.byType.length > 0 ? (
        <dl className="type-breakdown" aria-label={t('live.kpi.byType')}>
          {kpis.byType.map(({ type, count }) => (
            <div key={type}>
              <dt>{eventTypeLabel(type)}</dt>
              <dd>{formatNumber(count)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
