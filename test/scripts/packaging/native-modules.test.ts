import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuilderConfig, type BuilderConfig } from '../../../scripts/packaging/checks/builder-config';
import { globToRegExp } from '../../../scripts/packaging/checks/glob-match';
import { findNativeModules, nativeModuleProblems, type NativeModule } from '../../../scripts/packaging/checks/native-modules';

const ROOT = join(__dirname, '../../..');
const config = readBuilderConfig(join(ROOT, 'electron-builder.yml'));
const modules: NativeModule[] = [
  { name: 'better-sqlite3', kind: 'gyp' },
  { name: 'hnswlib-node', kind: 'gyp' },
  { name: 'onnxruntime-node', kind: 'napi-prebuilt' },
];

describe('nativeModuleProblems', () => {
  it('passes a configuration that unpacks and rebuilds every addon', () => {
    expect(nativeModuleProblems({ asarUnpack: modules.map((m) => `node_modules/${m.name}/**`), npmRebuild: true, buildDependenciesFromSource: true }, modules)).toEqual([]);
  });

  it('names an addon missing from asarUnpack', () => {
    const problems = nativeModuleProblems({ asarUnpack: ['node_modules/better-sqlite3/**', 'node_modules/onnxruntime-node/**'], buildDependenciesFromSource: true }, modules);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('hnswlib-node is not in asarUnpack');
  });

  it('refuses npmRebuild: false for addons compiled against Node, but not for N-API prebuilt ones', () => {
    const unpacked: BuilderConfig = { asarUnpack: ['node_modules/**'], npmRebuild: false, buildDependenciesFromSource: true };
    const problems = nativeModuleProblems(unpacked, modules);
    expect(problems.map((p) => p.split(' ')[2])).toEqual(['better-sqlite3', 'hnswlib-node']);
    expect(nativeModuleProblems(unpacked, [{ name: 'onnxruntime-node', kind: 'napi-prebuilt' }])).toEqual([]);
  });

  it('asks for compiled addons to be built from source for Electron', () => {
    expect(nativeModuleProblems({ asarUnpack: ['node_modules/**'] }, modules).join('\n')).toContain('buildDependenciesFromSource');
  });
});

describe("the project's native modules", () => {
  it('finds the compiled and prebuilt addons of the production dependencies, and the configuration covers them', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const found = findNativeModules(ROOT, lock);
    expect(found).toEqual(expect.arrayContaining(modules));
    expect(found.map((m) => m.name)).not.toContain('esbuild'); // a dev dependency's binary is not shipped
    expect(nativeModuleProblems(config, found)).toEqual([]);
  });
});

describe('globToRegExp', () => {
  it('matches the patterns electron-builder files use', () => {
    expect(globToRegExp('node_modules/@img/**').test('node_modules/@img/sharp-linux-x64/lib/sharp.node')).toBe(true);
    expect(globToRegExp('**/*.onnx').test('encoder-int8.onnx')).toBe(true);
    expect(globToRegExp('node_modules/*/x.node').test('node_modules/a/b/x.node')).toBe(false);
    expect(globToRegExp('models/**').test('modelsX/a')).toBe(false);
  });
});
