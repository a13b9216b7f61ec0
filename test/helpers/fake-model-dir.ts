import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const realDir = join(__dirname, '../../models/text-encoder');
const sha = (buf: Buffer): string => createHash('sha256').update(buf).digest('hex');

/**
 * A text-encoder folder whose manifest is valid and whose int8 "model" is a small stand-in: enough
 * for load-time file checks, which fail before ONNX Runtime would ever parse it. `remove` deletes it.
 */
export function fakeModelDir(): { dir: string; modelFile: string; remove: () => void; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'instinct-encoder-'));
  const model = Buffer.from('not really an onnx graph, but hashed like one');
  const files = [{ name: 'encoder-int8.onnx', sha256: sha(model), bytes: model.length }];
  for (const name of ['tokenizer.json', 'tokenizer_config.json']) {
    copyFileSync(join(realDir, name), join(dir, name));
    const buf = readFileSync(join(dir, name));
    files.push({ name, sha256: sha(buf), bytes: buf.length });
  }
  const modelFile = join(dir, 'encoder-int8.onnx');
  writeFileSync(modelFile, model);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      name: 'test', modelVersion: 'test@1', dimensions: 384, maxSeqLength: 256,
      inputs: ['input_ids'], output: 'last_hidden_state', pooling: 'mean', normalize: true,
      variants: { fp32: 'encoder-fp32.onnx', int8: 'encoder-int8.onnx' }, files,
    }),
  );
  return {
    dir,
    modelFile,
    remove: () => rmSync(modelFile, { force: true }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
