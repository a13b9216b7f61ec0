import type { ParameterSet } from '../model/parameters';
import { ITEM_TABLES, type AdamOptions, type AdamState } from './adam';

/**
 * Past this many missed steps a row's catch-up stops summing: the missed updates shrink by
 * β1/√β2 (0.9/√0.98 ≈ 0.909 at the defaults) a step, so the terms after 200 are below 1e-8 of the
 * first. The moments themselves always decay by the exact powers.
 */
const MAX_CATCH_UP_TERMS = 200;

/**
 * Momentum catch-up for the lazy Adam of a sparse run (`loss=sampled,sparse=1`).
 *
 * A lazy Adam skips an item row on the steps it has no gradient. The dense Adam would still move
 * it on each of those steps by its momentum (m decays by β1, v by β2, and the value moves by
 * lr·m̂/(√v̂ + ε)). This class keeps, per item, the step its rows were last brought up to date, and
 * before a row is read (a sparse step's inputs and candidates, `catchUp`) or at an epoch's end
 * (`flush`, before validation, the best-epoch copy and the checkpoint) applies the missed
 * zero-gradient steps in closed form: m ← β1ᵏ m, v ← β2ᵏ v, value ← δᵏ value − lr · m/√v · Σⱼ fⱼ δᵏ⁻ʲ
 * with fⱼ = (β1ʲ / (1 − β1ˢ)) / √(β2ʲ / (1 − β2ˢ)) at s = last + j and δ = 1 − lr·wd for a decayed
 * table (1 otherwise). That is the dense Adam's trajectory exactly, except that ε is left out of
 * the missed steps' denominators (relative error about ε/√v̂) and the sum stops after
 * `MAX_CATCH_UP_TERMS` terms. The learning rate is the current one: an epoch never spans two
 * rates (the loop flushes at each epoch's end). So sparse steps with catch-up train as the dense
 * Adam would, while each step still touches only its own rows.
 */
export class LazyItemRows {
  private readonly last: Int32Array;

  constructor(numItems: number, step: number) {
    this.last = new Int32Array(numItems).fill(step);
  }

  /** Every row is current at `step` (the start of an epoch, after a flush, or after the weights were replaced). */
  reset(step: number): void {
    this.last.fill(step);
  }

  /** Brings these items' rows up to `state.step` (repeats allowed). */
  catchUp(params: ParameterSet, state: AdamState, options: AdamOptions, items: Int32Array): void {
    const tables = itemTables(params, state);
    for (const item of items) this.row(tables, state, options, item);
  }

  /** Brings every row up to `state.step`. */
  flush(params: ParameterSet, state: AdamState, options: AdamOptions): void {
    const tables = itemTables(params, state);
    for (let item = 0; item < this.last.length; item += 1) this.row(tables, state, options, item);
  }

  /** Marks these items as updated by the step just taken (`state.step`). */
  updated(items: Int32Array, step: number): void {
    for (const item of items) this.last[item] = step;
  }

  /** √(1 − β2ˢ) / (1 − β1ˢ) by step s (the bias corrections' part of fⱼ), grown as steps go on. */
  private corrections = new Float64Array(0);
  private correctionsFor: { b1: number; b2: number } | null = null;

  private correction(s: number, b1: number, b2: number): number {
    if (this.correctionsFor === null || this.correctionsFor.b1 !== b1 || this.correctionsFor.b2 !== b2 || s >= this.corrections.length) {
      const size = Math.max(s + 1, this.corrections.length * 2, 1024);
      this.corrections = Float64Array.from({ length: size }, (_, t) => (t === 0 ? 0 : Math.sqrt(1 - b2 ** t) / (1 - b1 ** t)));
      this.correctionsFor = { b1, b2 };
    }
    return this.corrections[s]!;
  }

  /** Σⱼ fⱼ δᵏ⁻ʲ over the missed steps j = 1 … k after step `from`: their update sizes in units of m/√v, each decayed by the later steps. */
  private missedSum(from: number, k: number, b1: number, b2: number, decay: number): number {
    const r = b1 / Math.sqrt(b2);
    let sum = 0;
    let rj = 1;
    const terms = Math.min(k, MAX_CATCH_UP_TERMS);
    for (let j = 1; j <= terms; j += 1) {
      rj *= r;
      const f = rj * this.correction(from + j, b1, b2);
      sum += decay === 1 ? f : f * decay ** (k - j);
    }
    return sum;
  }

  private row(tables: ItemTable[], state: AdamState, options: AdamOptions, item: number): void {
    const from = this.last[item]!;
    const k = state.step - from;
    if (k <= 0) return;
    this.last[item] = state.step;
    const { beta1: b1, beta2: b2 } = options;
    const lr = options.learningRate;
    const d1 = b1 ** k;
    const d2 = b2 ** k;
    let undecayed = -1;
    for (const t of tables) {
      const decay = t.decayed && options.weightDecay > 0 ? 1 - lr * options.weightDecay : 1;
      // The id rows and the biases share the sum when neither decays.
      const sum = decay === 1 ? (undecayed >= 0 ? undecayed : (undecayed = this.missedSum(from, k, b1, b2, 1))) : this.missedSum(from, k, b1, b2, decay);
      const dk = decay ** k;
      const { value, m, v, width } = t;
      for (let i = item * width; i < (item + 1) * width; i += 1) {
        const mi = m[i]!;
        const vi = v[i]!;
        value[i] = value[i]! * dk - (vi > 0 ? (lr * mi * sum) / Math.sqrt(vi) : 0);
        m[i] = mi * d1;
        v[i] = vi * d2;
      }
    }
  }
}

interface ItemTable {
  value: Float32Array;
  m: Float32Array;
  v: Float32Array;
  width: number;
  /** Whether AdamW's weight decay applies to it (matrices, as in `adamStep`). */
  decayed: boolean;
}

function itemTables(params: ParameterSet, state: AdamState): ItemTable[] {
  const out: ItemTable[] = [];
  params.list.forEach((p, k) => {
    if (!ITEM_TABLES.has(p.name)) return;
    out.push({ value: p.value, m: state.m[k]!, v: state.v[k]!, width: p.shape.length > 1 ? p.shape[1]! : 1, decayed: p.shape.length > 1 });
  });
  return out;
}
