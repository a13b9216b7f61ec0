/**
 * Splits one delimited line. Double-quoted fields may contain the delimiter and `""` escapes,
 * which REES46 / GA-style exports use for category paths and brands; returns null when a quote
 * is left open, so the caller can reject the line instead of silently merging fields.
 */
export function splitDelimited(line: string, delimiter: string): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (ch === '"') inQuotes = false;
      else current += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  if (inQuotes) return null;
  fields.push(current);
  return fields;
}

/** Maps each expected column to its index in a header row; returns the missing names instead when any is absent. */
export function locateColumns<N extends string>(
  header: string[],
  names: readonly N[],
): { ok: true; index: Record<N, number> } | { ok: false; missing: N[] } {
  const trimmed = header.map((h) => h.trim());
  const index = {} as Record<N, number>;
  const missing: N[] = [];
  for (const name of names) {
    const at = trimmed.indexOf(name);
    if (at < 0) missing.push(name);
    else index[name] = at;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, index };
}

/** Parses a finite number or returns null; empty strings are not zero here. */
export function parseFiniteNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
