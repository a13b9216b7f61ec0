import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../../../src/main/engine/engine';
import { onnxRuntimeVersion } from '../../../../src/main/engine/inference/onnx-runtime-version';
import { aboutVersions, readModelVersions } from '../../../../src/main/engine/settings/versions';

describe('About versions', () => {
  it('reports Electron only inside the desktop app, and sorts the models', () => {
    const facts = { instinct: '1.2.3', onnxRuntime: '1.30.0', models: [{ name: 'b', version: '2' }, { name: 'a', version: '1' }] };
    expect(aboutVersions({ ...facts, processVersions: { node: '20.1.0' } })).toEqual({ instinct: '1.2.3', node: '20.1.0', electron: null, onnxRuntime: '1.30.0', models: [{ name: 'a', version: '1' }, { name: 'b', version: '2' }] });
    expect(aboutVersions({ ...facts, processVersions: { node: '20.1.0', electron: '38.0.0' } }).electron).toBe('38.0.0');
  });

  it('reads each model manifest and skips folders without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'instinct-models-'));
    mkdirSync(join(dir, 'text-encoder'));
    writeFileSync(join(dir, 'text-encoder', 'manifest.json'), JSON.stringify({ name: 'mini', modelVersion: 'mini@abc' }));
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'manifest.json'), '{');
    mkdirSync(join(dir, 'empty'));
    expect(readModelVersions(dir)).toEqual([{ name: 'mini', version: 'mini@abc' }]);
    expect(readModelVersions(join(dir, 'nope'))).toEqual([]);
  });

  it('matches the shipped facts: package.json, the repository model, onnxruntime-node', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(ENGINE_VERSION).toBe(pkg.version);
    const ort = JSON.parse(readFileSync('node_modules/onnxruntime-node/package.json', 'utf8')) as { version: string };
    expect(onnxRuntimeVersion()).toBe(ort.version);
    const manifest = JSON.parse(readFileSync('models/text-encoder/manifest.json', 'utf8')) as { modelVersion: string };
    expect(readModelVersions('models')).toContainEqual({ name: 'all-MiniLM-L6-v2', version: manifest.modelVersion });
  });
});
