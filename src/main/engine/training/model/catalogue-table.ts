import type { TrainedIntentModel } from '../checkpoint/checkpoint';
import { linearForward } from '../kernels/matmul';
import type { TextTable } from './item-vectors';
import { addAttributeRows } from './item-attributes';

/** Every item's vector (numItems x dim) of a trained model: text projection plus id embedding plus attribute rows. */
export function catalogueTable(model: TrainedIntentModel, text: TextTable | null): Float32Array {
  const d = model.config.dim;
  const p = model.params;
  let table: Float32Array = new Float32Array(model.numItems * d);
  if (model.config.useText) {
    if (text === null) throw new Error('this model reads text vectors but none were given');
    table = linearForward(text.vectors, p.get('text.w').value, p.get('text.b').value, model.numItems, text.dim, d) as Float32Array;
  }
  if (model.config.useIds) {
    const ids = p.get('item.id').value;
    for (let i = 0; i < table.length; i += 1) table[i] = table[i]! + ids[i]!;
  }
  if (model.config.useAttributes === true) {
    if (model.attributes === undefined) throw new Error('this model reads item attributes but has no attribute table');
    addAttributeRows(p, model.attributes, table, d);
  }
  return table;
}
