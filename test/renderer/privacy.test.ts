import { describe, expect, it } from 'vitest';
import type { RetentionStatus, ShopperExport, ShopperFootprint } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { createGuardStore } from '../../src/renderer/src/stores/guardStore';
import { createInspectorStore } from '../../src/renderer/src/stores/inspectorStore';
import { deletesMore, erasureAssessment, exportFileName, parseRetentionDays } from '../../src/renderer/src/stores/privacy';
import { createPrivacyStore } from '../../src/renderer/src/stores/privacyStore';
import { createRetentionStore } from '../../src/renderer/src/stores/retentionStore';
import { fakeClient } from './fakes';

const FOOTPRINT: ShopperFootprint = { shopperId: 'U1', sessions: 2, events: 17, impressions: 5, rewards: 3, live: true };

const EXPORT: ShopperExport = {
  shopperId: 'U1',
  exportedAt: 1_700_000_000_000,
  sessions: [],
  events: [],
  impressions: [],
  rewards: [],
  experimentArms: [{ experimentId: 'e-1', armId: 'b', lists: 2 }],
  liveState: { recentEvents: [] },
  notes: ['roll-ups keep anonymous counts'],
};

function engine() {
  let erased = false;
  return fakeClient({
    'shoppers.export': () => EXPORT,
    'shoppers.footprint': () => (erased ? { ...FOOTPRINT, sessions: 0, events: 0, impressions: 0, rewards: 0, live: false } : FOOTPRINT),
    'shoppers.erase': (input) => {
      const { confirm } = input as { confirm?: { reason: string } };
      if (!confirm) throw new ContractError('confirmation_required', 'shoppers.erase: send confirm.reason');
      erased = true;
      return { shopperHash: 'abcd0123abcd0123', erased: { sessions: 2, events: 17, impressions: 5, rewards: 3, live: true }, behaviourEventsReplayed: 100, ms: 12 };
    },
  });
}

describe('shopper export and erasure', () => {
  it('saves the JSON the engine returned as shopper-<id>.json', async () => {
    const saved: Array<{ name: string; text: string }> = [];
    const { client } = engine();
    const store = createPrivacyStore(client, { save: (name, text) => saved.push({ name, text }) });
    expect(await store.getState().exportShopper('U1')).toBe(true);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('shopper-U1.json');
    expect(JSON.parse(saved[0]!.text)).toEqual(EXPORT);
    expect(store.getState().announcement).toEqual({ kind: 'exported', shopperId: 'U1', fileName: 'shopper-U1.json' });
    expect(exportFileName('a/b c')).toBe('shopper-a_b_c.json');
  });

  it('keeps the error when the export fails', async () => {
    const { client } = fakeClient({});
    const store = createPrivacyStore(client, { save: () => undefined });
    expect(await store.getState().exportShopper('U1')).toBe(false);
    expect(store.getState().error).toMatch(/shoppers.export/);
  });

  it('refuses to erase without a reason and erases with one', async () => {
    const { client, transport } = engine();
    const store = createPrivacyStore(client, { save: () => undefined });
    await expect(store.getState().erase('U1')).rejects.toMatchObject({ code: 'confirmation_required' });
    expect(transport.calls.filter((c) => c.method === 'shoppers.erase')).toHaveLength(0);
    const result = await store.getState().erase('U1', { reason: 'GDPR request #12' });
    expect(result.erased.events).toBe(17);
    expect(transport.calls.find((c) => c.method === 'shoppers.erase')?.input).toEqual({ shopperId: 'U1', confirm: { reason: 'GDPR request #12' } });
    expect(store.getState().announcement?.kind).toBe('erased');
  });

  it('states the footprint as the expected effect, and the dialog needs a reason', async () => {
    const effects = erasureAssessment(FOOTPRINT).effects.join(' ');
    expect(effects).toContain('2 sessions, 17 events, 5 lists shown and 3 rewards');
    expect(effects).toMatch(/anonymous counts/);
    expect(effects).toMatch(/in memory/);

    const { client, transport } = engine();
    const privacy = createPrivacyStore(client, { save: () => undefined });
    const inspector = createInspectorStore(client);
    inspector.setState({ sessions: [{ sessionId: 's1', shopperId: 'U1' } as never, { sessionId: 's2', shopperId: 'U2' } as never], sessionId: 's1' });
    const guard = createGuardStore(client);
    await guard.getState().ask({
      action: { action: 'shoppers.erase', shopperId: 'U1' },
      reasonAlwaysRequired: true,
      assess: () => privacy.getState().assessErasure('U1'),
      run: async (confirm) => {
        await privacy.getState().erase('U1', confirm);
        await inspector.getState().forgetShopper('U1');
      },
    });
    expect(transport.calls.some((c) => c.method === 'guard.assess')).toBe(false);
    expect(guard.getState().assessment?.effects[0]).toContain('17 events');
    expect(await guard.getState().confirm()).toBe(false);
    guard.getState().setReason('shopper asked to be forgotten');
    expect(await guard.getState().confirm()).toBe(true);
    expect(inspector.getState().sessionId).toBeNull();
    expect(inspector.getState().sessions.some((s) => s.shopperId === 'U1')).toBe(false);
    const after = await client.call('shoppers.footprint', { shopperId: 'U1' });
    expect(after.events).toBe(0);
  });
});

