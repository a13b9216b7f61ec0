import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EventTypeBadge } from '../../components/EventTypeBadge';
import { formatDateTime, formatGap, formatPrice, formatTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { eventSubject } from '../../stores/liveFeed';

/** The chosen session's events in the order the shopper acted, with the pause before each step. */
export function SessionTimeline() {
  const { sessions: store } = useAppStores();
  const selectedId = useAppStore('sessions', (s) => s.selectedId);
  const timeline = useAppStore('sessions', (s) => s.timeline);
  const loading = useAppStore('sessions', (s) => s.timelineLoading);
  const error = useAppStore('sessions', (s) => s.timelineError);

  if (selectedId === null) {
    return (
      <section className="panel panel--timeline">
        <p className="empty">{t('sessions.timeline.pick')}</p>
      </section>
    );
  }
  return (
    <section className="panel panel--timeline" aria-labelledby="timeline-title" data-testid="session-timeline">
      <div className="panel-head">
        <h2 id="timeline-title" className="ellipsis">
          {t('sessions.timeline.title', { id: selectedId })}
        </h2>
        <button type="button" className="button" onClick={() => store.getState().clearSelection()}>
          {t('sessions.timeline.close')}
        </button>
      </div>
      {error ? <ErrorNotice message={error} onRetry={() => void store.getState().select(selectedId)} /> : null}
      {loading ? <p className="muted">{t('common.loading')}</p> : null}
      {!loading && !error && timeline.length === 0 ? <p className="empty">{t('sessions.timeline.empty')}</p> : null}
      <ol className="timeline">
        {timeline.map((event, index) => {
          const previous = index > 0 ? timeline[index - 1] : undefined;
          return (
            <li key={event.id} className="timeline-step" data-event-id={event.id}>
              <time className="timeline-time" dateTime={new Date(event.ts).toISOString()} title={formatDateTime(event.ts)}>
                {formatTime(event.ts)}
              </time>
              <span className="timeline-gap muted">{previous ? t('sessions.timeline.gap', { gap: formatGap(event.ts - previous.ts) }) : ''}</span>
              <EventTypeBadge type={event.type} />
              <span className="timeline-subject ellipsis">
                <OrDash value={eventSubject(event)} />
              </span>
              <span className="num">{formatPrice(event.price) ?? ''}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
