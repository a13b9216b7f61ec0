import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../../src/main/engine/training/checkpoint/model-file';
import { TrainingCancelledError } from '../../../../src/main/engine/training/loop/progress';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { MemberTrainingError, memberRequests, shareRequestInputs, trainMembers } from '../../../../src/main/engine/training/loop/train-members';
import { TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';
import { toyTrainRequest } from './toy-data';

const base = (epochs: number): TrainRequest => toyTrainRequest(epochs, { refitEpochs: 1 });

function sha256(tensors: readonly { data: Float32Array }[]): string {
  const h = createHash('sha256');
  for (const t of tensors) h.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return h.digest('hex');
}

describe('trainMembers (ensemble members in parallel worker threads)', () => {
  it('trains k = 2 seeds at once; each member equals the same request trained in-process, bit for bit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-members-'));
    const requests = memberRequests(shareRequestInputs(base(3)), 2, (m) => join(dir, `member-${m}.bin`));
    expect(requests.map((r) => r.training.seed)).toEqual([TRAINING_DEFAULTS.seed, TRAINING_DEFAULTS.seed + 1]);
    const progress = [0, 0];
    const members = await trainMembers(requests, { onProgress: (m) => (progress[m] = progress[m]! + 1) });
    expect(members).toHaveLength(2);
    expect(progress.every((n) => n > 10)).toBe(true);
    const hashes = members.map((d) => sha256(d.params));
    expect(hashes[0]).not.toBe(hashes[1]);
    for (let m = 0; m < 2; m += 1) {
      const done = members[m]!;
      const job = base(3);
      const sequential = await trainIntentModel({ ...job, training: { ...job.training, seed: job.training.seed + m } });
      expect(sha256(sequential.model.params.list.map((p) => ({ data: p.value })))).toBe(hashes[m]);
      expect(done.history.map((h) => h.meanLoss)).toEqual(sequential.history.map((h) => h.meanLoss));
      expect(done.refit!.map((r) => [r.epoch, r.meanLoss])).toEqual(sequential.refit.map((r) => [r.epoch, r.meanLoss]));
      expect(done.refit).toHaveLength(1);
      expect(done.bestEpoch).toBe(sequential.bestEpoch);
      // The model file holds the same parameters.
      expect(done.modelPath).toBe(join(dir, `member-${m}.bin`));
      expect(sha256(loadModel(done.modelPath!).params.list.map((p) => ({ data: p.value })))).toBe(hashes[m]);
    }
  });

  it('a cancel stops every member and rejects with TrainingCancelledError (no model file written)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-members-'));
    const requests = memberRequests(base(200), 2, (m) => join(dir, `member-${m}.bin`));
    const controller = new AbortController();
    const seen = [0, 0];
    const run = trainMembers(requests, {
      signal: controller.signal,
      onProgress: (m) => {
        seen[m] = seen[m]! + 1;
        if (seen[0]! >= 3 && seen[1]! >= 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    // Both were inside training when cancelled (200 epochs), and neither finished.
    expect(seen.every((n) => n >= 3)).toBe(true);
    expect(existsSync(join(dir, 'member-0.bin'))).toBe(false);
    expect(existsSync(join(dir, 'member-1.bin'))).toBe(false);
  });

  it('a member that fails rejects naming it, and the other members are cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-members-'));
    const requests = memberRequests(base(200), 2, (m) => join(dir, `member-${m}.bin`));
    requests[1] = { ...requests[1]!, model: { ...requests[1]!.model, heads: 3 } };
    const run = trainMembers(requests);
    await expect(run).rejects.toBeInstanceOf(MemberTrainingError);
    await expect(run).rejects.toThrow(/member 1 \(seed 8\) failed: heads=3 must divide dim=8/);
    expect(existsSync(join(dir, 'member-0.bin'))).toBe(false);
  });

  it('an already aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(trainMembers(memberRequests(base(1), 2), { signal: controller.signal })).rejects.toBeInstanceOf(TrainingCancelledError);
  });
});
