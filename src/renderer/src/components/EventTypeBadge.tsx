import { BUILTIN_EVENT_TYPES } from '../transport/contract';
import { hasMessage, t } from '../i18n/translate';

const BUILTIN: ReadonlySet<string> = new Set(BUILTIN_EVENT_TYPES);

/** Built-in types get a translated label and their own colour; `custom:*` types show as written. */
export function eventTypeLabel(type: string): string {
  const key = `event.${type}`;
  return hasMessage(key) ? t(key) : type;
}

export function EventTypeBadge({ type }: { type: string }) {
  const variant = BUILTIN.has(type) ? type : 'custom';
  return <span className={`badge badge--${variant}`}>{eventTypeLabel(type)}</span>;
}
