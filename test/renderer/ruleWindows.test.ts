import { describe, expect, it } from 'vitest';
import { RULE_WINDOWS_MAX, type Rule } from '../../src/renderer/src/transport/contract';
import { fieldOfIssuePath, formFromRule, inputFromForm, type RuleFieldErrors } from '../../src/renderer/src/stores/ruleForm';
import { errorsAfterWindowEdit, toggledDay, withWindowAdded, withWindowChanged, withWindowRemoved } from '../../src/renderer/src/stores/ruleWindows';
import { createRulesStore } from '../../src/renderer/src/stores/rulesStore';
import { windowsLabel } from '../../src/renderer/src/pages/rules/ruleLabels';
import { fakeClient } from './fakes';

const messages = { notANumber: 'NaN', notADate: 'bad date', windowNeedsZone: 'zone!' };
const weekdaysAndSaturday: Rule = {
  ruleId: 'r1',
  kind: 'boost',
  target: { type: 'brand', brand: 'Acme' },
  strength: 0.4,
  slot: '*',
  startsAt: null,
  endsAt: null,
  enabled: true,
  note: '',
  createdAt: 1,
  updatedAt: 1,
  schedule: {
    timeZone: 'Europe/Berlin',
    windows: [
      { days: [1, 2, 3, 4, 5], from: '18:00', to: '22:00' },
      { days: [6], from: '10:00', to: '14:00' },
      { days: [5, 6], from: '22:00', to: '02:00' },
    ],
  },
};

describe('a rule’s weekly windows in the form', () => {
  it('keeps every window of a stored rule through an edit (not only the first)', () => {
    const form = formFromRule(weekdaysAndSaturday);
    expect(form.windows).toHaveLength(3);
    expect(inputFromForm(form, messages).input?.schedule).toEqual(weekdaysAndSaturday.schedule);
    // The form's copy is its own: editing it leaves the stored rule alone.
    form.windows[0]!.days.push(0);
    expect(weekdaysAndSaturday.schedule?.windows[0]?.days).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends the days in week order and refuses windows without a zone', () => {
    const form = { ...formFromRule(weekdaysAndSaturday), windows: [{ days: [6, 0, 3], from: '08:00', to: '12:00' }] };
    expect(inputFromForm(form, messages).input?.schedule?.windows).toEqual([{ days: [0, 3, 6], from: '08:00', to: '12:00' }]);
    expect(inputFromForm({ ...form, timeZone: '' }, messages)).toEqual({ input: null, errors: { timeZone: 'zone!' } });
    // No window and a zone: the zone reads start and end, and the rule is on all week.
    expect(inputFromForm({ ...form, windows: [] }, messages).input?.schedule).toEqual({ timeZone: 'Europe/Berlin', windows: [] });
  });

  it('puts the engine’s issue of a window on that window’s control', () => {
    expect(fieldOfIssuePath('schedule.windows.2.to', 'brand')).toBe('windows.2.to');
    expect(fieldOfIssuePath('patch.schedule.windows.0.from', 'brand')).toBe('windows.0.from');
    expect(fieldOfIssuePath('schedule.windows.1.days.3', 'brand')).toBe('windows.1.days');
    expect(fieldOfIssuePath('schedule.windows.1.days', 'brand')).toBe('windows.1.days');
    expect(fieldOfIssuePath('schedule.windows', 'brand')).toBe('windows');
    expect(fieldOfIssuePath('schedule.timeZone', 'brand')).toBe('timeZone');
  });

  it('adds up to the contract’s most, changes and removes one window', () => {
    let windows = withWindowAdded([]);
    expect(windows).toEqual([{ days: [], from: '09:00', to: '17:00' }]);
    for (let i = 0; i < RULE_WINDOWS_MAX + 3; i++) windows = withWindowAdded(windows);
    expect(windows).toHaveLength(RULE_WINDOWS_MAX);
    windows = withWindowChanged(windows, 1, { from: '07:30' });
    expect(windows[1]).toEqual({ days: [], from: '07:30', to: '17:00' });
    expect(windows[0]?.from).toBe('09:00');
    expect(withWindowRemoved(windows, 1).map((w) => w.from).slice(0, 2)).toEqual(['09:00', '09:00']);
    expect(toggledDay([5, 1], 3, true)).toEqual([1, 3, 5]);
    expect(toggledDay([1, 3, 5], 3, false)).toEqual([1, 5]);
    expect(toggledDay([1], 1, true)).toEqual([1]);
  });

  it('clears what an edit made stale, and keeps the rest', () => {
    const errors: RuleFieldErrors = { 'windows.0.to': 'bad', 'windows.1.to': 'bad too', 'windows.1.days': 'none', windows: 'too many', strength: 'NaN' };
    expect(errorsAfterWindowEdit(errors, { index: 1, parts: ['to'] })).toEqual({ 'windows.0.to': 'bad', 'windows.1.days': 'none', strength: 'NaN' });
    expect(errorsAfterWindowEdit(errors, 'shift')).toEqual({ strength: 'NaN' });
  });

  it('says the windows in words with day names', () => {
    const label = windowsLabel(weekdaysAndSaturday.schedule!);
    expect(label.startsWith('Europe/Berlin · ')).toBe(true);
    expect(label.split(' · ')).toHaveLength(4);
    expect(label).toContain('10:00–14:00');
    expect(label).not.toMatch(/\b[0-6](,[0-6])+\b/);
  });
});

describe('the rules store’s window edits', () => {
  it('checks every window with the contract: an hour past 23 is refused on that window’s “to”', async () => {
    const { client, transport } = fakeClient({ 'rules.list': () => [weekdaysAndSaturday], 'sessions.list': () => [] });
    const store = createRulesStore(client);
    await store.getState().load();
    store.getState().openEdit('r1');
    expect(store.getState().form?.windows).toHaveLength(3);
    store.getState().setWindow(2, { to: '25:00' });
    store.getState().setWindow(1, { days: [] });
    expect(store.getState().validate()).toBeNull();
    const errors = store.getState().fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(['windows.1.days', 'windows.2.to']);
    // Fixing one window clears its message only.
    store.getState().setWindow(2, { to: '23:00' });
    expect(Object.keys(store.getState().fieldErrors)).toEqual(['windows.1.days']);
    // Removing it shifts the windows after it: every window's message goes.
    store.getState().removeWindow(1);
    expect(store.getState().fieldErrors).toEqual({});
    store.getState().addWindow();
    store.getState().setWindow(2, { days: [0] });
    expect(store.getState().validate()?.schedule?.windows).toEqual([weekdaysAndSaturday.schedule!.windows[0], { days: [5, 6], from: '22:00', to: '23:00' }, { days: [0], from: '09:00', to: '17:00' }]);
    expect(transport.calls.some((c) => c.method === 'rules.update')).toBe(false);
  });
});
