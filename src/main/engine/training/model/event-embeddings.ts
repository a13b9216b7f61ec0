import { lastEvents, NUM_EVENT_TYPES, NUM_GAP_BUCKETS, type TokenEvents } from '../data/session-events';
import { scatterAddRows } from '../kernels/embedding';
import type { ParameterSet } from './parameters';
import type { IntentModelConfig } from './config';

/**
 * The event-type and time-gap embeddings: rows of `event.type` and `event.gap` added to each input
 * token beside its position row. One helper for training and serving, so both add the same rows
 * in the same order (the serving pass is checked against the training loss and against ONNX).
 */

/** The rows' features when the model reads events, null when it does not; throws when they are needed and missing. */
export function eventsIfUsed(config: IntentModelConfig, events: TokenEvents | undefined, rows: number): TokenEvents | null {
  if (config.events !== true) return null;
  if (events === undefined) throw new Error('this intent model reads event types and time gaps: pass them with the items');
  if (events.types.length !== rows || events.gaps.length !== rows) throw new Error(`${rows} items but ${events.types.length} event types and ${events.gaps.length} gaps`);
  return events;
}

/** The features of the window a history of `length` items is cut to (its last `maxLen`). */
export function windowEvents(config: IntentModelConfig, events: TokenEvents | undefined, length: number): TokenEvents | null {
  const used = eventsIfUsed(config, events, length);
  return used === null ? null : lastEvents(used, config.maxLen);
}

function checkIds(ids: Int32Array, limit: number, what: string): void {
  for (const id of ids) if (!(id >= 0 && id < limit)) throw new Error(`${what} id ${id} is outside 0..${limit - 1}`);
}

/** x[r] += type[types[r]] + gap[gaps[r]] (rows of width d), in place. */
export function addEventRows(params: ParameterSet, x: Float32Array, events: TokenEvents, d: number): void {
  checkIds(events.types, NUM_EVENT_TYPES, 'event type');
  checkIds(events.gaps, NUM_GAP_BUCKETS, 'gap bucket');
  const type = params.get('event.type').value;
  const gap = params.get('event.gap').value;
  for (let r = 0; r < events.types.length; r += 1) {
    const t = events.types[r]! * d;
    const g = events.gaps[r]! * d;
    for (let c = 0; c < d; c += 1) x[r * d + c] = x[r * d + c]! + type[t + c]! + gap[g + c]!;
  }
}

/** The backward of `addEventRows`: each table row gets the sum of its rows' gradients. */
export function eventRowsBackward(params: ParameterSet, dx: Float32Array, events: TokenEvents, d: number): void {
  scatterAddRows(params.get('event.type').grad, events.types, dx, d);
  scatterAddRows(params.get('event.gap').grad, events.gaps, dx, d);
}
