import { describe, expect, it } from 'vitest';
import { afterPurchaseAssessment, createAfterPurchaseStore, parseAfterPurchaseDays } from '../../src/renderer/src/stores/afterPurchaseStore';
import { createGuardStore } from '../../src/renderer/src/stores/guardStore';
import type { AfterPurchaseView } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

const view = (days: number, version = 0): AfterPurchaseView => ({ days, version, updatedAt: version === 0 ? null : 1_700_000_000_000, suggestedDays: 7 });

describe('after-purchase policy (Settings page)', () => {
  it('reads the days field as whole days from 0 to 90', () => {
    expect(parseAfterPurchaseDays(' 7 ')).toEqual({ ok: true, days: 7 });
    expect(parseAfterPurchaseDays('90')).toEqual({ ok: true, days: 90 });
    for (const bad of ['', 'seven', '1.5', '91', '-1']) expect(parseAfterPurchaseDays(bad).ok).toBe(false);
  });

  it('states the measured effect before turning it on, and what ends when turning it off', () => {
    const on = afterPurchaseAssessment(0, 7);
    expect(on.action).toBe('afterPurchase.set');
    expect(on.effects.join(' ')).toMatch(/last 7 days/);
    expect(on.effects.join(' ')).toMatch(/0\.876 ± 0\.085.*0\.919 ± 0\.146/);
    expect(on.effects.join(' ')).toMatch(/Search results and product pages are not filtered/);
    const off = afterPurchaseAssessment(7, 0);
    expect(off.effects.join(' ')).toMatch(/stop leaving out.*7-day window/);
    expect(off.effects.join(' ')).not.toMatch(/0\.876/);
  });

  it('loads the setting, refuses a bad field without calling the engine, and sends the change with the reason through the risk dialog', async () => {
    let stored = view(0);
    const sent: unknown[] = [];
    const { client, transport } = fakeClient({
      'afterPurchase.get': () => stored,
      'afterPurchase.set': (input) => {
        sent.push(input);
        stored = view((input as { days: number }).days, 1);
        return stored;
      },
    });
    const store = createAfterPurchaseStore(client);
    await store.getState().load();
    // Off: the switch is off and the field offers the measured window.
    expect(store.getState()).toMatchObject({ enabled: false, daysInput: '7' });
    expect(store.getState().plan()).toEqual({ kind: 'unchanged' });

    store.getState().setEnabled(true);
    store.getState().setDaysInput('2.5');
    expect(store.getState().plan().kind).toBe('invalid');
    expect(store.getState().inputError).toMatch(/whole number/);
    store.getState().setDaysInput('0');
    expect(store.getState().plan().kind).toBe('invalid');
    expect(transport.calls.map((c) => c.method)).not.toContain('afterPurchase.set');

    store.getState().setDaysInput('10');
    const plan = store.getState().plan();
    expect(plan).toEqual({ kind: 'change', days: 10 });
    const guard = createGuardStore(client);
    await guard.getState().ask({
      action: { action: 'afterPurchase.set', days: 10 },
      assess: async () => afterPurchaseAssessment(0, 10),
      run: (confirm) => store.getState().save(10, confirm),
    });
    expect(guard.getState().assessment?.effects.join(' ')).toMatch(/last 10 days/);
    // The engine's guard is not asked: the console states this effect itself.
    expect(transport.calls.map((c) => c.method)).not.toContain('guard.assess');
    guard.getState().setReason('fewer repeat helmets');
    expect(await guard.getState().confirm()).toBe(true);
    expect(sent).toEqual([{ days: 10, confirm: { reason: 'fewer repeat helmets' } }]);
    expect(store.getState()).toMatchObject({ saved: 10, enabled: true, daysInput: '10', view: { days: 10, version: 1 } });
  });
});
