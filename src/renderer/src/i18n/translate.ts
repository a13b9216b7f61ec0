import { en, type MessageKey, type Messages } from './en';

export type MessageParams = Readonly<Record<string, string | number>>;

let active: { locale: string; messages: Messages } = { locale: 'en', messages: en };

/** Switches the language; a zh-CN table plugs in here once it exists. */
export function setMessages(locale: string, messages: Messages): void {
  active = { locale, messages };
}

export function currentLocale(): string {
  return active.locale;
}

/** Looks up a message and fills `{name}` slots; an unknown slot is left visible so a translator spots it. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = active.messages[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = params[name];
    return value === undefined ? slot : String(value);
  });
}

/** Whether a key exists, for labels built from data (event types) that may have no translation. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
