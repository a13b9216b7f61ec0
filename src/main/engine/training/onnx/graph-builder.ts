import { ONNX_ATTR, ONNX_ELEM, encodeModelProto } from './onnx-schema';

export type AttributeValue = number | number[] | string | { floats: number[] } | { int: number } | { float: number };

interface NodeSpec {
  opType: string;
  input: string[];
  output: string[];
  name: string;
  attribute: object[];
}

interface ValueInfo {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } };
}

/**
 * A small builder for ONNX graphs: named initialisers, nodes with typed attributes, typed inputs
 * and outputs (dimensions are numbers or symbolic names). `toBytes()` gives the .onnx file.
 */
export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private counter = 0;

  constructor(private readonly graphName: string) {}

  floatTensor(name: string, dims: readonly number[], data: ArrayLike<number>): string {
    const f = Float32Array.from(data);
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_ELEM.FLOAT, rawData: new Uint8Array(f.buffer, f.byteOffset, f.byteLength) });
    return name;
  }

  int64Tensor(name: string, dims: readonly number[], data: readonly number[]): string {
    const v = BigInt64Array.from(data, (x) => BigInt(x));
    this.initializers.push({ name, dims: [...dims], dataType: ONNX_ELEM.INT64, rawData: new Uint8Array(v.buffer) });
    return name;
  }

  /** Adds a node; returns its (first) output name, generated unless given. */
  node(opType: string, input: string[], attributes: Record<string, AttributeValue> = {}, output?: string): string {
    this.counter += 1;
    const out = output ?? `${opType.toLowerCase()}_${this.counter}`;
    const attribute = Object.entries(attributes).map(([name, value]) => encodeAttribute(name, value));
    this.nodes.push({ opType, input, output: [out], name: `${opType}_${this.counter}`, attribute });
    return out;
  }

  input(name: string, elemType: number, dims: readonly (number | string)[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: number, dims: readonly (number | string)[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  toBytes(opset: number, docString: string): Uint8Array {
    return encodeModelProto({
      irVersion: 9,
      producerName: 'instinct',
      producerVersion: '1',
      docString,
      opsetImport: [{ domain: '', version: opset }],
      graph: { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
  }
}

function valueInfo(name: string, elemType: number, dims: readonly (number | string)[]): ValueInfo {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

function encodeAttribute(name: string, value: AttributeValue): object {
  if (typeof value === 'string') return { name, type: ONNX_ATTR.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: ONNX_ATTR.INTS, ints: value };
  if (typeof value === 'object' && 'floats' in value) return { name, type: ONNX_ATTR.FLOATS, floats: value.floats };
  if (typeof value === 'object' && 'float' in value) return { name, type: ONNX_ATTR.FLOAT, f: value.float };
  if (typeof value === 'object') return { name, type: ONNX_ATTR.INT, i: value.int };
  return Number.isInteger(value) ? { name, type: ONNX_ATTR.INT, i: value } : { name, type: ONNX_ATTR.FLOAT, f: value };
}