function status(rawDataDays: number | null): RetentionStatus {
  return { settings: { rawDataDays }, version: 1, lastRun: null, due: { events: 4, impressions: 1, rewards: 0 } };
}

describe('retention', () => {
  it('reads the days field: whole numbers from 1 to 36,500', () => {
    expect(parseRetentionDays(' 90 ')).toEqual({ ok: true, days: 90 });
    expect(parseRetentionDays('36500')).toEqual({ ok: true, days: 36_500 });
    for (const bad of ['', '   ', 'abc', '1.5', '0', '-3', '36501', '1e3', '90 days']) {
      const parsed = parseRetentionDays(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error.length, bad).toBeGreaterThan(0);
    }
    const half = parseRetentionDays('1.5');
    expect(half.ok === false && half.error).toMatch(/whole number/);
    const zero = parseRetentionDays('0');
    expect(zero.ok === false && zero.error).toMatch(/at least 1/);
  });

  it('knows which changes delete data', () => {
    expect(deletesMore(null, 30)).toBe(true);
    expect(deletesMore(90, 30)).toBe(true);
    expect(deletesMore(30, 90)).toBe(false);
    expect(deletesMore(30, null)).toBe(false);
    expect(deletesMore(null, null)).toBe(false);
  });

  it('plans a save from the form, with a message for a bad value', async () => {
    let current: number | null = 90;
    const { client, transport } = fakeClient({
      'retention.get': () => status(current),
      'retention.set': (input) => {
        current = (input as { rawDataDays: number | null }).rawDataDays;
        return status(current);
      },
    });
    const store = createRetentionStore(client);
    await store.getState().load();
    expect(store.getState().mode).toBe('days');
    expect(store.getState().daysInput).toBe('90');
    expect(store.getState().plan()).toEqual({ kind: 'unchanged' });

    store.getState().setDaysInput('0');
    expect(store.getState().plan().kind).toBe('invalid');
    expect(store.getState().inputError).toMatch(/at least 1/);
    store.getState().setDaysInput('2.5');
    expect(store.getState().plan().kind).toBe('invalid');
    expect(store.getState().inputError).toMatch(/whole number/);

    store.getState().setDaysInput('30');
    expect(store.getState().plan()).toEqual({ kind: 'change', rawDataDays: 30, guarded: true });
    store.getState().setDaysInput('120');
    expect(store.getState().plan()).toEqual({ kind: 'change', rawDataDays: 120, guarded: false });
    store.getState().setMode('forever');
    expect(store.getState().plan()).toEqual({ kind: 'change', rawDataDays: null, guarded: false });

    await store.getState().save(null);
    expect(transport.calls.find((c) => c.method === 'retention.set')?.input).toEqual({ rawDataDays: null });
    expect(store.getState().mode).toBe('forever');
    expect(store.getState().announcement).toEqual({ kind: 'saved', rawDataDays: null });
  });
});
