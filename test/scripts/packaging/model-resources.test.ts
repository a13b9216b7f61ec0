import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuilderConfig, type BuilderConfig } from '../../../scripts/packaging/checks/builder-config';
import { missingManifestFiles, modelResourceProblems, scanModels, shippedAs } from '../../../scripts/packaging/checks/model-resources';

const ROOT = join(__dirname, '../../..');
const shipModels: BuilderConfig = { files: ['out/**', 'package.json'], extraResources: [{ from: 'models', to: 'models', filter: ['**/*'] }] };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** models/encoder with a manifest listing weights.onnx and vocab.txt, as the real models/ is laid out. */
function fixture(files: Record<string, string>, manifest: { name: string; sha256: string; bytes?: number }[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'instinct-models-'));
  mkdirSync(join(dir, 'encoder'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'encoder', name), text);
  writeFileSync(join(dir, 'encoder', 'manifest.json'), JSON.stringify({ files: manifest }));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('model files against their manifest', () => {
  it('passes files whose sha256 and size match, with the manifest and model card beside them', async () => {
    const t = fixture({ 'weights.onnx': 'w', 'vocab.txt': 'v', 'MODEL_CARD.md': '# card' }, [
      { name: 'weights.onnx', sha256: sha256('w'), bytes: 1 },
      { name: 'vocab.txt', sha256: sha256('v') },
    ]);
    try {
      const { files, manifests } = await scanModels(t.dir);
      expect(files.map((f) => f.path).sort()).toEqual(['encoder/MODEL_CARD.md', 'encoder/manifest.json', 'encoder/vocab.txt', 'encoder/weights.onnx']);
      expect([...modelResourceProblems(shipModels, files), ...missingManifestFiles(files, manifests)]).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it('names a file whose bytes changed, a file no manifest lists, and a listed file that is gone', async () => {
    const t = fixture({ 'weights.onnx': 'tampered', 'extra.bin': 'x' }, [
      { name: 'weights.onnx', sha256: sha256('w') },
      { name: 'vocab.txt', sha256: sha256('v') },
    ]);
    try {
      const { files, manifests } = await scanModels(t.dir);
      const problems = [...modelResourceProblems(shipModels, files), ...missingManifestFiles(files, manifests)];
      expect(problems).toHaveLength(3);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/models\/encoder\/weights\.onnx: sha256 \w+ does not match/),
          'model file models/encoder/extra.bin is not listed in its model\'s manifest.json',
          'models/encoder/vocab.txt is in the manifest but missing',
        ]),
      );
    } finally {
      t.cleanup();
    }
  });
});

describe('model files in extraResources', () => {
  const file = { path: 'encoder/weights.onnx', bytes: 1, sha256: sha256('w'), expected: { name: 'weights.onnx', sha256: sha256('w') }, metadata: false };

  it('refuses a configuration that does not ship them, ships them elsewhere, filters them out or packs them into the asar', () => {
    expect(modelResourceProblems({ files: ['out/**'] }, [file])).toEqual(['model file models/encoder/weights.onnx is not in extraResources']);
    expect(modelResourceProblems({ extraResources: [{ from: 'models', to: 'ml' }] }, [file])[0]).toContain('ships as ml/encoder/weights.onnx');
    expect(modelResourceProblems({ extraResources: [{ from: 'models', to: 'models', filter: ['**/*', '!**/*.onnx'] }] }, [file])[0]).toContain('not in extraResources');
    expect(modelResourceProblems({ ...shipModels, files: ['out/**', 'models/**'] }, [file])[0]).toContain('would also be packed into the asar');
    expect(shippedAs(shipModels, 'encoder/weights.onnx')).toBe('models/encoder/weights.onnx');
  });

  it("holds for the project's models and electron-builder.yml: every file shipped, every sha256 as the manifest says", async () => {
    const { files, manifests } = await scanModels(join(ROOT, 'models'));
    expect(files.filter((f) => !f.metadata).length).toBeGreaterThanOrEqual(7);
    const config = readBuilderConfig(join(ROOT, 'electron-builder.yml'));
    expect([...modelResourceProblems(config, files), ...missingManifestFiles(files, manifests)]).toEqual([]);
  });
});
