import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { attributeValue, EMPTY_RULE_FORM, fieldErrorsFromIssues, fieldOfIssuePath, formFromRule, fromLocalInput, inputFromForm, toLocalInput, type RuleFormValues } from '../../src/renderer/src/stores/ruleForm';
import { createRulesStore } from '../../src/renderer/src/stores/rulesStore';
import { draftPreviewTarget } from '../../src/renderer/src/stores/draftPreview';
import { fakeClient } from './fakes';

const messages = { notANumber: 'NaN', notADate: 'bad date' };

describe('rule form', () => {
  it('maps engine issue paths to the fields that show them', () => {
    expect(fieldOfIssuePath('position', 'item')).toBe('position');
    expect(fieldOfIssuePath('target.itemId', 'item')).toBe('itemId');
    expect(fieldOfIssuePath('patch.endsAt', 'brand')).toBe('endsAt');
    expect(fieldOfIssuePath('target.type', 'brand')).toBe('targetType');
    expect(fieldOfIssuePath('target', 'category')).toBe('category');
    expect(fieldOfIssuePath('target.name', 'attribute')).toBe('attrName');
    expect(fieldOfIssuePath('(root)', 'brand')).toBe('_form');
    expect(fieldErrorsFromIssues([{ path: 'position', message: 'required for a pin rule' }, { path: 'position', message: 'too big' }, { path: 'x', message: 'odd' }], 'item')).toEqual({
      position: 'required for a pin rule; too big',
      _form: 'odd',
    });
  });

  it('builds the engine input, with strength only for boost/bury and position only for pins', () => {
    const boost = inputFromForm({ ...EMPTY_RULE_FORM, kind: 'boost', targetType: 'brand', brand: ' Acme ', strength: '0.7' }, messages);
    expect(boost.input).toEqual({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, strength: 0.7, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '', query: null, category: null, segment: null, collection: null, schedule: null, url: null });
    const pin = inputFromForm({ ...EMPTY_RULE_FORM, kind: 'pin', targetType: 'item', itemId: 'P1', position: '3', slot: 'home' }, messages);
    expect(pin.input).toMatchObject({ kind: 'pin', target: { type: 'item', itemId: 'P1' }, position: 3, slot: 'home' });
    expect(pin.input).not.toHaveProperty('strength');
    const attr = inputFromForm({ ...EMPTY_RULE_FORM, kind: 'filter', targetType: 'attribute', attrName: 'colour', attrValue: '42' }, messages);
    expect(attr.input?.target).toEqual({ type: 'attribute', name: 'colour', value: 42 });
  });

  it('refuses what it cannot send: numbers that are not numbers, dates that are not dates', () => {
    const bad = inputFromForm({ ...EMPTY_RULE_FORM, kind: 'boost', strength: 'lots', startsAt: 'not-a-date' }, messages);
    expect(bad.input).toBeNull();
    expect(bad.errors).toEqual({ strength: 'NaN', startsAt: 'bad date' });
  });

  it('round-trips a stored rule through the form', () => {
    const rule: Rule = { ruleId: 'r1', kind: 'pin', target: { type: 'item', itemId: 'P9' }, strength: 0.5, position: 2, slot: 'home', startsAt: new Date(2026, 0, 2, 3, 4).getTime(), endsAt: null, enabled: false, note: 'n', createdAt: 1, updatedAt: 1 };
    // A segment goes to its field and back; an empty field is no segment; the engine's issue lands on it.
    expect(formFromRule({ ...rule, segment: 'vip' }).segment).toBe('vip');
    expect(inputFromForm(formFromRule({ ...rule, segment: 'vip' }), messages).input?.segment).toBe('vip');
    expect(inputFromForm({ ...formFromRule(rule), segment: '  ' }, messages).input?.segment).toBeNull();
    expect(fieldOfIssuePath('segment', 'item')).toBe('segment');
    const form = formFromRule(rule);
    expect(form).toMatchObject({ kind: 'pin', targetType: 'item', itemId: 'P9', position: '2', startsAt: '2026-01-02T03:04', endsAt: '', enabled: false });
    expect(inputFromForm(form, messages).input).toMatchObject({ kind: 'pin', position: 2, startsAt: rule.startsAt, endsAt: null, enabled: false });
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(attributeValue('true')).toBe(true);
    expect(attributeValue('red')).toBe('red');
  });

  it('keeps a stored attribute value’s type while its text is unchanged; new text is read as typed', () => {
    const rule = (value: string | number | boolean): Rule => ({ ruleId: 'r2', kind: 'filter', target: { type: 'attribute', name: 'size', value }, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: 'old', createdAt: 1, updatedAt: 1 });
    const sent = (value: string | number | boolean, change: Partial<RuleFormValues> = {}) => inputFromForm({ ...formFromRule(rule(value)), ...change }, messages).input?.target;
    // A rule from the API or an import stores "42" and "true" as text: an edit of the note sends exactly that back.
    expect(sent('42', { note: 'new note' })).toEqual({ type: 'attribute', name: 'size', value: '42' });
    expect(sent('true', { note: 'new note' })).toEqual({ type: 'attribute', name: 'size', value: 'true' });
    expect(sent(42)).toEqual({ type: 'attribute', name: 'size', value: 42 });
    expect(sent(false)).toEqual({ type: 'attribute', name: 'size', value: false });
    expect(sent(' M ')).toEqual({ type: 'attribute', name: 'size', value: ' M ' });
    // Text the user changed is read as new input: a number is a number.
    expect(sent('42', { attrValue: '43' })).toEqual({ type: 'attribute', name: 'size', value: 43 });
    expect(sent(42, { attrValue: '42.5' })).toEqual({ type: 'attribute', name: 'size', value: 42.5 });
  });
});

