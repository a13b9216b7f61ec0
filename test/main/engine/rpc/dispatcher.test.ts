import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError, MAX_INGEST_BATCH } from '../../../../src/shared/contract';
import { Dispatcher } from '../../../../src/main/engine/rpc/dispatcher';
import { tempEngine } from '../../../helpers/temp-dir';

describe('Dispatcher', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('names the bad field with its index when an event is malformed, and stores nothing', async () => {
    const envelope = await env.engine.dispatcher.handle(
      'events.ingest',
      { events: [{ type: 'view', shopperId: 'u1', itemId: 'a' }, { type: 'view', shopperId: 'u1', price: 'cheap' }] },
      { transport: 'direct' },
    );
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('bad_request');
    expect(envelope.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['events.1.price']));
    expect(env.engine.stats.stats().events).toBe(0);
  });

  it('refuses unknown fields, unknown methods, oversize batches and contexts', async () => {
    const extra = await env.engine.dispatcher.handle('events.ingest', { events: [{ type: 'view', shopperId: 'u', itemId: 'a', colour: 'red' }] }, { transport: 'direct' });
    expect(!extra.ok && extra.error.message).toMatch(/colour|Unrecognized/);
    const unknown = await env.engine.dispatcher.handle('events.delete_all', {}, { transport: 'direct' });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
    const many = Array.from({ length: MAX_INGEST_BATCH + 1 }, () => ({ type: 'view', shopperId: 'u', itemId: 'a' }));
    const big = await env.engine.dispatcher.handle('events.ingest', { events: many }, { transport: 'direct' });
    expect(!big.ok && big.error.issues?.[0]?.path).toBe('events');
    const ctx = await env.engine.dispatcher.handle('events.ingest', { events: [{ type: 'view', shopperId: 'u', itemId: 'a', context: { blob: 'x'.repeat(5000) } }] }, { transport: 'direct' });
    expect(!ctx.ok && ctx.error.issues?.[0]?.path).toBe('events.0.context');
  });

  it('returns a conflict naming the field when a session belongs to another shopper', async () => {
    await env.engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: 'u1', itemId: 'a', sessionId: 's' }] });
    await expect(env.engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: 'u2', itemId: 'a', sessionId: 's' }] })).rejects.toMatchObject({
      code: 'conflict',
      issues: [{ path: 'events.0.sessionId' }],
    });
  });

  it('refuses two handlers for one method and a method with no handler', () => {
    const info = { 'engine.info': () => env.engine.info() };
    expect(() => new Dispatcher([info, info])).toThrow(/two handlers for method engine.info/);
    expect(() => new Dispatcher([info])).toThrow(/no handler for/);
  });

  it('catalog.get of a missing item is not_found, not a crash', async () => {
    await expect(env.engine.dispatcher.call('catalog.get', { itemId: 'nope' })).rejects.toBeInstanceOf(ContractError);
    await expect(env.engine.dispatcher.call('catalog.get', { itemId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
