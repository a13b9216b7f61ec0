import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../../../src/main/engine/training/checkpoint/checkpoint';
import { CorruptCheckpointError } from '../../../../src/main/engine/training/checkpoint/tensor-file';
import { trainIntentModel, type TrainingJob } from '../../../../src/main/engine/training/loop/train-intent-model';
import { TrainingCancelledError, type TrainingProgress } from '../../../../src/main/engine/training/loop/progress';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { toySequences, toyText } from './toy-data';

const NUM_ITEMS = 20;

function job(overrides: Partial<TrainingJob> = {}): TrainingJob {
  return {
    sequences: toySequences(120, NUM_ITEMS),
    numItems: NUM_ITEMS,
    text: toyText(NUM_ITEMS, 8),
    model: { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 2, maxLen: 10, dropout: 0.1 },
    training: { ...TRAINING_DEFAULTS, epochs: 8, batchSize: 16, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 0 },
    ...overrides,
  };
}

describe('training loop', () => {
  it('loss falls and validation NDCG rises on a learnable toy sequence rule', async () => {
    const progress: TrainingProgress[] = [];
    const result = await trainIntentModel(job(), { onProgress: (p) => progress.push(p) });
    const first = result.history[0]!;
    const last = result.history.at(-1)!;
    expect(last.meanLoss).toBeLessThan(first.meanLoss * 0.7);
    expect(result.bestValNdcg).toBeGreaterThan(0.5);
    const p = progress[0]!;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(['epoch', 'step', 'loss', 'valNdcg', 'etaSeconds']));
    expect(progress.filter((q) => q.phase === 'epoch').length).toBe(result.history.length);
    expect(progress.at(-1)!.valNdcg).not.toBeNull();
  });

  it('leaves the frozen text vectors bitwise unchanged', async () => {
    const j = job({ training: { ...job().training, epochs: 2 } });
    const before = Buffer.from(j.text!.vectors.buffer.slice(0));
    await trainIntentModel(j);
    expect(Buffer.from(j.text!.vectors.buffer).equals(before)).toBe(true);
  });

  it('a cancelled run stops and returns no model', async () => {
    const controller = new AbortController();
    let steps = 0;
    const run = trainIntentModel(job(), {
      signal: controller.signal,
      onProgress: () => {
        steps += 1;
        if (steps === 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(steps).toBe(3);
  });

  it('checkpoints round-trip, resume continues the run, and a corrupt file gives a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-ckpt-'));
    const path = join(dir, 'run.ckpt');
    const base = job({ training: { ...job().training, epochs: 2 } });
    await trainIntentModel({ ...base, checkpointPath: path });
    const ckpt = loadCheckpoint(path);
    expect(ckpt.epoch).toBe(2);
    saveCheckpoint(join(dir, 'copy.ckpt'), ckpt);
    const again = loadCheckpoint(join(dir, 'copy.ckpt'));
    again.model.params.list.forEach((p, k) => expect(Buffer.from(p.value.buffer).equals(Buffer.from(ckpt.model.params.list[k]!.value.buffer))).toBe(true));
    expect(again.adam.step).toBe(ckpt.adam.step);

    // Resume for two more epochs = an unbroken four-epoch run.
    const resumed = await trainIntentModel({ ...base, resumeFrom: { ...ckpt, training: { ...ckpt.training, epochs: 4 } } });
    const unbroken = await trainIntentModel({ ...base, training: { ...base.training, epochs: 4 } });
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(resumed.history[3]!.meanLoss).toBeCloseTo(unbroken.history[3]!.meanLoss, 5);

    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100]! + 1) % 256;
    writeFileSync(join(dir, 'bad.ckpt'), bytes);
    expect(() => loadCheckpoint(join(dir, 'bad.ckpt'))).toThrow(CorruptCheckpointError);
    expect(() => loadCheckpoint(join(dir, 'bad.ckpt'))).toThrow(/checksum mismatch/);
    writeFileSync(join(dir, 'short.ckpt'), bytes.subarray(0, 20));
    expect(() => loadCheckpoint(join(dir, 'short.ckpt'))).toThrow(/truncated/);
    writeFileSync(join(dir, 'other.ckpt'), Buffer.from('hello world, not a checkpoint at all, long enough to pass'));
    expect(() => loadCheckpoint(join(dir, 'other.ckpt'))).toThrow(/bad magic/);
  });
});
