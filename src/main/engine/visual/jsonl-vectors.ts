import { componentsFromJson, type VectorReadResult } from './vector-rows';

/**
 * JSONL vectors: one `{"itemId": "...", "vector": [..]}` object a line (`item_id` accepted too).
 * Blank lines are skipped; every other line yields a row or a problem with its line number.
 */
export function* readJsonlVectors(text: string): Generator<VectorReadResult> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      yield { kind: 'problem', line, field: '(row)', reason: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { kind: 'problem', line, field: '(row)', reason: 'expected a JSON object' };
      continue;
    }
    const record = parsed as Record<string, unknown>;
    const itemId = record['itemId'] ?? record['item_id'];
    if (typeof itemId !== 'string' || itemId.trim() === '') {
      yield { kind: 'problem', line, field: 'itemId', reason: 'missing or not a non-empty string' };
      continue;
    }
    const values = componentsFromJson(line, 'vector', record['vector']);
    if (values instanceof Float64Array) yield { kind: 'row', line, itemId: itemId.trim(), values };
    else yield values;
  }
}
