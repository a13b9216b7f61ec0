/**
 * The import's parser (run on the import's worker thread): chunks of checked rows on request,
 * every physical line and record counted in exactly one chunk, a record's rows never split, and
 * a chunk bounded however bad the file is.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedChunk } from '../../../../src/main/engine/import/import-messages';
import { ImportParser, MAX_CHUNK_RECORDS } from '../../../../src/main/engine/import/import-parser';
import { textLineSource } from '../../../../src/main/engine/import/source-lines';

async function allChunks(parser: ImportParser, rows: number): Promise<ParsedChunk[]> {
  const chunks: ParsedChunk[] = [];
  for (;;) {
    const chunk = await parser.next(rows);
    chunks.push(chunk);
    if (chunk.last) return chunks;
    if (chunks.length > 10_000) throw new Error('the parser never ended');
  }
}

const sum = (chunks: ParsedChunk[], f: (c: ParsedChunk) => number): number => chunks.reduce((s, c) => s + f(c), 0);

describe('ImportParser', () => {
  it('cuts chunks of about the rows asked for, counting every line and record once, with event ids', async () => {
    const lines = ['id,type,shopper_id,item_id,ts'];
    for (let i = 1; i <= 1000; i++) {
      if (i % 100 === 0) lines.push(`e${i},teleport,u1,P1,${1_767_261_600_000 + i}`);
      else if (i % 150 === 0) lines.push('');
      else lines.push(`${i % 2 ? `e${i}` : ''},view,u${i % 7},P${i},${1_767_261_600_000 + i}`);
    }
    const text = `${lines.join('\n')}\n`;
    const chunks = await allChunks(new ImportParser(textLineSource(text), { format: 'csv', target: 'events', maxFutureSkewMs: 86_400_000 }), 64);
    const rowCounts = chunks.map((c) => sum([c], (x) => x.events.length));
    expect(Math.max(...rowCounts)).toBe(64);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.filter((c) => c.last)).toHaveLength(1);
    expect(sum(chunks, (c) => c.linesRead)).toBe(1001);
    // 1000 data lines: 10 bad types (every 100th), 3 blank (150, 450, 750: 300, 600 and 900 are bad types), the rest rows.
    const blank = [150, 450, 750].length;
    expect(sum(chunks, (c) => c.rowsRead)).toBe(1000 - blank);
    expect(sum(chunks, (c) => c.problems.length)).toBe(10);
    expect(chunks.flatMap((c) => c.problems.map((p) => p.field))).toEqual(Array(10).fill('type'));
    const events = chunks.flatMap((c) => c.events);
    expect(events).toHaveLength(1000 - blank - 10);
    // Lines in order, each once; rows without an id get one from their content.
    const seen = events.map((e) => e.line);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(events.every((e) => typeof e.values[0]?.id === 'string')).toBe(true);
    expect(events.find((e) => e.line === 3)?.values[0]?.id).toMatch(/^imp-/);
    const positions = chunks.map((c) => c.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.at(-1)).toBe(text.length);
  });

  it('never splits the rows of one record (a GA4 purchase of several items) across chunks', async () => {
    const row = (n: number): string =>
      JSON.stringify({ event_name: 'purchase', event_timestamp: `${1_767_261_600_000_000 + n}`, user_pseudo_id: `g${n}`, ecommerce: { transaction_id: `T${n}` }, items: [{ item_id: 'A' }, { item_id: 'B' }, { item_id: 'C' }] });
    const text = Array.from({ length: 50 }, (_, i) => row(i)).join('\n');
    const chunks = await allChunks(new ImportParser(textLineSource(text), { format: 'ga4', target: 'events', maxFutureSkewMs: 86_400_000 }), 4);
    for (const c of chunks) for (const record of c.events) expect(record.values).toHaveLength(3);
    // Four rows asked: two records (six rows) per chunk, the second record completing the ask.
    expect(chunks[0]?.events).toHaveLength(2);
    expect(sum(chunks, (c) => c.events.length)).toBe(50);
  });

  it('bounds a chunk of a file with nothing good in it, and reports future events with their line', async () => {
    const bad = Array.from({ length: 3 * MAX_CHUNK_RECORDS }, () => 'not json').join('\n');
    const chunks = await allChunks(new ImportParser(textLineSource(bad), { format: 'jsonl', target: 'events', maxFutureSkewMs: 86_400_000 }), 100);
    expect(Math.max(...chunks.map((c) => c.rowsRead))).toBeLessThanOrEqual(MAX_CHUNK_RECORDS);
    expect(sum(chunks, (c) => c.problems.length)).toBe(3 * MAX_CHUNK_RECORDS);

    const future = `{"type":"view","shopperId":"u","itemId":"P","ts":${Date.now() + 3 * 86_400_000}}\n{"type":"view","shopperId":"u","itemId":"P","ts":${Date.now()}}`;
    const [only] = await allChunks(new ImportParser(textLineSource(future), { format: 'jsonl', target: 'events', maxFutureSkewMs: 86_400_000 }), 100);
    expect(only?.problems).toEqual([expect.objectContaining({ line: 1, field: 'ts' })]);
    expect(only?.events.map((e) => e.line)).toEqual([2]);
  });
});
