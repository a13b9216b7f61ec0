import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { VisualImportError } from './errors';
import type { VectorReadResult } from './vector-rows';

/**
 * NumPy .npy files (format 1.0-3.0): magic `\x93NUMPY`, major and minor version bytes, a
 * little-endian header length (uint16 for 1.x, uint32 for 2.x/3.x), then a Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), }` padded with spaces, then
 * the data. Accepted: float32 or float64, little-endian, 2-D, C order.
 */
export interface NpyHeader {
  dtype: 'float32' | 'float64';
  rows: number;
  cols: number;
  /** Byte offset of the first row. */
  dataOffset: number;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
const ROWS_PER_READ = 1024;

export function parseNpyHeader(file: string, prefix: Buffer, fileSize: number): NpyHeader {
  if (prefix.length < 10 || !prefix.subarray(0, 6).equals(MAGIC)) throw new VisualImportError(file, 'not a .npy file (no \\x93NUMPY magic)');
  const major = prefix[6]!;
  if (major < 1 || major > 3) throw new VisualImportError(file, `.npy format version ${major}.${prefix[7]} is not supported`);
  const lengthBytes = major === 1 ? 2 : 4;
  const start = 8 + lengthBytes;
  if (prefix.length < start) throw new VisualImportError(file, 'truncated .npy header');
  const headerLength = major === 1 ? prefix.readUInt16LE(8) : prefix.readUInt32LE(8);
  if (prefix.length < start + headerLength) throw new VisualImportError(file, `truncated .npy header (${headerLength} bytes declared)`);
  const dict = prefix.subarray(start, start + headerLength).toString(major === 3 ? 'utf8' : 'latin1');

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(dict)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(dict)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new VisualImportError(file, `malformed .npy header ${JSON.stringify(dict.trim().slice(0, 120))}`);
  }
  let dtype: NpyHeader['dtype'];
  if (descr === '<f4') dtype = 'float32';
  else if (descr === '<f8') dtype = 'float64';
  else if (descr === '>f4' || descr === '>f8') throw new VisualImportError(file, `big-endian data (${descr}) is not supported; save with dtype '<f4'`);
  else throw new VisualImportError(file, `dtype ${descr} is not supported (float32 '<f4' or float64 '<f8')`);
  if (fortran === 'True') throw new VisualImportError(file, 'Fortran-order arrays are not supported; save np.ascontiguousarray(a)');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim().replace(/L$/, ''))
    .filter((s) => s !== '');
  if (shape.length !== 2 || !shape.every((s) => /^\d+$/.test(s))) {
    throw new VisualImportError(file, `expected a 2-D array (rows, dims), shape is (${shapeText.trim()})`);
  }
  const rows = Number(shape[0]);
  const cols = Number(shape[1]);
  if (cols === 0) throw new VisualImportError(file, 'vectors have 0 dimensions');
  const dataOffset = start + headerLength;
  const itemSize = dtype === 'float32' ? 4 : 8;
  const expected = dataOffset + rows * cols * itemSize;
  if (fileSize > expected) throw new VisualImportError(file, `${fileSize - expected} bytes after the ${rows}x${cols} data: not a .npy written by numpy`);
  return { dtype, rows, cols, dataOffset };
}

/** Item ids, one a line; a final newline is optional, `\r\n` tolerated. */
export function readIdLines(idsPath: string): string[] {
  let text: string;
  try {
    text = readFileSync(idsPath, 'utf8');
  } catch (err) {
    throw new VisualImportError(basename(idsPath), `cannot read the ids file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '').trim());
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Streams the rows of a .npy file, pairing row i with line i+1 of the ids file. Rows missing from
 * a truncated file, rows without an id and ids without a row each yield a problem.
 */
export function* readNpyVectors(npyPath: string, idsPath: string): Generator<VectorReadResult> {
  const file = basename(npyPath);
  const idsFile = basename(idsPath);
  const ids = readIdLines(idsPath);
  let fd: number;
  try {
    fd = openSync(npyPath, 'r');
  } catch (err) {
    throw new VisualImportError(file, `cannot open: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const size = fstatSync(fd).size;
    const prefix = Buffer.alloc(Math.min(size, 65_536 + 12));
    readSync(fd, prefix, 0, prefix.length, 0);
    const header = parseNpyHeader(file, prefix, size);
    const itemSize = header.dtype === 'float32' ? 4 : 8;
    const rowBytes = header.cols * itemSize;
    const available = Math.min(header.rows, Math.floor((size - header.dataOffset) / rowBytes));
    const total = Math.max(header.rows, ids.length);
    const block = Buffer.alloc(Math.min(available, ROWS_PER_READ) * rowBytes);
    let blockStart = -1;
    for (let r = 0; r < total; r++) {
      const line = r + 1;
      if (r >= header.rows) {
        yield { kind: 'problem', file: idsFile, line, field: 'vector', reason: `no row for this id: ${file} has ${header.rows} rows` };
        continue;
      }
      if (r >= available) {
        yield { kind: 'problem', line, field: '(row)', reason: `truncated file: row ${r} of ${header.rows} is missing (${size} bytes, ${header.dataOffset + header.rows * rowBytes} expected)` };
        continue;
      }
      const itemId = ids[r];
      if (itemId === undefined) {
        yield { kind: 'problem', line, field: 'item_id', reason: `no id: ${idsFile} has ${ids.length} lines for ${header.rows} rows` };
        continue;
      }
      if (itemId === '') {
        yield { kind: 'problem', file: idsFile, line, field: 'item_id', reason: 'empty' };
        continue;
      }
      if (blockStart < 0 || r >= blockStart + ROWS_PER_READ) {
        blockStart = r;
        const rowsNow = Math.min(ROWS_PER_READ, available - r);
        readSync(fd, block, 0, rowsNow * rowBytes, header.dataOffset + r * rowBytes);
      }
      const view = new DataView(block.buffer, block.byteOffset + (r - blockStart) * rowBytes, rowBytes);
      const values = new Float64Array(header.cols);
      for (let c = 0; c < header.cols; c++) values[c] = itemSize === 4 ? view.getFloat32(c * 4, true) : view.getFloat64(c * 8, true);
      yield { kind: 'row', line, itemId, values };
    }
  } finally {
    closeSync(fd);
  }
}
