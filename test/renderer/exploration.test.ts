import { describe, expect, it } from 'vitest';
import { ContractError, type ExplorationBySlot } from '../../src/renderer/src/transport/contract';
import { explorationForm, explorationRows, ratePercentText, settingsFromForm, windowSize, type ExplorationFormValues } from '../../src/renderer/src/stores/explorationForm';
import { createExplorationStore, exploresNow } from '../../src/renderer/src/stores/explorationStore';
import { fakeClient } from './fakes';

const messages = {
  range: (min: number, max: number) => `range ${min}-${max}`,
  whole: (min: number, max: number) => `whole ${min}-${max}`,
  after: 'after',
  pool: (size: number) => `pool ${size}`,
};

const HOME_ON: ExplorationBySlot = { slots: { home: { enabled: true, rate: 0.2, fromPosition: 2, toPosition: 8, poolSize: 15 }, cart: { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 } } };

function form(overrides: Partial<ExplorationFormValues> = {}): ExplorationFormValues {
  return { enabled: true, rate: '10', fromPosition: '1', toPosition: '10', poolSize: '20', note: '', ...overrides };
}

describe('exploration form', () => {
  it('lists the slots every shop has, then configured and extra ones, with the engine defaults where unset', () => {
    const rows = explorationRows(HOME_ON, ['email']);
    expect(rows.map((r) => r.slot)).toEqual(['home', 'product', 'search', 'cart', 'email']);
    expect(rows[0]).toMatchObject({ configured: true, settings: { enabled: true, rate: 0.2 } });
    expect(rows[1]).toMatchObject({ configured: false, settings: { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 } });
    expect(explorationRows(null).map((r) => r.slot)).toEqual(['home', 'product', 'search']);
    expect(windowSize({ fromPosition: 2, toPosition: 8 })).toBe(7);
    expect(ratePercentText(0.005)).toBe('0.5');
    expect(ratePercentText(0.1)).toBe('10');
  });

  it('reads a valid form into contract settings, the rate as a fraction', () => {
    const { settings, errors } = settingsFromForm(form({ rate: '12.5', fromPosition: ' 2 ', toPosition: '6', poolSize: '5' }), messages);
    expect(errors).toEqual({});
    expect(settings).toEqual({ enabled: true, rate: 0.125, fromPosition: 2, toPosition: 6, poolSize: 5 });
    expect(settingsFromForm(form({ enabled: false, rate: '0,5' }), messages).settings).toMatchObject({ enabled: false, rate: 0.005 });
  });

  it('refuses what the contract refuses: a window that ends before it starts, a pool smaller than the window, rates and positions out of range', () => {
    expect(settingsFromForm(form({ fromPosition: '5', toPosition: '5' }), messages).errors).toEqual({ toPosition: 'after' });
    expect(settingsFromForm(form({ fromPosition: '3', toPosition: '12', poolSize: '9' }), messages).errors).toEqual({ poolSize: 'pool 10' });
    expect(settingsFromForm(form({ rate: '60' }), messages).errors).toEqual({ rate: 'range 0.5-50' });
    expect(settingsFromForm(form({ rate: '' }), messages).errors).toEqual({ rate: 'range 0.5-50' });
    expect(settingsFromForm(form({ fromPosition: '1.5' }), messages).errors).toEqual({ fromPosition: 'whole 1-50' });
    expect(settingsFromForm(form({ toPosition: '1' }), messages).errors).toEqual({ toPosition: 'whole 2-50' });
    expect(settingsFromForm(form({ poolSize: '101' }), messages).errors).toEqual({ poolSize: 'whole 2-100' });
  });

  it('keeps the rate as typed: no rounding to a tenth of a point, only float noise dropped', () => {
    expect(settingsFromForm(form({ rate: '0.75' }), messages).settings?.rate).toBe(0.0075);
    expect(settingsFromForm(form({ rate: '1.25' }), messages).settings?.rate).toBe(0.0125);
    expect(settingsFromForm(form({ rate: '33.3333' }), messages).settings?.rate).toBe(0.333333);
    // A rate set through the API shows with all its digits, and saving another field keeps it.
    expect(ratePercentText(0.0125)).toBe('1.25');
    expect(ratePercentText(0.0075)).toBe('0.75');
    expect(ratePercentText(0.123456)).toBe('12.3456');
    const fromApi = explorationForm({ enabled: true, rate: 0.0125, fromPosition: 1, toPosition: 10, poolSize: 20 });
    expect(fromApi.rate).toBe('1.25');
    expect(settingsFromForm({ ...fromApi, poolSize: '30' }, messages).settings).toEqual({ enabled: true, rate: 0.0125, fromPosition: 1, toPosition: 10, poolSize: 30 });
  });

  it('fills the form from settings, ticking "explore" when asked to turn it on', () => {
    const off = { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 };
    expect(explorationForm(off)).toEqual({ enabled: false, rate: '10', fromPosition: '1', toPosition: '10', poolSize: '20', note: '' });
    expect(explorationForm(off, true).enabled).toBe(true);
  });
});

