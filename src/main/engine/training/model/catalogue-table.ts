import type { TrainedIntentModel } from '../checkpoint/checkpoint';
import { linearForward } from '../kernels/matmul';
import type { TextTable } from './item-vectors';
import { addAttributeRows } from './item-attributes';

/** Every item's vector (numItems x dim) of a trained model: text projection plus id embedding plus attribute rows. */
export function catalogueTable(model: TrainedIntentModel, text: TextTable | null): Float32Array {
  const table = new Float32Array(model.numItems * model.config.dim);
  addCatalogueRows(model, text, table, 0, model.numItems);
  return table;
}

/**
 * Items [from, to) of `catalogueTable` added into `table` (zeros there): the same sums, bit for
 * bit, a block of items at a time (serving builds the table in slices: finetune/serving-intent-model.ts).
 */
export function addCatalogueRows(model: TrainedIntentModel, text: TextTable | null, table: Float32Array, from: number, to: number): void {
  const d = model.config.dim;
  const p = model.params;
  const block = table.subarray(from * d, to * d);
  if (model.config.useText) {
    if (text === null) throw new Error('this model reads text vectors but none were given');
    const projected = linearForward(text.vectors.subarray(from * text.dim, to * text.dim), p.get('text.w').value, p.get('text.b').value, to - from, text.dim, d);
    for (let i = 0; i < block.length; i += 1) block[i] = block[i]! + projected[i]!;
  }
  if (model.config.useIds) {
    const ids = p.get('item.id').value;
    const at = from * d;
    for (let i = 0; i < block.length; i += 1) block[i] = block[i]! + ids[at + i]!;
  }
  if (model.config.useAttributes === true) {
    if (model.attributes === undefined) throw new Error('this model reads item attributes but has no attribute table');
    addAttributeRows(p, { ...model.attributes, offsets: model.attributes.offsets.subarray(from, to + 1) }, block, d);
  }
}
