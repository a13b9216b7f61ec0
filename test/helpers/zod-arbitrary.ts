import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries generated from the contract's zod schemas: values that mostly satisfy the
 * schema (so the fuzz reaches the handlers, not just the validator), with boundary lengths and
 * numbers, plus hostile values grafted in at random places (see `hostileValue`, `mutated`).
 */

/** What the schema's checks allow: lengths or values, integer-ness, a pattern. */
interface Limits {
  minimum?: number;
  maximum?: number;
  isInt?: boolean;
  pattern?: RegExp;
  refined?: boolean;
}

interface Inner {
  _zod: { def: Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] } };
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

function limitsOf(s: Inner): Limits {
  const limits: Limits = {};
  for (const check of s._zod.def.checks ?? []) {
    const d = check._zod.def;
    if (d.check === 'min_length') limits.minimum = d.minimum as number;
    else if (d.check === 'max_length') limits.maximum = d.maximum as number;
    else if (d.check === 'string_format' && d.format === 'regex') limits.pattern = d.pattern as RegExp;
    else if (d.check === 'custom') limits.refined = true;
  }
  if (s._zod.def.type === 'string') {
    limits.minimum = s.minLength ?? limits.minimum;
    limits.maximum = s.maxLength ?? limits.maximum;
  } else if (s._zod.def.type === 'number') {
    limits.minimum = s.minValue ?? undefined;
    limits.maximum = s.maxValue ?? undefined;
    limits.isInt = s.isInt === true;
  }
  if (limits.minimum !== undefined && !Number.isFinite(limits.minimum)) delete limits.minimum;
  if (limits.maximum !== undefined && !Number.isFinite(limits.maximum)) delete limits.maximum;
  return limits;
}

/** Strings the contract refines by meaning (not by length), where random text would never pass. */
const MEANINGFUL: Record<string, readonly string[]> = {
  type: ['view', 'click', 'add_to_cart', 'remove_from_cart', 'purchase', 'search', 'impression', 'custom:promo'],
};

const MAX_STRING = 40;
const MAX_ARRAY = 4;

function stringArbitrary(limits: Limits, key: string | undefined): fc.Arbitrary<string> {
  if (limits.pattern) return fc.stringMatching(limits.pattern);
  const meaningful = key === undefined ? undefined : MEANINGFUL[key];
  if (limits.refined && meaningful) return fc.oneof({ arbitrary: fc.constantFrom(...meaningful), weight: 9 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
  const min = limits.minimum ?? 0;
  const max = limits.maximum ?? 10_000;
  const typical = fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, MAX_STRING)) });
  // The longest allowed string, and one over: the edges where limits live.
  const edges = max <= 100_000 ? [fc.constant('x'.repeat(max)), fc.constant('y'.repeat(max + 1))] : [];
  return fc.oneof({ arbitrary: typical, weight: 30 }, ...edges.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

function numberArbitrary(limits: Limits): fc.Arbitrary<number> {
  const min = limits.minimum ?? -1e9;
  const max = limits.maximum ?? 1e9;
  const lo = Math.max(min, -1e12);
  const hi = Math.min(max, 1e15);
  const inRange = limits.isInt ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ arbitrary: inRange, weight: 30 }, { arbitrary: fc.constantFrom(min, max, min - 1, max + 1, 0, -1, 1.5), weight: 2 });
}

/** Keys of an object schema that may be left out. */
function isOptional(schema: Inner): boolean {
  const t = schema._zod.def.type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

export function arbitraryFor(schema: z.ZodType, depth = 0, key?: string): fc.Arbitrary<unknown> {
  const s = schema as unknown as Inner;
  const def = s._zod.def;
  if (depth > 12) return fc.constant(null);
  const inner = (field: string): fc.Arbitrary<unknown> => arbitraryFor(def[field] as z.ZodType, depth + 1, key);
  switch (def.type) {
    case 'string':
      return stringArbitrary(limitsOf(s), key);
    case 'number':
      return numberArbitrary(limitsOf(s));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
      return fc.option(inner('innerType'), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner('innerType'), { nil: null, freq: 3 });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'array': {
      const limits = limitsOf(s);
      const min = limits.minimum ?? 0;
      return fc.array(inner('element'), { minLength: min, maxLength: Math.max(min, Math.min(limits.maximum ?? MAX_ARRAY, MAX_ARRAY)) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((item) => arbitraryFor(item, depth + 1)));
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => arbitraryFor(o, depth + 1)));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 12 }), inner('valueType'), { maxKeys: 4 });
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [field, value] of Object.entries(shape)) model[field] = arbitraryFor(value, depth + 1, field);
      const requiredKeys = Object.entries(shape)
        .filter(([, v]) => !isOptional(v as unknown as Inner))
        .map(([k]) => k);
      return fc.record(model, { requiredKeys });
    }
    case 'custom':
      // The contract's bounded JSON objects (context, attributes, patches).
      return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** Nesting built without recursion, deeper than any walker on the call stack would survive. */
export function deepObject(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Values that have broken servers: deep nesting, prototype keys (as JSON.parse makes them), huge or odd strings, wrong types. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constant(deepObject(5000)), weight: 4 },
    { arbitrary: fc.constant(deepObject(40)), weight: 1 },
    { arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown), weight: 2 },
    { arbitrary: fc.constant(JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown), weight: 1 },
    { arbitrary: fc.constant('%_'.repeat(26_000)), weight: 2 },
    { arbitrary: fc.constant('\uFFFD\u0000\uD800'), weight: 1 },
    { arbitrary: fc.constantFrom(-0, Number.MAX_SAFE_INTEGER * 4, 1e308, ''), weight: 1 },
    { arbitrary: fc.constantFrom([], null, {}), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  );
}

/** Keys where free-form or filtered input lives: grafting onto them reaches the checks that matter. */
const SENSITIVE_KEYS = ['context', 'attributes', 'patch', 'filters', 'category', '__proto__', 'constructor'];

/**
 * A value with a hostile one grafted in: down a random path of existing keys (indices chosen among
 * those present), then replacing a key's value or adding a sensitive key there.
 */
export function mutated(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(value, fc.array(fc.nat(), { minLength: 0, maxLength: 4 }), fc.boolean(), fc.constantFrom(...SENSITIVE_KEYS), hostileValue())
    .map(([v, path, addKey, sensitive, graft]) => {
      if (v === null || typeof v !== 'object') return graft;
      const root = structuredClone(v) as Record<string, unknown>;
      let node: Record<string, unknown> = root;
      for (const step of path) {
        const keys = Object.keys(node);
        const child = keys.length > 0 ? node[keys[step % keys.length] as string] : undefined;
        if (child === null || typeof child !== 'object') break;
        node = child as Record<string, unknown>;
      }
      const keys = Object.keys(node);
      const target = addKey || keys.length === 0 ? sensitive : (keys[(path[0] ?? 0) % keys.length] as string);
      Object.defineProperty(node, target, { value: graft, enumerable: true, writable: true, configurable: true });
      return root;
    });
}
