import { memo } from 'react';
import { useAppStore } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { EventTypeBadge } from '../../components/EventTypeBadge';
import { formatDateTime, formatPrice, formatTime, timeZoneName } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { eventSubject } from '../../stores/liveFeed';
import type { StoredEvent } from '../../transport/contract';

/** Rows are memoised by event: a push re-renders only the new rows, not all 500. */
const FeedRow = memo(function FeedRow({ event, title }: { event: StoredEvent; title: string | undefined }) {
  const subject = eventSubject(event);
  return (
    <tr data-testid="feed-row" data-event-id={event.id}>
      <td className="nowrap tabular">
        <time dateTime={new Date(event.ts).toISOString()} title={formatDateTime(event.ts)}>
          {formatTime(event.ts)}
        </time>
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
      <td className="ellipsis" title={title !== undefined ? `${title} (${subject ?? ''})` : (subject ?? undefined)} data-testid="feed-subject">
        {title !== undefined ? <span className="feed-title">{title}</span> : <OrDash value={subject} />}
      </td>
      <td className="num">
        <OrDash value={formatPrice(event.price)} />
      </td>
    </tr>
  );
});

export function LiveFeed() {
  const feed = useAppStore('live', (s) => s.feed);
  const titles = useAppStore('live', (s) => s.titles);
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
              <th scope="col">{t('live.col.time', { zone: timeZoneName() })}</th>
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
              <FeedRow key={event.id} event={event} title={event.itemId !== null ? titles[event.itemId] : undefined} />
            ))}
          </tbody>
        </table>
        {feed.length === 0 ? <p className="empty">{t('live.feed.empty')}</p> : null}
      </div>
    </section>
  );
}