describe('rules store', () => {
  it('shows the engine’s validation issues next to the fields they name', async () => {
    const { client } = fakeClient({
      'rules.list': () => [],
      'sessions.list': () => [],
      'rules.create': () => {
        throw new ContractError('bad_request', 'rule: position: required for a pin rule', [{ path: 'position', message: 'required for a pin rule' }, { path: 'target.type', message: 'a pin rule targets one item' }]);
      },
    });
    const store = createRulesStore(client);
    await store.getState().load();
    store.getState().openNew();
    store.getState().setField('kind', 'pin');
    expect(await store.getState().submit()).toBe(false);
    expect(store.getState().fieldErrors).toEqual({ position: 'required for a pin rule', targetType: 'a pin rule targets one item' });
    expect(store.getState().form).not.toBeNull();
    // Editing the field clears its message.
    store.getState().setField('position', '2');
    expect(store.getState().fieldErrors.position).toBeUndefined();
  });

  it('adds a created rule to the list and closes the form', async () => {
    const created: Rule = { ruleId: 'r7', kind: 'boost', target: { type: 'brand', brand: 'Acme' }, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1 };
    const { client, transport } = fakeClient({ 'rules.list': () => [], 'sessions.list': () => [], 'rules.create': () => created });
    const store = createRulesStore(client);
    await store.getState().load();
    store.getState().openNew();
    store.getState().setField('brand', 'Acme');
    expect(await store.getState().submit()).toBe(true);
    expect(store.getState().rules).toEqual([created]);
    expect(store.getState().form).toBeNull();
    expect(transport.calls.find((c) => c.method === 'rules.create')?.input).toMatchObject({ kind: 'boost', target: { type: 'brand', brand: 'Acme' } });
  });

  it('saves an edit of the note with the attribute value exactly as stored', async () => {
    const stored: Rule = { ruleId: 'r5', kind: 'boost', target: { type: 'attribute', name: 'size', value: '42' }, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1 };
    const { client, transport } = fakeClient({ 'rules.list': () => [stored], 'sessions.list': () => [], 'rules.update': () => ({ ...stored, note: 'why' }) });
    const store = createRulesStore(client);
    await store.getState().load();
    store.getState().openEdit('r5');
    store.getState().setField('note', 'why');
    expect(await store.getState().submit()).toBe(true);
    expect(transport.calls.find((c) => c.method === 'rules.update')?.input).toMatchObject({ ruleId: 'r5', patch: { note: 'why', target: { type: 'attribute', name: 'size', value: '42' } } });
  });

  it('sends the query condition, scope and schedule; start and end are read in the chosen zone', () => {
    const form = { ...EMPTY_RULE_FORM, kind: 'pin' as const, targetType: 'item' as const, itemId: 'sku-1', position: '1', queryMatch: 'contains' as const, queryText: 'shoe', scopeCategory: 'Shoes', timeZone: 'America/New_York', startsAt: '2026-03-09T09:00', windows: [{ days: [5, 1], from: '09:00', to: '17:00' }] };
    const { input } = inputFromForm(form, { notANumber: 'NaN', notADate: 'bad date', windowNeedsZone: 'zone!' });
    expect(input).toMatchObject({ query: { match: 'contains', text: 'shoe' }, category: 'Shoes', startsAt: Date.UTC(2026, 2, 9, 13, 0), schedule: { timeZone: 'America/New_York', windows: [{ days: [1, 5], from: '09:00', to: '17:00' }] }, url: null });
    expect(inputFromForm({ ...form, timeZone: '' }, { notANumber: 'NaN', notADate: 'bad date', windowNeedsZone: 'zone!' }).errors).toEqual({ timeZone: 'zone!' });
    expect(fieldErrorsFromIssues([{ path: 'category', message: 'unknown category "X"' }, { path: 'query.text', message: 'at most 8' }, { path: 'slot', message: 'unknown slot "hom"' }], 'item')).toEqual({ scopeCategory: 'unknown category "X"', queryText: 'at most 8', slot: 'unknown slot "hom"' });
  });
});

