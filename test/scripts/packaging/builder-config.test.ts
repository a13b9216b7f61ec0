import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuilderConfig, schemaErrors, type BuilderConfig } from '../../../scripts/packaging/checks/builder-config';

const ROOT = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const config = readBuilderConfig(join(ROOT, 'electron-builder.yml'));

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(schemaErrors(config, schema)).toEqual([]);
  });

  it('builds AppImage and deb, NSIS and dmg, with an app id and file associations for CSV and JSONL', () => {
    expect(config.appId).toBe('com.instinct.console');
    expect(config.productName).toBe('Instinct');
    const targets = (platform: string): string[] =>
      ((config[platform] as { target: (string | { target: string })[] }).target).map((t) => (typeof t === 'string' ? t : t.target));
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    const exts = (config.fileAssociations as { ext: string }[]).map((a) => a.ext);
    expect(exts).toEqual(['csv', 'jsonl']);
    expect(config.afterSign).toBe('scripts/packaging/after-sign.cjs');
  });

  it('flips the Electron fuses that close the packaged binary to Node, inspectors and code outside its asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    // Each name is one electron-builder passes on to @electron/fuses (a misspelt one fails the schema test too).
    const fuseOptions = (schema as { definitions: Record<string, { properties: Record<string, unknown> }> }).definitions.FuseOptionsV1;
    for (const name of Object.keys(config.electronFuses as object)) expect(fuseOptions?.properties).toHaveProperty(name);
    // onlyLoadAppFromAsar and the integrity check need the app packed into an asar.
    expect(config.asar).toBe(true);
  });
});

describe('schemaErrors', () => {
  it('names a setting electron-builder does not know', () => {
    const errors = schemaErrors({ ...config, asarUnpacked: ['node_modules/x/**'] } as BuilderConfig, schema);
    expect(errors.join('\n')).toContain('asarUnpacked');
  });

  it('refuses a setting of the wrong type', () => {
    const errors = schemaErrors({ ...config, npmRebuild: 'yes' } as unknown as BuilderConfig, schema);
    expect(errors.join('\n')).toContain('/npmRebuild');
  });
});
