import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { eventTypeId, type TokenEvents } from '../../../../src/main/engine/training/data/session-events';

/** Toy sequences whose next item depends on each token's event features, not on the items alone. */
export interface ToyEventData {
  sequences: Int32Array[];
  events: TokenEvents[];
}

const TYPES = ['view', 'click', 'add_to_cart', 'purchase'] as const;
/** After an event of TYPES[k] on item i the next item is i + TYPE_STEP[k] (mod numItems). */
const TYPE_STEP = [1, 4, 9, 14];

function toy(numUsers: number, numItems: number, seed: number, next: (item: number, type: number, gap: number) => number, token: (r: () => number) => { type: number; gap: number }): ToyEventData {
  const r = seededRandom(seed);
  const sequences: Int32Array[] = [];
  const events: TokenEvents[] = [];
  for (let u = 0; u < numUsers; u += 1) {
    const n = 5 + Math.floor(r() * 6);
    const items = new Int32Array(n);
    const types = new Int32Array(n);
    const gaps = new Int32Array(n);
    items[0] = Math.floor(r() * numItems);
    for (let t = 0; t < n; t += 1) {
      const f = token(r);
      types[t] = f.type;
      gaps[t] = t === 0 ? 0 : f.gap;
      if (t + 1 < n) items[t + 1] = r() < 0.9 ? next(items[t]!, types[t]!, gaps[t]!) % numItems : Math.floor(r() * numItems);
    }
    sequences.push(items);
    events.push({ types, gaps });
  }
  return { sequences, events };
}

/** The next item is set by the last event's TYPE: view +1, click +4, add-to-cart +9, purchase +14. */
export function typeRuleData(numUsers: number, numItems: number, seed = 21): ToyEventData {
  return toy(numUsers, numItems, seed, (item, type) => item + TYPE_STEP[TYPES.findIndex((k) => eventTypeId(k) === type)]!, (r) => ({ type: eventTypeId(TYPES[Math.floor(r() * TYPES.length)]!), gap: 1 + Math.floor(r() * 12) }));
}

/** Every event a view; the next item is set by the time GAP before the last event: under 5 s +1, hours +7. */
export function gapRuleData(numUsers: number, numItems: number, seed = 22): ToyEventData {
  return toy(numUsers, numItems, seed, (item, _type, gap) => item + (gap === 1 ? 1 : 7), (r) => ({ type: eventTypeId('view'), gap: r() < 0.5 ? 1 : 11 }));
}
