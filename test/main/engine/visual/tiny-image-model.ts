/**
 * Builds a tiny image encoder as ONNX bytes at test time, with a hand-rolled protobuf writer
 * (protobufjs is only a transitive dependency, and no binary is committed):
 *
 *   x [N, 3, 4, 4] --ReduceMean(axes=[3])--> [N, 3, 4] --Reshape [-1, 12]--> --MatMul W [12, 8]--> --Add b [8]--> embedding [N, 8]
 *
 * `referenceEmbedding` computes the same maths in TypeScript (before L2 normalisation).
 */

type Field = Uint8Array;

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Wire type 0: int32/int64/enum. */
const int = (field: number, value: number): Field => Uint8Array.from([...varint(field << 3), ...varint(value)]);
/** Wire type 2: bytes, strings and embedded messages. */
const bytes = (field: number, value: Uint8Array): Field => concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(value.length)]), value]);
const str = (field: number, value: string): Field => bytes(field, new TextEncoder().encode(value));
const msg = (field: number, ...fields: Field[]): Field => bytes(field, concat(fields));

const ELEM_FLOAT = 1;
const ELEM_INT64 = 7;

function tensor(field: number, name: string, dims: number[], elemType: number, raw: Uint8Array): Field {
  return msg(field, ...dims.map((d) => int(1, d)), int(2, elemType), str(8, name), bytes(9, raw));
}

function valueInfo(field: number, name: string, dims: (number | string)[]): Field {
  const dim = dims.map((d) => (typeof d === 'number' ? msg(1, int(1, d)) : msg(1, str(2, d))));
  return msg(field, str(1, name), msg(2, msg(1, int(1, ELEM_FLOAT), msg(2, ...dim))));
}

function node(opType: string, inputs: string[], output: string, attributes: Field[] = []): Field {
  return msg(1, ...inputs.map((i) => str(1, i)), str(2, output), str(3, `${opType}_${output}`), str(4, opType), ...attributes);
}

export const TINY_DIMS = 8;
const FEATURES = 12;

/** Deterministic weights, so the TS reference can recompute them. */
export function tinyWeights(): { w: Float32Array; b: Float32Array } {
  const w = Float32Array.from({ length: FEATURES * TINY_DIMS }, (_, i) => Math.sin(i + 1) * 0.5);
  const b = Float32Array.from({ length: TINY_DIMS }, (_, j) => 0.1 * (j - 3.5));
  return { w, b };
}

/** The model bytes; `batch` is the input's first dimension ('N' for a symbolic batch). */
export function tinyImageModel(batch: number | string = 'N'): Uint8Array {
  const { w, b } = tinyWeights();
  const shape = new BigInt64Array([-1n, BigInt(FEATURES)]);
  const graph = [
    node('ReduceMean', ['image'], 'rows', [msg(5, str(1, 'axes'), int(8, 3), int(20, 7)), msg(5, str(1, 'keepdims'), int(3, 0), int(20, 2))]),
    node('Reshape', ['rows', 'shape'], 'features'),
    node('MatMul', ['features', 'W'], 'projected'),
    node('Add', ['projected', 'b'], 'embedding'),
    str(2, 'tiny-image-encoder'),
    tensor(5, 'shape', [2], ELEM_INT64, new Uint8Array(shape.buffer)),
    tensor(5, 'W', [FEATURES, TINY_DIMS], ELEM_FLOAT, new Uint8Array(w.buffer)),
    tensor(5, 'b', [TINY_DIMS], ELEM_FLOAT, new Uint8Array(b.buffer)),
    valueInfo(11, 'image', [batch, 3, 4, 4]),
    valueInfo(12, 'embedding', [batch, TINY_DIMS]),
  ];
  return concat([int(1, 8), str(2, 'instinct-tests'), msg(7, ...graph), msg(8, str(1, ''), int(2, 13))]);
}

/** The graph's maths in float64 for one [3, 4, 4] image. */
export function referenceEmbedding(image: Float32Array): Float64Array {
  const { w, b } = tinyWeights();
  const features = new Float64Array(FEATURES);
  for (let c = 0; c < 3; c++) {
    for (let h = 0; h < 4; h++) {
      let s = 0;
      for (let x = 0; x < 4; x++) s += image[c * 16 + h * 4 + x]!;
      features[c * 4 + h] = s / 4;
    }
  }
  const out = new Float64Array(TINY_DIMS);
  for (let j = 0; j < TINY_DIMS; j++) {
    let s = b[j]!;
    for (let k = 0; k < FEATURES; k++) s += features[k]! * w[k * TINY_DIMS + j]!;
    out[j] = s;
  }
  return out;
}
