import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Repository-relative paths (posix, no extension) of everything a source file imports by a relative path; bare package names as given. */
function importTargets(file: string, source: string): string[] {
  const dir = dirname(file).split('\\').join('/');
  return [...source.matchAll(SPECIFIER)].map((m) => {
    const spec = m[1] as string;
    return spec.startsWith('.') ? posix.normalize(posix.join(dir, spec)) : spec;
  });
}

const files = sourceFiles(join(ROOT, 'src')).map((f) => relative(ROOT, f).split('\\').join('/'));
const importsOf = (file: string): string[] => importTargets(file, readFileSync(join(ROOT, file), 'utf8'));
/** The simulator folder, by relative path or by any alias naming a `simulator` folder outside the engine. */
const isSimulator = (target: string): boolean => target === 'src/main/simulator' || target.startsWith('src/main/simulator/') || (/(^|\/)simulator(\/|$)/.test(target) && !target.startsWith('src/'));

describe('the simulator is a client of the engine', () => {
  it('no engine file imports the simulator (the engine never reads its ground truth)', () => {
    const offenders = files
      .filter((f) => f.startsWith('src/main/engine/'))
      .flatMap((f) => importsOf(f).filter(isSimulator).map((t) => `${f} -> ${t}`));
    expect(offenders).toEqual([]);
  });

  it('the simulator reaches the engine only through the contract and the demo generator', () => {
    const offenders = files
      .filter((f) => f.startsWith('src/main/simulator/'))
      .flatMap((f) => importsOf(f).filter((t) => t.startsWith('src/main/engine/') && !t.startsWith('src/main/engine/demo')).map((t) => `${f} -> ${t}`));
    expect(offenders).toEqual([]);
  });

  it('the import check sees imports (it is not vacuous)', () => {
    expect(importTargets('src/main/engine/x/y.ts', "import { a } from '../../simulator/live-simulator';\nconst m = await import('../../simulator');")).toEqual([
      'src/main/simulator/live-simulator',
      'src/main/simulator',
    ]);
    expect(['src/main/simulator', 'src/main/simulator/respond', '@instinct/simulator'].every(isSimulator)).toBe(true);
    expect(isSimulator('src/main/engine/demo/session-simulator')).toBe(false);
    expect(files.filter((f) => f.startsWith('src/main/simulator/')).length).toBeGreaterThan(5);
    expect(importsOf('src/main/simulator/simulator-truth.ts')).toContain('src/main/engine/demo/shop-floor');
  });
});