describe('exploration store', () => {
  it('loads the settings and saves one slot with its note, which the engine audits', async () => {
    let saved: ExplorationBySlot = { slots: {} };
    const { client, transport } = fakeClient({
      'exploration.settings': () => saved,
      'exploration.configure': (input) => {
        const { slot, settings } = input as { slot: string; settings: ExplorationBySlot['slots'][string] };
        saved = { slots: { ...saved.slots, [slot]: settings } };
        return saved;
      },
    });
    const store = createExplorationStore(client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, settings: { slots: {} } });
    expect(exploresNow(store.getState().settings, 'home')).toBe(false);

    store.getState().edit('home', { enable: true });
    expect(store.getState().editing).toMatchObject({ slot: 'home', form: { enabled: true, rate: '10', fromPosition: '1', toPosition: '10', poolSize: '20' } });
    store.getState().setField('rate', '25');
    store.getState().setField('note', ' learn home ');
    expect(await store.getState().save()).toBe(true);
    expect(transport.calls.at(-1)).toEqual({
      method: 'exploration.configure',
      input: { slot: 'home', settings: { enabled: true, rate: 0.25, fromPosition: 1, toPosition: 10, poolSize: 20 }, note: 'learn home' },
    });
    expect(store.getState()).toMatchObject({ editing: null, savedSlot: 'home', saving: false });
    expect(exploresNow(store.getState().settings, 'home')).toBe(true);
  });

  it('keeps an invalid form open with its errors and sends nothing; typing clears the field’s error', async () => {
    const { client, transport } = fakeClient({ 'exploration.settings': () => HOME_ON });
    const store = createExplorationStore(client);
    await store.getState().load();
    store.getState().edit('home');
    expect(store.getState().editing?.form).toMatchObject({ enabled: true, rate: '20', fromPosition: '2', toPosition: '8', poolSize: '15' });
    store.getState().setField('poolSize', '3');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().fieldErrors.poolSize).toContain('7');
    expect(transport.calls.map((c) => c.method)).toEqual(['exploration.settings']);
    store.getState().setField('poolSize', '7');
    expect(store.getState().fieldErrors).toEqual({});
    store.getState().cancel();
    expect(store.getState().editing).toBeNull();
  });

  it('puts the engine’s refusal on the field it names, or on the form', async () => {
    let refusal = new ContractError('bad_request', 'settings.poolSize: too small', [{ path: 'settings.poolSize', message: 'too small' }]);
    const { client } = fakeClient({
      'exploration.settings': () => ({ slots: {} }),
      'exploration.configure': () => {
        throw refusal;
      },
    });
    const store = createExplorationStore(client);
    store.getState().edit('search', { enable: true });
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().fieldErrors).toEqual({ poolSize: 'too small' });
    refusal = new ContractError('internal', 'disk full');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().fieldErrors).toEqual({ _form: 'disk full' });
    expect(store.getState().editing?.slot).toBe('search');
  });
});
