/**
 * Issue #16, Build: "string length limits on every filter". Walks every method's input schema and
 * requires a bound on everything a caller controls the size of: strings (a max length, a pattern or
 * a fixed set), arrays (a max length), and free-form objects (the bounded JSON objects of
 * json-limits.ts; a plain z.record has no limit on keys or depth).
 * Checked failing before the fix: on the previous commit it listed events.ingest's type and context,
 * catalog.upsert's attributes, catalog.list.category, recommend.context, rules.create's
 * target.value and rules.update.patch.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { METHOD_NAMES, methods } from '../../../src/shared/contract';

interface Node {
  _zod: { def: Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] } };
  maxLength?: number | null;
}

function checks(node: Node): Record<string, unknown>[] {
  return (node._zod.def.checks ?? []).map((c) => c._zod.def);
}

/** Paths in `schema` whose size a caller controls without a bound. */
function unbounded(schema: z.ZodType, path: string, out: string[], depth = 0): void {
  const node = schema as unknown as Node;
  const def = node._zod.def;
  if (depth > 20) return;
  const walk = (child: unknown, at: string): void => unbounded(child as z.ZodType, at, out, depth + 1);
  switch (def.type) {
    case 'string':
      if (node.maxLength == null && !checks(node).some((c) => c.format === 'regex')) out.push(path);
      return;
    case 'array':
      if (!checks(node).some((c) => c.check === 'max_length')) out.push(`${path}[]`);
      return walk(def.element, `${path}.*`);
    case 'record':
      out.push(`${path}{}`);
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) walk(value, `${path}.${key}`);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return walk(def.innerType, path);
    case 'pipe':
      return walk(def.in, path);
    case 'union':
      (def.options as unknown[]).forEach((o) => walk(o, path));
      return;
    case 'tuple':
      (def.items as unknown[]).forEach((item, i) => walk(item, `${path}.${i}`));
      return;
    case 'unknown':
    case 'any':
      out.push(`${path}(any)`);
      return;
    default:
      // numbers, booleans, enums, literals: fixed size; custom: the bounded JSON objects.
      return;
  }
}

describe('every request field a caller sizes is bounded', () => {
  it('strings, arrays and free-form objects in every method input', () => {
    const found: string[] = [];
    for (const method of METHOD_NAMES) unbounded(methods[method].input, method, found);
    expect(found).toEqual([]);
  });
});
