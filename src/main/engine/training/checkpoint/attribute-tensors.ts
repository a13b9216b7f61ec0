import type { ItemAttributeTable } from '../model/item-attributes';
import { CorruptCheckpointError, type NamedTensor } from './tensor-file';

/**
 * A model's attribute table stored beside its parameters as two data tensors (`data/attr.offsets`,
 * `data/attr.ids`; integers kept exactly in float32 up to 2^24) and the attribute count as a
 * one-value tensor. They are not parameters: no optimiser state, never trained.
 */
export function attributeTensors(table: ItemAttributeTable | undefined): NamedTensor[] {
  if (table === undefined) return [];
  return [
    { name: 'data/attr.offsets', shape: [table.offsets.length], data: Float32Array.from(table.offsets) },
    { name: 'data/attr.ids', shape: [table.ids.length], data: Float32Array.from(table.ids) },
    { name: 'data/attr.count', shape: [1], data: Float32Array.of(table.count) },
  ];
}

/** The table of a file written with one, else undefined (files from before attributes have none). */
export function readAttributeTable(path: string, tensors: ReadonlyMap<string, NamedTensor>): ItemAttributeTable | undefined {
  const offsets = tensors.get('data/attr.offsets');
  const ids = tensors.get('data/attr.ids');
  const count = tensors.get('data/attr.count');
  if (offsets === undefined && ids === undefined && count === undefined) return undefined;
  if (offsets === undefined || ids === undefined || count === undefined) throw new CorruptCheckpointError(path, 'the attribute table is incomplete');
  if (offsets.data.length < 1 || offsets.data[offsets.data.length - 1] !== ids.data.length) throw new CorruptCheckpointError(path, 'the attribute offsets do not match the attribute ids');
  return { offsets: Int32Array.from(offsets.data), ids: Int32Array.from(ids.data), count: count.data[0]! };
}
