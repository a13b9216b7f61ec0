/**
 * Issue #16, item 6: Latin-1 text became U+FFFD without a warning, and UTF-16 files failed with
 * "type: expected string".
 * Checked failing before the fix: on the previous commit the Latin-1 file stored "Caf\uFFFD" and
 * the UTF-16 files rejected every row (`importFile` read them as UTF-8).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';

const CSV = 'id,type,shopper_id,query,ts\ns1,search,u1,Café crème,1767261600\ns2,search,u1,plain,1767261601\n';

describe('import encodings', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  const file = (name: string, bytes: Buffer): string => {
    const path = join(env.dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const queries = (): (string | null)[] => env.engine.events.recent({ limit: 10 }).map((e) => e.query).sort();

  it('rejects a row of invalid UTF-8 with its byte offset, and keeps the others', async () => {
    const report = await env.engine.imports.importFile(file('latin1.csv', Buffer.from(CSV, 'latin1')), 'csv', 'events');
    expect(report).toMatchObject({ stored: 1, rejected: 1 });
    // "id,...,ts\n" is 28 bytes, "s1,search,u1,Caf" 16 more: the é (0xE9) is byte 44.
    expect(report.rejections[0]).toMatchObject({ line: 2, field: '(encoding)', reason: expect.stringContaining('byte 44') });
    expect(report.rejections[0]?.reason).toContain('--encoding latin1');
    expect(queries()).toEqual(['plain']);
  });

  it('reads Latin-1 when asked', async () => {
    const report = await env.engine.imports.importFile(file('latin1.csv', Buffer.from(CSV, 'latin1')), 'csv', 'events', { encoding: 'latin1' });
    expect(report).toMatchObject({ stored: 2, rejected: 0 });
    expect(queries()).toEqual(['Café crème', 'plain']);
  });

  it('transcodes UTF-16 LE and BE files by their byte-order mark', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    expect(await env.engine.imports.importFile(file('le.csv', le), 'csv', 'events')).toMatchObject({ stored: 2, rejected: 0 });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CSV.replace(/\ns(\d)/g, '\nt$1'), 'utf16le').swap16()]);
    expect(await env.engine.imports.importFile(file('be.csv', be), 'csv', 'events')).toMatchObject({ stored: 2, rejected: 0 });
    expect(queries()).toEqual(['Café crème', 'Café crème', 'plain', 'plain']);
  });

  it('refuses UTF-16 without a byte-order mark with a clear reason', async () => {
    await expect(env.engine.imports.importFile(file('nobom.csv', Buffer.from(CSV, 'utf16le')), 'csv', 'events')).rejects.toThrow(/UTF-16 without a byte-order mark/);
  });

  it('flags text the console decoded with U+FFFD instead of storing it', async () => {
    const report = await env.engine.imports.importText('c.csv', CSV.replace('é', '\uFFFD'), 'csv', 'events');
    expect(report).toMatchObject({ stored: 1, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({ line: 2, field: '(encoding)', reason: expect.stringContaining('U+FFFD') });
  });
});
