/**
 * Issue #16, item 11 (CLI half): `cli ingest --token` put the token in the process list.
 * Checked failing before the fix: on the previous commit `--token` was the documented way, and
 * `instinct ingest --token T` ran with the token in argv (token-source.ts did not exist).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenFrom } from '../../../src/main/cli/token-source';
import { tempDir } from '../../helpers/temp-dir';

const ROOT = join(__dirname, '../../..');

describe('the ingest token never comes from argv', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('refuses --token with the reason and the alternatives', () => {
    expect(() => tokenFrom({ token: 'secret' }, {})).toThrow(/process list.*INSTINCT_TOKEN.*--token-file/);
  });

  it('reads INSTINCT_TOKEN, or a token file (trimmed)', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    expect(tokenFrom({}, { INSTINCT_TOKEN: ' abc ' })).toBe('abc');
    const file = join(t.dir, 'token');
    writeFileSync(file, 'from-file\n', { mode: 0o600 });
    expect(tokenFrom({ tokenFile: file }, { INSTINCT_TOKEN: 'env' })).toBe('from-file');
    expect(() => tokenFrom({ tokenFile: join(t.dir, 'missing') }, {})).toThrow(/--token-file/);
    expect(tokenFrom({}, {})).toBeUndefined();
  });

  it('the command line exits with a usage error before sending anything', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts'), 'ingest', '--url', 'http://127.0.0.1:9', '--token', 'secret', '-'], { cwd: ROOT, input: '', encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--token would show the token/);
  });
});
