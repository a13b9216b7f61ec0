import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import type { TextTable } from '../../../../src/main/engine/training/model/item-vectors';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';

/**
 * A tiny catalogue whose sequences follow a rule the model can learn: item i is followed by
 * (i + 1) mod numItems most of the time. Text vectors are random unit rows.
 */
export function toySequences(numUsers: number, numItems: number, seed = 3): Int32Array[] {
  const r = seededRandom(seed);
  return Array.from({ length: numUsers }, () => {
    const n = 4 + Math.floor(r() * 6);
    const s = new Int32Array(n);
    s[0] = Math.floor(r() * numItems);
    for (let t = 1; t < n; t += 1) s[t] = r() < 0.85 ? (s[t - 1]! + 1) % numItems : Math.floor(r() * numItems);
    return s;
  });
}

export function toyText(numItems: number, dim: number, seed = 5): TextTable {
  const r = seededRandom(seed);
  const vectors = new Float32Array(numItems * dim);
  for (let i = 0; i < numItems; i += 1) {
    let norm = 0;
    for (let c = 0; c < dim; c += 1) {
      const v = r() * 2 - 1;
      vectors[i * dim + c] = v;
      norm += v * v;
    }
    for (let c = 0; c < dim; c += 1) vectors[i * dim + c] = vectors[i * dim + c]! / Math.sqrt(norm);
  }
  return { vectors, dim };
}

/**
 * An untrained model of `config` over a toy catalogue, every parameter moved off its initial value
 * (seeded) so gains, biases, ids and repeat term all matter in parity checks.
 */
export function randomModel(config: IntentModelConfig, numItems = 30) {
  const text = toyText(numItems, 12);
  const params = initParameters(config, numItems, text.dim, 3);
  const r = seededRandom(11);
  for (const p of params.list) for (let i = 0; i < p.value.length; i += 1) p.value[i] = p.value[i]! + (r() - 0.5) * 0.2;
  return { model: { config, numItems, textDim: text.dim, params }, text };
}

/** A training request small enough for a worker thread to finish in about a second (toy rule, 15 items, d 8). */
export function toyTrainRequest(epochs: number, training: Partial<TrainRequest['training']> = {}): TrainRequest {
  return {
    type: 'train',
    sequences: toySequences(60, 15),
    numItems: 15,
    text: toyText(15, 8),
    model: { ...MODEL_DEFAULTS, dim: 8, blocks: 1, maxLen: 8 },
    training: { ...TRAINING_DEFAULTS, epochs, batchSize: 8, validationUsers: 0, patience: 100, engine: 'onnxruntime', ...training },
  };
}
