/** The encoder runs under plain Node (tests, CLI, benchmarks): it must never import electron. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('no inference module imports electron', () => {
  const dir = join(__dirname, '../../../../src/main/engine/inference');
  const offenders = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/.test(readFileSync(join(dir, f), 'utf8')));
  expect(offenders).toEqual([]);
});
