import { z } from 'zod';

/**
 * Limits on free-form JSON that crosses a boundary (an event's `context`, an item's `attributes`, a
 * rule patch, any request as a whole). Checked by an explicit walk, never by recursion, so hostile
 * nesting cannot overflow the stack, and before any code copies the value, so a `__proto__` key is
 * refused with a reason instead of being dropped or, worse, assigned.
 */
export interface JsonLimits {
  /** Nesting of objects and arrays: 1 = a flat object of scalars. */
  maxDepth: number;
  /** Serialised size, in UTF-16 code units as JSON.stringify would count them (approximately). */
  maxBytes: number;
  /** Keys and array elements, all levels together. */
  maxEntries: number;
  maxKeyLength: number;
}

/** Keys that reach an object's prototype when assigned: refused wherever user JSON becomes an object. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function prototypeKeyReason(key: string): string {
  return `key ${JSON.stringify(key)} is not allowed (it could change an object's prototype)`;
}

export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/**
 * A rule patch (or a rule to guard): any of a rule's fields, which RuleInput then checks one by one.
 * Sized for the largest valid rule: its deepest part is a weekly window's days (patch → schedule →
 * windows → window → days: 5 levels), and 14 windows of 7 days with their keys are about 180 entries.
 */
export const RULE_PATCH_LIMITS: JsonLimits = { maxDepth: 5, maxBytes: 8192, maxEntries: 256, maxKeyLength: 64 };

/** Deepest nesting any request may have before its schema looks at it. */
export const MAX_REQUEST_DEPTH = 32;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The first way `value` breaks the limits (and the JSON data model), or undefined. */
export function jsonProblem(value: unknown, limits: JsonLimits): JsonProblem | undefined {
  let bytes = 0;
  let entries = 0;
  const stack: { value: unknown; path: (string | number)[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; path: (string | number)[]; depth: number };
    const v = top.value;
    if (v === null || typeof v === 'boolean') bytes += 5;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path: top.path, message: 'not a finite number' };
      bytes += 24;
    } else if (typeof v === 'string') bytes += v.length + 2;
    else if (Array.isArray(v) || isPlainObject(v)) {
      if (top.depth + 1 > limits.maxDepth) {
        return { path: top.path, message: limits.maxDepth === 1 ? 'must be a string, number or boolean' : `nested deeper than ${limits.maxDepth} levels` };
      }
      bytes += 2;
      if (Array.isArray(v)) {
        entries += v.length;
        if (entries > limits.maxEntries) return { path: top.path, message: `more than ${limits.maxEntries} entries` };
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...top.path, i], depth: top.depth + 1 });
      } else {
        const keys = Object.keys(v);
        entries += keys.length;
        if (entries > limits.maxEntries) return { path: top.path, message: `more than ${limits.maxEntries} entries` };
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          if (PROTOTYPE_KEYS.has(key)) return { path: [...top.path, key], message: prototypeKeyReason(key) };
          if (key.length > limits.maxKeyLength) return { path: [...top.path, key.slice(0, 40)], message: `key longer than ${limits.maxKeyLength} characters` };
          bytes += key.length + 4;
          stack.push({ value: v[key], path: [...top.path, key], depth: top.depth + 1 });
        }
      }
    } else return { path: top.path, message: `not a JSON value (${typeof v})` };
    if (bytes > limits.maxBytes) return { path: top.path.slice(0, 1), message: `larger than ${limits.maxBytes} bytes` };
  }
  return undefined;
}

/**
 * A JSON object within `limits`, as a schema. It validates the value as given (no copy is made, so
 * nothing is silently dropped) and passes it through unchanged.
 */
export function boundedJsonObject<T extends Record<string, unknown> = Record<string, unknown>>(limits: JsonLimits) {
  return z
    .custom<T>((value) => isPlainObject(value), { message: 'expected a JSON object' })
    .superRefine((value, ctx) => {
      const problem = jsonProblem(value, limits);
      if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    });
}

/**
 * The guard every request passes before its schema: bounded nesting and no prototype keys at any
 * depth. Walks without recursion and stops at the first problem.
 */
export function requestProblem(input: unknown): JsonProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; path: (string | number)[] };
    const v = top.value;
    if (v === null || typeof v !== 'object') continue;
    if (top.path.length >= MAX_REQUEST_DEPTH) return { path: top.path.slice(0, 8), message: `nested deeper than ${MAX_REQUEST_DEPTH} levels` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ value: v[i], path: [...top.path, i] });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (PROTOTYPE_KEYS.has(key)) return { path: [...top.path, key], message: prototypeKeyReason(key) };
      const child = (v as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: [...top.path, key] });
    }
  }
  return undefined;
}
