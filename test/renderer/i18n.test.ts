import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/i18n/en';
import { hasMessage, setMessages, t } from '../../src/renderer/src/i18n/translate';
import { formatGap } from '../../src/renderer/src/i18n/format';

describe('messages', () => {
  it('fills parameters and leaves unknown slots visible', () => {
    expect(t('catalogue.page', { from: 1, to: 50, total: 240 })).toBe('1–50 of 240');
    expect(t('sessions.timeline.title')).toBe('Session {id}');
  });

  it('switches to another message table', () => {
    setMessages('zh-CN', { ...en, 'nav.live': '实时' });
    expect(t('nav.live')).toBe('实时');
    setMessages('en', en);
    expect(t('nav.live')).toBe('Live');
  });

  it('knows which data-driven keys exist', () => {
    expect(hasMessage('event.purchase')).toBe(true);
    expect(hasMessage('event.custom:wishlist')).toBe(false);
  });

  it('formats gaps between events', () => {
    expect([4_000, 120_000, 3 * 3_600_000].map(formatGap)).toEqual(['4 s', '2 min', '3 h']);
  });
});

describe('the English table', () => {
  it('is assembled from parts that never define the same key twice', async () => {
    const parts = await Promise.all(
      // Every file of the folder: a part added later is counted without this list being kept by hand.
      readdirSync(new URL('../../src/renderer/src/i18n/en/', import.meta.url))
        .filter((file) => file.endsWith('.ts'))
        .map(async (file) => Object.values((await import(`../../src/renderer/src/i18n/en/${file}`)) as Record<string, object>)[0]!),
    );
    const total = parts.reduce((sum, part) => sum + Object.keys(part).length, 0);
    expect(Object.keys(en)).toHaveLength(total);
  });
});
