import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
/** The thin glue: the only places allowed to import Electron. */
const GLUE = [/^src\/main\/index\.ts$/, /^src\/main\/glue\//, /^src\/preload\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const IMPORTS_ELECTRON = /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

describe('layering', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((f) => relative(ROOT, f).split('\\').join('/'));

  it('only the glue and the preload import electron', () => {
    const offenders = files.filter((f) => !GLUE.some((g) => g.test(f)) && IMPORTS_ELECTRON.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the renderer imports no Node built-ins and nothing from the main process', () => {
    const renderer = files.filter((f) => f.startsWith('src/renderer/'));
    const offenders = renderer.filter((f) => /from\s+['"](node:|fs['"]|path['"]|child_process)|src\/main|\.\.\/main\//.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the glue is really in use (the check above is not vacuous)', () => {
    expect(files.filter((f) => IMPORTS_ELECTRON.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual(
      expect.arrayContaining(['src/main/index.ts', 'src/preload/index.ts']),
    );
  });
});
