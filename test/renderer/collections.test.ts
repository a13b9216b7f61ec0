import { describe, expect, it } from 'vitest';
import { ContractError, type Collection } from '../../src/renderer/src/transport/contract';
import { collectionFieldErrors, itemLines, toggledItem } from '../../src/renderer/src/stores/collectionForm';
import { createCollectionsStore } from '../../src/renderer/src/stores/collectionsStore';
import { draftPreviewTarget } from '../../src/renderer/src/stores/draftPreview';
import { EMPTY_RULE_FORM, fieldOfIssuePath, formFromRule, inputFromForm } from '../../src/renderer/src/stores/ruleForm';
import { collectionLabel, conditionLabel } from '../../src/renderer/src/pages/rules/ruleLabels';
import { fakeClient } from './fakes';

const sale: Collection = { collectionId: 'summer-sale', name: 'Summer sale', itemCount: 2, createdAt: 1, updatedAt: 2 };

describe('the collection form', () => {
  it('reads one id a line, skipping blanks, and knows each id’s line', () => {
    expect(itemLines(' P1 \n\n P2\r\nP3\n')).toEqual({ itemIds: ['P1', 'P2', 'P3'], lines: [1, 3, 4] });
    expect(toggledItem('P1\nP2', 'P3', true)).toBe('P1\nP2\nP3');
    expect(toggledItem('P1\nP2\nP3', 'P2', false)).toBe('P1\nP3');
    expect(toggledItem('P1\nP2', 'P1', true)).toBe('P2\nP1');
  });

  it('puts an item’s issue on the items box with its line, and the rest on their fields', () => {
    const { lines } = itemLines('P1\n\nnope\nP1');
    const errors = collectionFieldErrors(
      [
        { path: 'itemIds.1', message: 'unknown item "nope"' },
        { path: 'itemIds.2', message: 'listed twice' },
        { path: 'collectionId', message: 'a handle' },
        { path: 'x', message: 'odd' },
      ],
      lines,
      (line) => `line ${line}`,
    );
    expect(errors).toEqual({ itemsText: 'line 3: unknown item "nope"; line 4: listed twice', collectionId: 'a handle', _form: 'odd' });
  });
});

describe('the collections store', () => {
  it('saves the typed items in order, adds the collection to the list, and tells the Rules page', async () => {
    let changed = 0;
    const { client, transport } = fakeClient({ 'collections.list': () => [], 'collections.save': () => sale });
    const store = createCollectionsStore(client, { onChanged: () => changed++ });
    await store.getState().load();
    store.getState().openNew();
    store.getState().setField('collectionId', ' summer-sale ');
    store.getState().setField('name', 'Summer sale');
    store.getState().setField('itemsText', 'P2\n');
    store.getState().toggleItem('P1', true);
    expect(await store.getState().submit()).toBe(true);
    expect(transport.calls.at(-1)).toEqual({ method: 'collections.save', input: { collectionId: 'summer-sale', name: 'Summer sale', itemIds: ['P2', 'P1'] } });
    expect(store.getState().collections).toEqual([sale]);
    expect(store.getState().form).toBeNull();
    expect(changed).toBe(1);
  });

  it('keeps the form open with the engine’s words on the lines they name, and shows a refused delete', async () => {
    const { client } = fakeClient({
      'collections.list': () => [sale],
      'collections.get': () => ({ collection: sale, itemIds: ['P1', 'P2'] }),
      'collections.save': () => {
        throw new ContractError('bad_request', 'collection: itemIds.2: unknown item "zz"', [{ path: 'itemIds.2', message: 'unknown item "zz"' }]);
      },
      'collections.delete': () => {
        throw new ContractError('conflict', 'collection summer-sale is the scope of rule r-4: change or delete it first');
      },
    });
    const store = createCollectionsStore(client);
    await store.getState().load();
    await store.getState().openEdit('summer-sale');
    expect(store.getState().form).toEqual({ collectionId: 'summer-sale', name: 'Summer sale', itemsText: 'P1\nP2' });
    store.getState().toggleItem('zz', true);
    expect(await store.getState().submit()).toBe(false);
    expect(store.getState().fieldErrors.itemsText).toContain('3: unknown item "zz"');
    expect(store.getState().form).not.toBeNull();
    store.getState().closeForm();
    await store.getState().remove('summer-sale');
    expect(store.getState().actionError).toContain('r-4');
    expect(store.getState().collections).toEqual([sale]);
  });
});

describe('a rule scoped to a collection in the console', () => {
  const rule = { ruleId: 'r1', kind: 'pin' as const, target: { type: 'item' as const, itemId: 'P1' }, strength: 0.5, position: 1, slot: 'home', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1, collection: 'summer-sale' };

  it('goes to the form and back, lands the engine’s issue on its field, and is said in words', () => {
    expect(formFromRule(rule).collection).toBe('summer-sale');
    expect(inputFromForm(formFromRule(rule), { notANumber: 'x', notADate: 'y' }).input?.collection).toBe('summer-sale');
    expect(inputFromForm({ ...EMPTY_RULE_FORM, brand: 'Acme' }, { notANumber: 'x', notADate: 'y' }).input?.collection).toBeNull();
    expect(fieldOfIssuePath('collection', 'item')).toBe('collection');
    expect(conditionLabel(rule)).toContain('summer-sale');
    expect(collectionLabel('summer-sale', [{ collectionId: 'summer-sale', name: 'Summer sale' }])).toBe('Summer sale (summer-sale)');
    expect(collectionLabel('gone', [])).toBe('gone');
  });

  it('may target a collection’s items: the form’s collection target goes to the engine and back, with its errors', () => {
    const targeting = { ...rule, kind: 'boost' as const, target: { type: 'collection' as const, collection: 'summer-sale' }, collection: null };
    const form = formFromRule(targeting);
    expect(form).toMatchObject({ targetType: 'collection', targetCollection: 'summer-sale', collection: '' });
    expect(inputFromForm(form, { notANumber: 'x', notADate: 'y' }).input?.target).toEqual({ type: 'collection', collection: 'summer-sale' });
    expect(fieldOfIssuePath('target.collection', 'collection')).toBe('targetCollection');
    expect(fieldOfIssuePath('target', 'collection')).toBe('targetCollection');
  });

  it('is previewed on the collection’s list, never on a search', () => {
    const input = { kind: 'pin' as const, target: { type: 'item' as const, itemId: 'P1' }, position: 1, collection: 'summer-sale' };
    expect(draftPreviewTarget({ ...input, slot: 'home' }, 'typed query', 'cart')).toEqual({ slot: 'home', collection: 'summer-sale' });
    expect(draftPreviewTarget({ ...input, slot: '*' }, 'typed query', 'search')).toEqual({ slot: 'home', collection: 'summer-sale' });
    expect(draftPreviewTarget({ ...input, slot: '*' }, '', 'category')).toEqual({ slot: 'category', collection: 'summer-sale' });
    // Another rule goes on the collection chosen in the preview, unless it is a search's.
    const boost = { kind: 'boost' as const, target: { type: 'collection' as const, collection: 'summer-sale' } };
    expect(draftPreviewTarget(boost, '', 'home', [], 'gifts')).toEqual({ slot: 'home', collection: 'gifts' });
    expect(draftPreviewTarget({ ...boost, slot: 'search' }, 'mug', 'home', [], 'gifts')).toEqual({ slot: 'search', query: 'mug' });
    expect(draftPreviewTarget(boost, '', 'home')).toEqual({ slot: 'home' });
  });
});
