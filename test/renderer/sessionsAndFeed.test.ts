import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StoresProvider } from '../../src/renderer/src/app/StoresContext';
import { LiveFeed } from '../../src/renderer/src/pages/live/LiveFeed';
import { SessionTable } from '../../src/renderer/src/pages/sessions/SessionTable';
import { createAppStores, type AppStores } from '../../src/renderer/src/stores/appStores';
import { createLiveStore } from '../../src/renderer/src/stores/liveStore';
import { NO_SESSION_FILTER, sessionFilterRequest } from '../../src/renderer/src/stores/sessionFilter';
import { connectSessionsStore, createSessionsStore } from '../../src/renderer/src/stores/sessionsStore';
import type { SessionSummary } from '../../src/renderer/src/transport/contract';
import { emptyStats, fakeClient, storedEvent } from './fakes';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the Sessions filter form', () => {
  it('sends nothing when empty, and purchase, whole local days and lengths when set', () => {
    expect(sessionFilterRequest(NO_SESSION_FILTER)).toEqual({ ok: true, request: {} });
    const read = sessionFilterRequest({ purchase: 'with', from: '2026-03-10', to: '2026-03-12', minEvents: '2', maxEvents: ' 9 ' });
    expect(read).toEqual({
      ok: true,
      request: { purchased: true, startedFrom: new Date(2026, 2, 10).getTime(), startedBefore: new Date(2026, 2, 13).getTime(), minEvents: 2, maxEvents: 9 },
    });
    expect(sessionFilterRequest({ ...NO_SESSION_FILTER, purchase: 'without' })).toEqual({ ok: true, request: { purchased: false } });
  });

  it('names the field that is wrong', () => {
    expect(sessionFilterRequest({ ...NO_SESSION_FILTER, from: '2026-02-30' })).toEqual({ ok: false, field: 'from' });
    expect(sessionFilterRequest({ ...NO_SESSION_FILTER, from: '2026-03-12', to: '2026-03-10' })).toEqual({ ok: false, field: 'to' });
    expect(sessionFilterRequest({ ...NO_SESSION_FILTER, minEvents: '0' })).toEqual({ ok: false, field: 'minEvents' });
    expect(sessionFilterRequest({ ...NO_SESSION_FILTER, minEvents: '2.5' })).toEqual({ ok: false, field: 'minEvents' });
    expect(sessionFilterRequest({ ...NO_SESSION_FILTER, minEvents: '5', maxEvents: '3' })).toEqual({ ok: false, field: 'maxEvents' });
  });
});

const summary = (sessionId: string, lastEventAt: number, eventCount = 1, purchases = 0): SessionSummary => ({ sessionId, shopperId: 'u1', startedAt: lastEventAt, lastEventAt, eventCount, purchases });

describe('the sessions store with filters', () => {
  it('sends the filters with the list, keeps them on refresh, and drops them on clear', async () => {
    const { client, transport } = fakeClient({ 'sessions.list': () => [summary('a', 100, 3, 1)] });
    const store = createSessionsStore(client);
    store.getState().setFilterDraft({ purchase: 'with', minEvents: '3' });
    await store.getState().applyFilter();
    await store.getState().load();
    await store.getState().clearFilter();
    const sent = transport.calls.filter((c) => c.method === 'sessions.list').map((c) => c.input);
    expect(sent).toEqual([
      { limit: 100, purchased: true, minEvents: 3 },
      { limit: 100, purchased: true, minEvents: 3 },
      { limit: 100 },
    ]);
  });

  it('does not load with a wrong form, and says which field', async () => {
    const { client, transport } = fakeClient({ 'sessions.list': () => [] });
    const store = createSessionsStore(client);
    store.getState().setFilterDraft({ maxEvents: 'many' });
    await store.getState().applyFilter();
    expect(store.getState().filterError).toBe('maxEvents');
    expect(transport.calls).toHaveLength(0);
  });

  it('counts pushed purchases; with a filter, pushes update listed sessions but add none', async () => {
    const { client, transport } = fakeClient({ 'sessions.list': () => [summary('a', 100, 3, 1)] });
    const store = createSessionsStore(client);
    connectSessionsStore(store, client);
    await store.getState().load();
    transport.push('events.ingested', [storedEvent({ sessionId: 'a', type: 'purchase', ts: 200 }), storedEvent({ sessionId: 'new', ts: 150 })]);
    expect(store.getState().sessions.map((s) => [s.sessionId, s.eventCount, s.purchases])).toEqual([
      ['a', 4, 2],
      ['new', 1, 0],
    ]);
    store.getState().setFilterDraft({ purchase: 'with' });
    await store.getState().applyFilter();
    transport.push('events.ingested', [storedEvent({ sessionId: 'a', ts: 300 }), storedEvent({ sessionId: 'other', ts: 400 })]);
    expect(store.getState().sessions.map((s) => [s.sessionId, s.eventCount])).toEqual([['a', 4]]);
  });
});

function render(component: () => ReturnType<typeof createElement>, stores: AppStores): string {
  for (const store of Object.values(stores) as Array<{ getInitialState: () => unknown; getState: () => unknown }>) store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoresProvider, { stores, children: createElement(component) }));
}

describe('the session table', () => {
  it('shows purchases and a button to open each session in the Inspector', () => {
    const stores = createAppStores(fakeClient().client);
    stores.sessions.setState({ sessions: [summary('s-1', Date.UTC(2026, 0, 2), 4, 2)], loaded: true });
    const html = render(SessionTable, stores);
    expect(html).toContain('Purchases');
    expect(html).toContain('data-testid="session-inspect"');
    expect(html).toContain('Open session s-1 in the Inspector');
  });
});

describe('the live feed shows product names', () => {
  it('looks up the titles of the feed\'s items once, and leaves unknown ids as ids', async () => {
    const asked: string[][] = [];
    const { client } = fakeClient({
      'events.recent': () => [storedEvent({ seq: 2, itemId: 'sku-1' }), storedEvent({ seq: 1, itemId: 'sku-x' }), storedEvent({ seq: 3, type: 'search', itemId: null, query: 'shoes' })],
      'stats.get': () => emptyStats,
      'catalog.titles': (input) => {
        const ids = (input as { itemIds: string[] }).itemIds;
        asked.push(ids);
        return Object.fromEntries(ids.filter((id) => id !== 'sku-x').map((id) => [id, `Title of ${id}`]));
      },
    });
    const live = createLiveStore(client);
    await live.getState().load();
    await flush();
    expect(live.getState().titles).toEqual({ 'sku-1': 'Title of sku-1' });
    live.getState().receive([storedEvent({ seq: 4, itemId: 'sku-1' }), storedEvent({ seq: 5, itemId: 'sku-x' }), storedEvent({ seq: 6, itemId: 'sku-2' })], 0);
    await flush();
    expect(asked).toEqual([['sku-1', 'sku-x'], ['sku-2']]);
    expect(live.getState().titles['sku-2']).toBe('Title of sku-2');

    const stores = createAppStores(client);
    stores.live.setState({ feed: live.getState().feed, titles: live.getState().titles });
    const html = render(LiveFeed, stores);
    expect(html).toContain('Title of sku-1');
    expect(html).toContain('sku-x');
    expect(html).toContain('shoes');
    // Prices carry the currency.
    expect(html).toContain('$9.50');
    expect(html).not.toMatch(/>9\.50</);
  });
});
