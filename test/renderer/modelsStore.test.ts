import { describe, expect, it } from 'vitest';
import type { IntentModelVersion } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { applyServing, compareToServing, formatDelta, servingVersion } from '../../src/renderer/src/stores/modelVersions';
import { createModelsStore } from '../../src/renderer/src/stores/modelsStore';
import { fakeClient } from './fakes';

function version(name: string, createdAt: number, status: IntentModelVersion['status'] = 'registered', valNdcg?: number): IntentModelVersion {
  return {
    version: name,
    status,
    createdAt,
    promotedAt: status === 'serving' ? createdAt + 1 : null,
    sha256: `sha-${name}`,
    metrics: valNdcg === undefined ? {} : { valNdcg },
    config: { epochs: 8 },
  };
}

const v1 = version('v1', 1, 'serving', 0.2);
const v2 = version('v2', 2, 'registered', 0.25);
const v3 = version('v3', 3, 'registered', 0.18);

describe('model versions', () => {
  it('compares each version with the serving one, newest first', () => {
    const rows = compareToServing([v1, v2, v3]);
    expect(rows.map((r) => r.version.version)).toEqual(['v3', 'v2', 'v1']);
    expect(rows.map((r) => r.serving)).toEqual([false, false, true]);
    expect(rows[0]?.delta).toBeCloseTo(-0.02);
    expect(rows[1]?.delta).toBeCloseTo(0.05);
    expect(rows[2]?.delta).toBeNull();
    expect(rows[0]?.servingValNdcg).toBe(0.2);
  });

  it('has no delta when nothing serves or a figure is missing', () => {
    expect(compareToServing([v2, v3]).every((r) => r.delta === null)).toBe(true);
    expect(compareToServing([v1, version('v4', 4)])[0]?.delta).toBeNull();
  });

  it('formats deltas with their sign', () => {
    expect(formatDelta(0.05)).toBe('+0.0500');
    expect(formatDelta(-0.004)).toBe('−0.0040');
    expect(formatDelta(0.00001)).toBe('±0.0000');
  });

  it('moves serving to the promoted version, and to none after a roll back to nothing', () => {
    const promoted = applyServing([v1, v2, v3], { ...v2, status: 'serving', promotedAt: 10 });
    expect(promoted.map((v) => [v.version, v.status])).toEqual([
      ['v3', 'registered'],
      ['v2', 'serving'],
      ['v1', 'registered'],
    ]);
    expect(servingVersion(promoted)?.version).toBe('v2');
    expect(servingVersion(applyServing(promoted, null))).toBeNull();
    expect(applyServing([v1], { ...v2, status: 'serving' }).map((v) => v.version)).toEqual(['v2', 'v1']);
  });
});

describe('models store', () => {
  it('loads the registry, promotes, then re-reads it', async () => {
    let list = [v1, v2, v3];
    const { client, transport } = fakeClient({
      'models.list': () => list,
      'models.promote': (input) => {
        const name = (input as { version: string }).version;
        list = list.map((v) => ({ ...v, status: v.version === name ? 'serving' : v.status === 'serving' ? 'retired' : v.status }));
        return { serving: list.find((v) => v.version === name) ?? null };
      },
    });
    const store = createModelsStore(client);
    await store.getState().load();
    expect(store.getState().versions.map((v) => v.version)).toEqual(['v3', 'v2', 'v1']);

    const promoting = store.getState().promote('v2');
    expect(store.getState().pending).toBe('v2');
    await promoting;
    expect(transport.calls.find((c) => c.method === 'models.promote')?.input).toEqual({ version: 'v2' });
    expect(store.getState().pending).toBeNull();
    expect(servingVersion(store.getState().versions)?.version).toBe('v2');
    expect(store.getState().announcement).toEqual({ change: 'promoted', version: 'v2' });
    // The follow-up list read brings the engine's own statuses.
    await new Promise((r) => setTimeout(r, 0));
    expect(transport.calls.filter((c) => c.method === 'models.list')).toHaveLength(2);
    expect(store.getState().versions.find((v) => v.version === 'v1')?.status).toBe('retired');
  });

  it('rolls back to what the engine says serves, or to none', async () => {
    let answer: IntentModelVersion | null = { ...v2, status: 'serving' };
    const { client } = fakeClient({ 'models.list': () => [], 'models.rollback': () => ({ serving: answer }) });
    const store = createModelsStore(client);
    store.setState({ versions: [v3, { ...v2, status: 'registered' }, { ...v1 }] });
    await store.getState().rollback();
    expect(store.getState().versions.map((v) => v.status)).toEqual(['registered', 'serving', 'registered']);
    expect(store.getState().announcement).toEqual({ change: 'rolledBack', version: 'v2' });
    answer = null;
    store.setState({ versions: [v1] });
    await store.getState().rollback();
    expect(servingVersion(store.getState().versions)).toBeNull();
    expect(store.getState().announcement).toEqual({ change: 'rolledBack', version: null });
  });

  it('keeps a refused change as an action error, one change at a time', async () => {
    const { client, transport } = fakeClient({
      'models.promote': () => {
        throw new ContractError('not_found', 'no model version v9');
      },
    });
    const store = createModelsStore(client);
    store.setState({ versions: [v1] });
    const first = store.getState().promote('v9');
    const second = store.getState().rollback();
    await Promise.all([first, second]);
    expect(transport.calls.map((c) => c.method)).toEqual(['models.promote']);
    expect(store.getState().pending).toBeNull();
    expect(store.getState().actionError).toContain('v9');
    expect(store.getState().versions).toEqual([v1]);
  });
});
