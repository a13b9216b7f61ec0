/** Helpers that read loosely typed input (CSV strings, JSON) into the contract's types, or say why not. */
import { FieldError } from './field-error';
import { parseTimestamp } from './timestamps';

export { FieldError };

/** The first present, non-empty value among a field's accepted names. */
export function pick(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) {
    const v = record[name];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** A scalar as text; an object or array where a value belongs is refused (never coerced with its own toString). */
function scalarText(field: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new FieldError(field, `expected a value, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : 'an object'}`);
}

export function optionalString(value: unknown, field = '(value)'): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value.trim() || undefined : scalarText(field, value);
}

export function optionalNumber(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(scalarText(field, value).trim());
  if (!Number.isFinite(n)) throw new FieldError(field, `not a number: ${JSON.stringify(value).slice(0, 40)}`);
  return n;
}

export function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  const s = scalarText(field, value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', 'in_stock', 'instock'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', 'out_of_stock', 'outofstock'].includes(s)) return false;
  throw new FieldError(field, `not a yes/no value: ${JSON.stringify(value).slice(0, 40)}`);
}

/** Epoch milliseconds, read strictly (see timestamps.ts). */
export function optionalTimestamp(field: string, value: unknown): number | undefined {
  return value === undefined ? undefined : parseTimestamp(field, value);
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
