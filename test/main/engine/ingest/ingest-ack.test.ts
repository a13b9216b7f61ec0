/**
 * Issue #16, Build: "Ingest acknowledges ids for every stored event, including generated ones, so a
 * client can retry safely". The ack lists one id per event in order (the client's, or the UUIDv7
 * generated for it); resending with those ids stores nothing twice.
 * This held before the change too (checked on the previous commit); the test pins it, and the
 * idempotency rule is now written down in README.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';

describe('ingest acknowledgements', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('acks every event by id, generated ones included, and a retry with those ids is a no-op', async () => {
    const events = [
      { id: 'client-1', type: 'view', shopperId: 'u', itemId: 'P1' },
      { type: 'view', shopperId: 'u', itemId: 'P2' },
      { type: 'search', shopperId: 'u', query: 'tea' },
    ];
    const ack = await env.engine.dispatcher.call('events.ingest', { events });
    expect(ack.stored).toBe(3);
    expect(ack.ids).toHaveLength(3);
    expect(ack.ids[0]).toBe('client-1');
    expect(ack.ids.slice(1).every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(ack.ids.every((id) => env.engine.events.has(id))).toBe(true);
    const retry = await env.engine.dispatcher.call('events.ingest', { events: events.map((e, i) => ({ ...e, id: ack.ids[i] })) });
    expect(retry).toEqual({ stored: 0, duplicates: 3, ids: ack.ids });
    expect(env.engine.stats.stats().events).toBe(3);
  });
});
