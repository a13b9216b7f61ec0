import type { ParameterSet } from './parameters';

/**
 * Item features beyond text: each item's attribute ids (research sets: the anonymous ids of
 * `<Name>_item2attributes.json`; a shop's catalogue: brand, every node of the category path and a
 * price band, `finetune/catalogue-attributes.ts`). Item i owns `ids[offsets[i] .. offsets[i+1])`,
 * dense ids 0..count-1; an item may have none.
 */
export interface ItemAttributeTable {
  offsets: Int32Array;
  ids: Int32Array;
  /** Distinct attributes (rows of the `item.attr` table). */
  count: number;
}

/** Builds the table from one id list per item (ids must already be dense, 0..count-1). */
export function attributeTable(perItem: readonly (readonly number[])[], count: number): ItemAttributeTable {
  const offsets = new Int32Array(perItem.length + 1);
  perItem.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
  const ids = new Int32Array(offsets[perItem.length]!);
  perItem.forEach((list, i) => ids.set(list, offsets[i]!));
  for (const id of ids) if (!(id >= 0 && id < count)) throw new Error(`attribute id ${id} is outside 0..${count - 1}`);
  return { offsets, ids, count };
}

/** Checks that a table fits a catalogue of `numItems` items. */
export function checkAttributeTable(table: ItemAttributeTable, numItems: number): void {
  if (table.offsets.length !== numItems + 1) throw new Error(`attribute table covers ${table.offsets.length - 1} items, the model ${numItems}`);
  for (const id of table.ids) if (!(id >= 0 && id < table.count)) throw new Error(`attribute id ${id} is outside 0..${table.count - 1}`);
}

/**
 * items[i] += the mean of item i's attribute rows (width d), in place: the attribute part of an
 * item vector, beside its text projection and id embedding. The mean keeps an item with many
 * attributes on the same scale as one with a few; an item without attributes gets nothing.
 */
export function addAttributeRows(params: ParameterSet, table: ItemAttributeTable, items: Float32Array, d: number): void {
  const attr = params.get('item.attr').value;
  const n = table.offsets.length - 1;
  for (let i = 0; i < n; i += 1) {
    const from = table.offsets[i]!;
    const to = table.offsets[i + 1]!;
    if (to === from) continue;
    const w = 1 / (to - from);
    for (let p = from; p < to; p += 1) {
      const a = table.ids[p]! * d;
      for (let c = 0; c < d; c += 1) items[i * d + c] = items[i * d + c]! + w * attr[a + c]!;
    }
  }
}

/** The backward of `addAttributeRows`: each attribute row gets its items' gradients, each over the item's attribute count. */
export function attributeRowsBackward(params: ParameterSet, table: ItemAttributeTable, dItems: Float32Array, d: number): void {
  const grad = params.get('item.attr').grad;
  const n = table.offsets.length - 1;
  for (let i = 0; i < n; i += 1) {
    const from = table.offsets[i]!;
    const to = table.offsets[i + 1]!;
    if (to === from) continue;
    // An item with no gradient adds nothing (under the sampled softmax, most of a large
    // catalogue at every step): skip it rather than add zeros to each of its attribute rows.
    let c0 = 0;
    while (c0 < d && dItems[i * d + c0] === 0) c0 += 1;
    if (c0 === d) continue;
    const w = 1 / (to - from);
    for (let p = from; p < to; p += 1) {
      const a = table.ids[p]! * d;
      for (let c = 0; c < d; c += 1) grad[a + c] = grad[a + c]! + w * dItems[i * d + c]!;
    }
  }
}

/** `addAttributeRows` for some items only: out row r (of `items.length`, width d) += the mean of item `items[r]`'s attribute rows. */
export function addAttributeRowsOf(params: ParameterSet, table: ItemAttributeTable, items: Int32Array, out: Float32Array, d: number): void {
  const attr = params.get('item.attr').value;
  for (let r = 0; r < items.length; r += 1) {
    const i = items[r]!;
    const from = table.offsets[i]!;
    const to = table.offsets[i + 1]!;
    if (to === from) continue;
    const w = 1 / (to - from);
    for (let p = from; p < to; p += 1) {
      const a = table.ids[p]! * d;
      for (let c = 0; c < d; c += 1) out[r * d + c] = out[r * d + c]! + w * attr[a + c]!;
    }
  }
}

/**
 * `attributeRowsBackward` for some items only: `dItems` row k is item `items[k]`'s gradient. With
 * the items ascending and distinct, the sums are the dense backward's, in its order, bit for bit.
 */
export function attributeRowsBackwardOf(params: ParameterSet, table: ItemAttributeTable, items: Int32Array, dItems: Float32Array, d: number): void {
  const grad = params.get('item.attr').grad;
  for (let k = 0; k < items.length; k += 1) {
    const i = items[k]!;
    const from = table.offsets[i]!;
    const to = table.offsets[i + 1]!;
    if (to === from) continue;
    const w = 1 / (to - from);
    for (let p = from; p < to; p += 1) {
      const a = table.ids[p]! * d;
      for (let c = 0; c < d; c += 1) grad[a + c] = grad[a + c]! + w * dItems[k * d + c]!;
    }
  }
}
