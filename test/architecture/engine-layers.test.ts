import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE, engineImports, ROOT, sourceFiles } from './engine-imports';

/** The engine folders a file imports (relative imports resolved), e.g. `eval`, `training`. */
function importedCapabilities(file: string): string[] {
  return engineImports(file).flatMap((target) => (target.startsWith('..') ? [] : [target.split('/')[0]!]));
}

/**
 * Offline evaluation and training sit on one datasets module: `datasets/` (locations, importers,
 * attributes, the rank rule) imports neither; `training/` never imports `eval/` (eval builds
 * training's models, so the reverse would be a cycle). Broken variant this catches: any
 * `import ... from '../eval/...'` in training/ (as `intentRecommender.ts` and the dataset location
 * once had), or eval code moved back under datasets/.
 */
describe('engine layers: datasets below training below eval', () => {
  const files = (folder: string): string[] => sourceFiles(join(ENGINE, folder));

  it('training/ imports nothing from eval/; datasets/ imports neither eval/ nor training/', () => {
    const offenders = [
      ...files('training').filter((f) => importedCapabilities(f).includes('eval')),
      ...files('datasets').filter((f) => importedCapabilities(f).some((c) => c === 'eval' || c === 'training')),
    ].map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
    // Not vacuous: eval does import training and datasets, and training imports datasets.
    expect(files('eval').some((f) => importedCapabilities(f).includes('training'))).toBe(true);
    expect(files('training').some((f) => importedCapabilities(f).includes('datasets'))).toBe(true);
  });

  it('eval/, training/ and datasets/ name files and folders in kebab-case, like the rest of the engine', () => {
    const offenders = ['eval', 'training', 'datasets'].flatMap((folder) =>
      files(folder)
        .map((f) => relative(ENGINE, f).split('\\').join('/'))
        .filter((path) => path.split('/').some((segment) => /[A-Z_]/.test(segment))),
    );
    expect(offenders).toEqual([]);
  });
});
