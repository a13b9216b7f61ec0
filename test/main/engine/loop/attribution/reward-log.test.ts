import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RewardLog, type RewardRow } from '../../../../../src/main/engine/loop/attribution/reward-log';
import { openDatabase } from '../../../../../src/main/engine/store';
import { tempDir } from '../../../../helpers/temp-dir';

function row(seq: number): RewardRow {
  const matched = seq % 5 !== 0;
  return {
    seq,
    impressionId: matched ? `L${seq % 7}` : null,
    itemId: `I${seq}`,
    position: matched ? (seq % 10) + 1 : null,
    type: seq % 3 === 0 ? 'purchase' : seq % 3 === 1 ? 'click' : 'add_to_cart',
    value: seq % 3 === 0 ? seq * 1.5 : 0,
    quantity: 1 + (seq % 2),
    kind: matched ? (seq % 2 === 0 ? 'explicit' : 'window') : 'unmatched',
    reason: matched ? null : 'no-impression-in-window',
    ts: 1_700_000_000_000 + seq,
    late: seq % 4 === 0,
    outOfOrder: seq % 6 === 0,
    history: seq % 9 === 0,
    firstForItem: seq % 2 === 1,
    firstForList: seq % 8 === 1,
    listValueBefore: seq / 4,
  };
}

describe('RewardLog', () => {
  it('writes a batch in sixteen-row statements and single rows, and reads every field back in order', () => {
    const t = tempDir('instinct-rewards-');
    const db = openDatabase(join(t.dir, 'instinct.db'));
    try {
      const log = new RewardLog(db);
      // 37 rows: two full chunks and five single rows; then a batch smaller than a chunk.
      const first = Array.from({ length: 37 }, (_, i) => row(i + 1));
      const second = Array.from({ length: 3 }, (_, i) => row(i + 38));
      log.writeAll(first);
      log.writeAll(second);
      log.writeAll([]);
      expect(log.since(0, 100)).toEqual([...first, ...second]);
      expect(log.since(36, 2).map((r) => r.seq)).toEqual([37, 38]);
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
