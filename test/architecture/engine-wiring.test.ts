import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE, engineImports as imported, ROOT, sourceFiles } from './engine-imports';

/**
 * `wiring/` builds the engine's services and the contract's handler table for `engine.ts`, the
 * composition root: it sits on top of every capability, so no capability may import it (that would
 * be a cycle through the root), and it never imports `engine.ts` itself. Broken variants this
 * catches: a service reaching for `../wiring/...`, or a wiring file importing the Engine class.
 */
describe('engine wiring: only the composition root imports it', () => {
  it('nothing under src/main/engine but engine.ts and wiring/ imports wiring/; wiring/ does not import engine.ts', () => {
    const files = sourceFiles(ENGINE);
    const outside = files.filter((f) => !relative(ENGINE, f).startsWith('wiring/') && relative(ENGINE, f) !== 'engine.ts');
    expect(outside.filter((f) => imported(f).some((p) => p.startsWith('wiring/') || p === 'wiring')).map((f) => relative(ROOT, f))).toEqual([]);
    const wiring = files.filter((f) => relative(ENGINE, f).startsWith('wiring/'));
    expect(wiring.length).toBeGreaterThan(5);
    expect(wiring.filter((f) => imported(f).includes('engine')).map((f) => relative(ROOT, f))).toEqual([]);
    // Not vacuous: engine.ts does build from wiring/.
    expect(imported(join(ENGINE, 'engine.ts')).some((p) => p.startsWith('wiring/'))).toBe(true);
  });
});
