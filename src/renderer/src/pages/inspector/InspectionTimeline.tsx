import { useRef, type KeyboardEvent } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { EventTypeBadge } from '../../components/EventTypeBadge';
import { formatDateTime, formatGap, formatPrice, formatTime, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';

/**
 * The session's events as a listbox: click or arrow keys choose the event whose moment the
 * details panel shows (roving focus, so Tab enters and leaves the list in one step).
 */
export function InspectionTimeline() {
  const { inspector } = useAppStores();
  const inspection = useAppStore('inspector', (s) => s.inspection);
  const stepIndex = useAppStore('inspector', (s) => s.stepIndex);
  const titles = useAppStore('inspector', (s) => s.titles);
  const listRef = useRef<HTMLOListElement>(null);
  if (!inspection) return null;
  const steps = inspection.steps;

  const move = (index: number): void => {
    const next = Math.max(0, Math.min(steps.length - 1, index));
    inspector.getState().selectStep(next);
    listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>): void => {
    const current = stepIndex ?? 0;
    const keys: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: steps.length - 1 };
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  };

  return (
    <section className="panel inspector-timeline" aria-labelledby="inspector-timeline-title">
      <div className="panel-head">
        <h2 id="inspector-timeline-title">{t('inspector.timeline.title')}</h2>
        <span className="muted">{t('inspector.session.weights', { version: inspection.weightsVersion })}</span>
      </div>
      <p className="muted small">
        {t('inspector.session.title', { id: inspection.sessionId, shopper: inspection.shopperId })}
        {inspection.truncated > 0 ? ` · ${t('inspector.session.truncated', { count: formatNumber(inspection.truncated) })}` : ''}
      </p>
      <ol className="itimeline" data-testid="timeline" role="listbox" aria-label={t('inspector.timeline.label')} ref={listRef} onKeyDown={onKeyDown}>
        {steps.map((step, index) => {
          const e = step.event;
          const previous = index > 0 ? steps[index - 1]!.event : undefined;
          const selected = index === stepIndex;
          const subject = e.itemId ? (titles[e.itemId] ?? e.itemId) : e.query ? t('inspector.timeline.query', { query: e.query }) : '';
          return (
            <li
              key={e.id}
              role="option"
              aria-selected={selected}
              tabIndex={selected || (stepIndex === null && index === 0) ? 0 : -1}
              className={selected ? 'itimeline-step is-selected' : 'itimeline-step'}
              data-testid="timeline-event"
              data-event-id={e.id}
              onClick={() => move(index)}
            >
              <time className="itimeline-time" dateTime={new Date(e.ts).toISOString()} title={formatDateTime(e.ts)}>
                {formatTime(e.ts)}
              </time>
              <span className="itimeline-gap muted">{previous ? t('sessions.timeline.gap', { gap: formatGap(e.ts - previous.ts) }) : ''}</span>
              <EventTypeBadge type={e.type} />
              <span className="itimeline-subject ellipsis" title={e.itemId ?? e.query ?? ''}>
                {subject}
              </span>
              <span className="num muted">{formatPrice(e.price) ?? ''}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
