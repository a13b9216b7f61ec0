/** Helpers that read loosely typed input (CSV strings, JSON) into the contract's types, or say why not. */

export class FieldError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** The first present, non-empty value among a field's accepted names. */
export function pick(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) {
    const v = record[name];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

export function optionalString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value.trim() || undefined : String(value);
}

export function optionalNumber(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n)) throw new FieldError(field, `not a number: ${JSON.stringify(value).slice(0, 40)}`);
  return n;
}

export function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  const s = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', 'in_stock', 'instock'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', 'out_of_stock', 'outofstock'].includes(s)) return false;
  throw new FieldError(field, `not a yes/no value: ${JSON.stringify(value).slice(0, 40)}`);
}

/** Epoch milliseconds from epoch ms, epoch seconds (values below 1e11) or an ISO 8601 string. */
export function optionalTimestamp(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const asNumber = typeof value === 'number' ? value : /^\s*\d+(\.\d+)?\s*$/.test(String(value)) ? Number(value) : NaN;
  if (Number.isFinite(asNumber)) return Math.round(asNumber < 1e11 ? asNumber * 1000 : asNumber);
  const parsed = Date.parse(String(value));
  if (Number.isNaN(parsed)) throw new FieldError(field, `not a timestamp (epoch ms, epoch s or ISO 8601): ${JSON.stringify(value).slice(0, 40)}`);
  return parsed;
}

/** A JSON object given inline (JSONL) or as a JSON string (CSV). */
export function optionalObject(field: string, value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw new FieldError(field, 'not a JSON object');
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new FieldError(field, 'not a JSON object');
  return v as Record<string, unknown>;
}
