import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * A versioned binary file of named float32 tensors: magic `INTENTCK`, uint32 format version,
 * uint32 header length, a JSON header (caller metadata + tensor table), the tensors as
 * little-endian float32, and a SHA-256 of everything before it. Reading checks all of it and
 * names what is wrong, so a truncated or altered file is never loaded half-way.
 */
export const TENSOR_FILE_MAGIC = 'INTENTCK';
export const TENSOR_FILE_VERSION = 1;

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export class CorruptCheckpointError extends Error {
  constructor(path: string, reason: string) {
    super(`checkpoint ${path} is unusable: ${reason}`);
    this.name = 'CorruptCheckpointError';
  }
}

interface TensorEntry {
  name: string;
  shape: number[];
  length: number;
}

export function writeTensorFile(path: string, meta: object, tensors: readonly NamedTensor[]): void {
  const table: TensorEntry[] = tensors.map((t) => ({ name: t.name, shape: t.shape, length: t.data.length }));
  const header = Buffer.from(JSON.stringify({ meta, tensors: table }), 'utf8');
  const payloadBytes = tensors.reduce((n, t) => n + t.data.length * 4, 0);
  const body = Buffer.alloc(16 + header.length + payloadBytes);
  body.write(TENSOR_FILE_MAGIC, 0, 'ascii');
  body.writeUInt32LE(TENSOR_FILE_VERSION, 8);
  body.writeUInt32LE(header.length, 12);
  header.copy(body, 16);
  let at = 16 + header.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i += 1) body.writeFloatLE(t.data[i]!, at + i * 4);
    at += t.data.length * 4;
  }
  const digest = createHash('sha256').update(body).digest();
  // Write then rename: a crash mid-write leaves the previous checkpoint intact.
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, Buffer.concat([body, digest]));
  renameSync(tmp, path);
}

export function readTensorFile(path: string): { meta: unknown; tensors: Map<string, NamedTensor> } {
  const file = readFileSync(path);
  const body = checkedBody(path, file);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(file.subarray(file.length - 32))) throw new CorruptCheckpointError(path, 'checksum mismatch (file altered or truncated)');
  const { meta, entries } = tensorTable(path, file, body);
  const tensors = new Map<string, NamedTensor>();
  for (const { entry, at } of entries) {
    const data = new Float32Array(entry.length);
    for (let i = 0; i < entry.length; i += 1) data[i] = body.readFloatLE(at + i * 4);
    tensors.set(entry.name, { name: entry.name, shape: entry.shape, data });
  }
  return { meta, tensors };
}

/** Bytes hashed, and floats decoded, between two calls of `pause` in `readTensorFileAsync`. */
const ASYNC_STEP_BYTES = 1 << 20;

/**
 * `readTensorFile` for the engine's thread (loading a model to serve): the file is read off the
 * thread, then hashed and decoded a step at a time with `pause()` between steps (see
 * workers/time-slices.ts), so no step holds the thread for the whole file. Same checks, same errors.
 */
export async function readTensorFileAsync(path: string, pause: () => Promise<void>): Promise<{ meta: unknown; tensors: Map<string, NamedTensor> }> {
  const file = await readFile(path);
  const body = checkedBody(path, file);
  const hash = createHash('sha256');
  for (let at = 0; at < body.length; at += ASYNC_STEP_BYTES) {
    hash.update(body.subarray(at, at + ASYNC_STEP_BYTES));
    await pause();
  }
  if (!hash.digest().equals(file.subarray(file.length - 32))) throw new CorruptCheckpointError(path, 'checksum mismatch (file altered or truncated)');
  const { meta, entries } = tensorTable(path, file, body);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const tensors = new Map<string, NamedTensor>();
  for (const { entry, at } of entries) {
    const data = new Float32Array(entry.length);
    for (let from = 0; from < entry.length; from += ASYNC_STEP_BYTES / 4) {
      const to = Math.min(entry.length, from + ASYNC_STEP_BYTES / 4);
      for (let i = from; i < to; i += 1) data[i] = view.getFloat32(at + i * 4, true);
      await pause();
    }
    tensors.set(entry.name, { name: entry.name, shape: entry.shape, data });
  }
  return { meta, tensors };
}

/** The file's body (all but the digest) after the size, magic and version checks. */
function checkedBody(path: string, file: Buffer): Buffer {
  if (file.length < 16 + 32) throw new CorruptCheckpointError(path, `only ${file.length} bytes (truncated)`);
  if (file.toString('ascii', 0, 8) !== TENSOR_FILE_MAGIC) throw new CorruptCheckpointError(path, 'not an intent checkpoint (bad magic)');
  const version = file.readUInt32LE(8);
  if (version !== TENSOR_FILE_VERSION) throw new CorruptCheckpointError(path, `format version ${version}, this build reads ${TENSOR_FILE_VERSION}`);
  return file.subarray(0, file.length - 32);
}

/** The header's metadata and where each tensor starts in the body; checks that they fill it exactly. */
function tensorTable(path: string, file: Buffer, body: Buffer): { meta: unknown; entries: { entry: TensorEntry; at: number }[] } {
  const headerLength = file.readUInt32LE(12);
  let parsed: { meta: unknown; tensors: TensorEntry[] };
  try {
    parsed = JSON.parse(file.toString('utf8', 16, 16 + headerLength)) as { meta: unknown; tensors: TensorEntry[] };
  } catch {
    throw new CorruptCheckpointError(path, 'header is not valid JSON');
  }
  const entries: { entry: TensorEntry; at: number }[] = [];
  let at = 16 + headerLength;
  for (const entry of parsed.tensors) {
    if (at + entry.length * 4 > body.length) throw new CorruptCheckpointError(path, `tensor ${entry.name} runs past the end of the file`);
    entries.push({ entry, at });
    at += entry.length * 4;
  }
  if (at !== body.length) throw new CorruptCheckpointError(path, `${body.length - at} unexpected trailing bytes`);
  return { meta: parsed.meta, entries };
}
