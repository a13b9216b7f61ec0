import { memo } from 'react';
import { useAppStore } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { EventTypeBadge } from '../../components/EventTypeBadge';
import { formatPrice, formatTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { eventSubject } from '../../stores/liveFeed';
import type { StoredEvent } from '../../transport/contract';

/** Rows are memoised by event: a push re-renders only the new rows, not all 500. */
const FeedRow = memo(function FeedRow({ event }: { event: StoredEvent }) {
  return (
    <tr data-testid="feed-row" data-event-id={event.id}>
      <td className="nowrap tabular">
        <time dateTime={new Date(event.ts).toISOString()}>{formatTime(event.ts)}</time>
      </td>
      <td>
        <EventTypeBadge type={event.type} />
      </td>
      <td className="ellipsis" title={event.shopperId}>
        {event.shopperId}
      </td>
      <td className="ellipsis" title={event.sessionId}>
        {event.sessionId}
      </td>
      <td className="ellipsis" title={eventSubject(event) ?? undefined}>
        <OrDash value={eventSubject(event)} />
      </td>
      <td className="num">
        <OrDash value={formatPrice(event.price)} />
      </td>
    </tr>
  );
});

export function LiveFeed() {
  const feed = useAppStore('live', (s) => s.feed);
  return (
    <section className="panel panel--feed" aria-labelledby="live-feed-title">
      <div className="panel-head">
        <h2 id="live-feed-title">{t('live.feed.title')}</h2>
        <span className="muted">{t('live.feed.count', { count: feed.length })}</span>
      </div>
      <div className="table-scroll">
        <table className="data-table feed-table" data-testid="live-feed">
          <thead>
            <tr>
              <th scope="col">{t('live.col.time')}</th>
              <th scope="col">{t('live.col.type')}</th>
              <th scope="col">{t('live.col.shopper')}</th>
              <th scope="col">{t('live.col.session')}</th>
              <th scope="col">{t('live.col.subject')}</th>
              <th scope="col" className="num">
                {t('live.col.price')}
              </th>
            </tr>
          </thead>
          <tbody>
            {feed.map((event) => (
              <FeedRow key={event.id} event={event} />
            ))}
          </tbody>
        </table>
        {feed.length === 0 ? <p className="empty">{t('live.feed.empty')}</p> : null}
      </div>
    </section>
  );
}