describe('previewing the form’s rule before saving', () => {
  const base = { kind: 'pin', target: { type: 'item', itemId: 'P1' }, position: 1 } as const;

  it('picks the list the rule applies to: its query text, the preview’s query for a pattern, else its slot', () => {
    expect(draftPreviewTarget({ ...base, query: { match: 'exact', text: ' red shoe ' }, slot: 'search' }, 'other', 'home')).toEqual({ slot: 'search', query: 'red shoe' });
    expect(draftPreviewTarget({ ...base, query: { match: 'pattern', text: 'shoe*' } }, 'shoes', 'home')).toEqual({ slot: 'search', query: 'shoes' });
    expect(draftPreviewTarget({ ...base, query: { match: 'pattern', text: 'shoe*' } }, ' ', 'home')).toEqual({ needsQuery: true });
    expect(draftPreviewTarget({ ...base, slot: 'search' }, '', 'home')).toEqual({ needsQuery: true });
    expect(draftPreviewTarget({ ...base, slot: 'pdp' }, 'ignored', 'home')).toEqual({ slot: 'pdp' });
    expect(draftPreviewTarget({ ...base, slot: '*', category: 'Shoes' }, '', 'cart')).toEqual({ slot: 'cart', category: 'Shoes' });
    expect(draftPreviewTarget({ ...base, slot: '*' }, 'boots', 'cart')).toEqual({ slot: 'search', query: 'boots' });
    // A segment's rule is previewed in its segment, with the preview's own.
    expect(draftPreviewTarget({ ...base, slot: 'home', segment: 'vip' }, '', 'cart', ['de', 'vip'])).toEqual({ slot: 'home', segments: ['de', 'vip'] });
  });

  it('asks rules.preview with the form as a draft (replacing the rule being edited), shows its before/after, and puts the engine’s field errors on the fields', async () => {
    const stored: Rule = { ruleId: 'r3', kind: 'pin', target: { type: 'item', itemId: 'P9' }, strength: 0.5, position: 2, slot: 'search', query: { match: 'exact', text: 'shoe' }, startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1 };
    const answer = { slot: 'search', query: 'shoe', category: null, ruleIds: ['r3'], before: [], after: [], moves: [] };
    const { client, transport } = fakeClient({
      'rules.list': () => [stored],
      'sessions.list': () => [],
      'rules.preview': (input) => {
        const { draft } = input as { draft?: { target: { itemId: string } } };
        if (draft?.target.itemId === 'nope') throw new ContractError('bad_request', 'draft: target.itemId: no item nope', [{ path: 'draft.target.itemId', message: 'no item nope' }]);
        return answer;
      },
    });
    const store = createRulesStore(client);
    await store.getState().load();
    store.getState().openEdit('r3');
    store.getState().setField('position', '1');
    await store.getState().previewDraft();
    const asked = transport.calls.filter((c) => c.method === 'rules.preview').at(-1)!.input;
    expect(asked).toMatchObject({ slot: 'search', query: 'shoe', k: 20, replaces: 'r3', draft: { kind: 'pin', target: { type: 'item', itemId: 'P9' }, position: 1, query: { match: 'exact', text: 'shoe' } } });
    expect(store.getState()).toMatchObject({ draftPreviewed: true, beforeAfter: answer, previewError: null });
    // The preview remembers the form it was of: a later edit makes it stale.
    expect(store.getState().draftPreviewOf).toBe(store.getState().form);
    // Nothing was saved.
    expect(transport.calls.some((c) => c.method === 'rules.create' || c.method === 'rules.update')).toBe(false);

    store.getState().setField('itemId', 'nope');
    expect(store.getState().draftPreviewOf).not.toBe(store.getState().form);
    await store.getState().previewDraft();
    expect(store.getState().fieldErrors).toEqual({ itemId: 'no item nope' });
    expect(store.getState().previewError).toMatch(/no item nope/);

    // The stored rules' preview replaces the draft's; closing the form drops a draft's preview.
    store.getState().setPreviewQuery('shoe');
    await store.getState().loadPreview();
    expect(store.getState().draftPreviewed).toBe(false);
    store.getState().setField('itemId', 'P9');
    await store.getState().previewDraft();
    expect(store.getState().draftPreviewed).toBe(true);
    store.getState().closeForm();
    expect(store.getState()).toMatchObject({ draftPreviewed: false, beforeAfter: null });
  });

  it('asks nothing for a form that is not a rule', async () => {
    const { client, transport } = fakeClient({ 'rules.list': () => [], 'sessions.list': () => [] });
    const store = createRulesStore(client);
    await store.getState().load();
    store.getState().openNew();
    store.getState().setField('kind', 'boost');
    store.getState().setField('strength', 'lots');
    await store.getState().previewDraft();
    expect(store.getState().fieldErrors.strength).toBeDefined();
    expect(transport.calls.some((c) => c.method === 'rules.preview' && 'draft' in (c.input as object))).toBe(false);
  });
});
