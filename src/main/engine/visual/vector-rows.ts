/** What a vector reader yields, one entry per input row, in file order. */

/** A row that parsed: its id and raw components (checks for dims, ids and duplicates come later). */
export interface VectorRow {
  kind: 'row';
  /** 1-based line in the file (for .npy: the row number, which is also the line of its id). */
  line: number;
  itemId: string;
  values: Float64Array;
}

/** A row that could not be parsed, with where and why. */
export interface VectorRowProblem {
  kind: 'problem';
  /** The file the problem is in, when not the vector file itself (e.g. the .npy ids file). */
  file?: string;
  line: number;
  field: string;
  reason: string;
}

export type VectorReadResult = VectorRow | VectorRowProblem;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** A component parsed from text: the number, or the reason it is not one. */
export type ParsedComponent = { ok: true; value: number } | { ok: false; reason: string };

/** Strict decimal parsing: `1e-3`, `-0.5`, `.5`; NaN/Inf spelled out are named as such. */
export function parseComponent(text: string): ParsedComponent {
  const t = text.trim();
  if (NON_FINITE.test(t)) return { ok: false, reason: `not finite: ${t}` };
  if (!DECIMAL.test(t)) return { ok: false, reason: `malformed number: ${JSON.stringify(t.slice(0, 40))}` };
  const value = Number(t);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `not finite: ${t} overflows` };
}

/** Checks the components of a JSON array; the first bad one gives the problem. */
export function componentsFromJson(line: number, field: string, value: unknown): Float64Array | VectorRowProblem {
  if (!Array.isArray(value)) return { kind: 'problem', line, field, reason: 'expected an array of numbers' };
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'string' && NON_FINITE.test(v.trim())) return { kind: 'problem', line, field: `${field}[${i}]`, reason: `not finite: ${v}` };
    else return { kind: 'problem', line, field: `${field}[${i}]`, reason: `malformed number: ${JSON.stringify(v)?.slice(0, 40) ?? String(v)}` };
  }
  return out;
}

/** Parses text components (CSV cells or space-separated floats). */
export function componentsFromText(line: number, field: (i: number) => string, texts: readonly string[]): Float64Array | VectorRowProblem {
  const out = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const parsed = parseComponent(texts[i]!);
    if (!parsed.ok) return { kind: 'problem', line, field: field(i), reason: parsed.reason };
    out[i] = parsed.value;
  }
  return out;
}
