import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../../src/main/engine/training/checkpoint/model-file';
import type { TrainRequest, WorkerMessage } from '../../../../src/main/engine/training/training-messages';
import { toyTrainRequest } from './toy-data';

const WORKER = resolve(__dirname, '../../../../src/main/engine/training/train-worker.ts');

function request(dir: string, epochs: number): TrainRequest {
  return { ...toyTrainRequest(epochs), modelPath: join(dir, 'model.bin'), onnxPath: join(dir, 'model.onnx') };
}

function runWorker(req: TrainRequest, cancelAfterProgress?: number): Promise<WorkerMessage[]> {
  return new Promise((done, fail) => {
    // The worker is TypeScript: load it through tsx's CommonJS hook (a built app points at the bundled .js).
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER)});`, { eval: true });
    const messages: WorkerMessage[] = [];
    worker.on('message', (m: WorkerMessage) => {
      messages.push(m);
      if (m.type === 'progress' && messages.length === cancelAfterProgress) worker.postMessage({ type: 'cancel' });
      if (m.type !== 'progress') void worker.terminate().then(() => done(messages));
    });
    worker.on('error', fail);
    worker.postMessage(req);
  });
}

describe('train-worker', () => {
  it('trains from a message, posts progress and a done message with the model, model file and ONNX file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-worker-'));
    const messages = await runWorker(request(dir, 2));
    const last = messages.at(-1)!;
    expect(last.type).toBe('done');
    expect(messages.filter((m) => m.type === 'progress').length).toBeGreaterThan(10);
    if (last.type === 'done') expect(last.params.find((p) => p.name === 'item.bias')!.data.length).toBe(15);
    expect(loadModel(join(dir, 'model.bin')).params.get('item.bias').value.length).toBe(15);
    expect(existsSync(join(dir, 'model.onnx'))).toBe(true);
  });

  it('stops on a cancel message and reports cancelled with no model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-worker-'));
    const messages = await runWorker(request(dir, 50), 3);
    expect(messages.at(-1)!.type).toBe('cancelled');
    expect(existsSync(join(dir, 'model.bin'))).toBe(false);
  });
});
