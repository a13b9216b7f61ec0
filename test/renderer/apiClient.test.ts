import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { createApiClient } from '../../src/renderer/src/transport/apiClient';
import { emptyStats, fakeClient, fakeTransport, storedEvent } from './fakes';

describe('api client', () => {
  it('returns the validated result of a call', async () => {
    const { client, transport } = fakeClient({ 'stats.get': () => ({ ...emptyStats, items: 3 }) });
    await expect(client.call('stats.get', {})).resolves.toMatchObject({ items: 3 });
    expect(transport.calls).toEqual([{ method: 'stats.get', input: {} }]);
  });

  it('throws the contract error carried by an error envelope', async () => {
    const { client } = fakeClient({
      'catalog.get': () => {
        throw new ContractError('not_found', 'no item x', [{ path: 'itemId', message: 'unknown' }]);
      },
    });
    const error = await client.call('catalog.get', { itemId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'not_found', message: 'no item x', issues: [{ path: 'itemId', message: 'unknown' }] });
  });

  it('rejects a reply that does not match the output schema', async () => {
    const { client } = fakeClient({ 'stats.get': () => ({ items: 'many' }) });
    const error = await client.call('stats.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('internal');
    expect((error as ContractError).issues.some((i) => i.path === 'items')).toBe(true);
  });

  it('delivers valid pushes and drops malformed ones with a warning', () => {
    const transport = fakeTransport();
    const warnings: string[] = [];
    const client = createApiClient(transport, (m) => warnings.push(m));
    const received: number[] = [];
    const stop = client.subscribe('events.ingested', (events) => received.push(events.length));
    transport.push('events.ingested', [storedEvent(), storedEvent()]);
    transport.push('events.ingested', [{ id: 1 }]);
    stop();
    transport.push('events.ingested', [storedEvent()]);
    expect(received).toEqual([2]);
    expect(warnings).toHaveLength(1);
  });

  it('reports the transport kind and connection changes', () => {
    const transport = fakeTransport();
    const client = createApiClient(transport);
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    transport.setConnection('offline');
    expect(client.kind).toBe('http');
    expect(client.connection()).toBe('offline');
    expect(states).toEqual(['offline']);
  });
});
