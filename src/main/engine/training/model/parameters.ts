import { seededRandom } from '../../datasets/seeded-random';
import { NUM_EVENT_TYPES, NUM_GAP_BUCKETS } from '../data/session-events';
import type { IntentModelConfig } from './config';

/** One trainable tensor with its gradient buffer (same length, zeroed each step). */
export interface Parameter {
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: Float32Array;
  readonly grad: Float32Array;
}

/** Named parameters in a fixed order (the checkpoint and the ONNX export rely on the order). */
export class ParameterSet {
  private readonly byName = new Map<string, Parameter>();
  readonly list: Parameter[] = [];

  add(name: string, shape: readonly number[], value?: Float32Array): Parameter {
    if (this.byName.has(name)) throw new Error(`duplicate parameter ${name}`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (value !== undefined && value.length !== size) throw new Error(`parameter ${name}: ${value.length} values for shape [${shape.join(', ')}]`);
    const p: Parameter = { name, shape, value: value ?? new Float32Array(size), grad: new Float32Array(size) };
    this.byName.set(name, p);
    this.list.push(p);
    return p;
  }

  get(name: string): Parameter {
    const p = this.byName.get(name);
    if (p === undefined) throw new Error(`no parameter ${name}`);
    return p;
  }

  zeroGrad(): void {
    for (const p of this.list) p.grad.fill(0);
  }

  count(): number {
    return this.list.reduce((n, p) => n + p.value.length, 0);
  }
}

function normal(random: () => number): () => number {
  return () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

function filled(size: number, std: number, gauss: () => number): Float32Array {
  const v = new Float32Array(size);
  for (let i = 0; i < size; i += 1) v[i] = gauss() * std;
  return v;
}

/**
 * Creates the intent model's parameters. Id embeddings and item biases start at zero, so an item
 * never seen in training scores by its text projection alone (and an id-only model scores it 0).
 */
export function initParameters(config: IntentModelConfig, numItems: number, textDim: number, seed: number, attributeCount = 0): ParameterSet {
  const gauss = normal(seededRandom(seed));
  const { dim: d } = config;
  const ff = d * config.ffMultiplier;
  const ps = new ParameterSet();
  if (config.useText) {
    ps.add('text.w', [d, textDim], filled(d * textDim, 0.3, gauss));
    ps.add('text.b', [d]);
  }
  if (config.useIds) ps.add('item.id', [numItems, d], config.useText ? undefined : filled(numItems * d, 0.1, gauss));
  ps.add('item.bias', [numItems]);
  if (config.repeatTerm) ps.add('repeat.beta', [1]);
  ps.add('position', [config.maxLen, d], filled(config.maxLen * d, 0.1, gauss));
  const ones = (): Float32Array => new Float32Array(d).fill(1);
  for (let b = 0; b < config.blocks; b += 1) {
    ps.add(`block${b}.ln1.g`, [d], ones());
    ps.add(`block${b}.ln1.b`, [d]);
    ps.add(`block${b}.qkv.w`, [3 * d, d], filled(3 * d * d, 1 / Math.sqrt(d), gauss));
    ps.add(`block${b}.qkv.b`, [3 * d]);
    ps.add(`block${b}.out.w`, [d, d], filled(d * d, 0.5 / Math.sqrt(d), gauss));
    ps.add(`block${b}.out.b`, [d]);
    ps.add(`block${b}.ln2.g`, [d], ones());
    ps.add(`block${b}.ln2.b`, [d]);
    ps.add(`block${b}.ff1.w`, [ff, d], filled(ff * d, 1 / Math.sqrt(d), gauss));
    ps.add(`block${b}.ff1.b`, [ff]);
    ps.add(`block${b}.ff2.w`, [d, ff], filled(d * ff, 0.5 / Math.sqrt(ff), gauss));
    ps.add(`block${b}.ff2.b`, [d]);
  }
  ps.add('final.ln.g', [d], ones());
  ps.add('final.ln.b', [d]);
  // Last and zero: a model with events starts as the same model without them (same draws, same
  // forward pass) and learns only what the types and gaps add; without events nothing changes.
  if (config.events === true) {
    ps.add('event.type', [NUM_EVENT_TYPES, d]);
    ps.add('event.gap', [NUM_GAP_BUCKETS, d]);
  }
  // Also last and zero, for the same reason: with attributes off nothing changes.
  if (config.useAttributes === true) ps.add('item.attr', [attributeCount, d]);
  return ps;
}
