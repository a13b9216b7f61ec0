import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditListRequest } from '../../src/renderer/src/transport/contract';
import { auditRequest, EMPTY_AUDIT_FILTERS, formatDetail, localDayStart, reasonOf, summariseDetail } from '../../src/renderer/src/stores/auditLog';
import { createAuditStore } from '../../src/renderer/src/stores/auditStore';
import { fakeClient } from './fakes';

function entry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { seq, ts: 1_750_000_000_000 + seq, actor: 'console', action: 'weights.set', target: `weights:v${seq}`, detail: null, ...overrides };
}

describe('audit log helpers', () => {
  it('turns the filters into a request over whole local days', () => {
    expect(auditRequest(EMPTY_AUDIT_FILTERS)).toEqual({ limit: 50 });
    const request = auditRequest({ action: 'weights.', actor: ' ana ', text: ' sale ', fromDate: '2025-03-01', toDate: '2025-03-02' }, 40);
    expect(request).toMatchObject({ limit: 50, beforeSeq: 40, action: 'weights.', actor: 'ana', text: 'sale' });
    expect(request.from).toBe(new Date(2025, 2, 1).getTime());
    expect(request.to).toBe(new Date(2025, 2, 3).getTime() - 1);
    expect(localDayStart('not a date')).toBeNull();
    expect(auditRequest({ ...EMPTY_AUDIT_FILTERS, fromDate: 'x' }).from).toBeUndefined();
  });

  it('finds the reason, and summarises the rest of a detail in one line', () => {
    const detail = { reason: 'sale week', figures: [{ label: 'NDCG' }], before: 0.2412345, after: 0.1, version: 7, note: 'recency', nested: { a: 1 } };
    expect(reasonOf(detail)).toBe('sale week');
    expect(reasonOf({ confirm: { reason: 'via confirm' } })).toBe('via confirm');
    expect(reasonOf({ reason: '' })).toBeNull();
    expect(reasonOf('text')).toBeNull();
    expect(summariseDetail(detail)).toBe('figures: [1] · before: 0.2412 · after: 0.1 · version: 7 · note: recency · nested: {…}');
    expect(summariseDetail({ note: 'x'.repeat(300) }, 30)).toHaveLength(30);
    expect(summariseDetail({ imageOrigins: ['https://cdn.example.com', 'https://*.shop.example'], slots: ['a', 'b', 'c', 'd'] })).toBe('imageOrigins: [https://cdn.example.com, https://*.shop.example] · slots: [4]');
    expect(summariseDetail(null)).toBe('');
    expect(summariseDetail('plain')).toBe('plain');
    expect(formatDetail({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe('audit store', () => {
  it('loads the newest page for the filters, then pages back with nextBeforeSeq', async () => {
    const log = Array.from({ length: 5 }, (_, i) => entry(5 - i));
    const { client, transport } = fakeClient({
      'audit.list': (input) => {
        const req = input as AuditListRequest;
        const older = log.filter((e) => req.beforeSeq === undefined || e.seq < req.beforeSeq);
        const page = older.slice(0, 2);
        return { entries: page, actions: ['weights.set', 'rules.create'], nextBeforeSeq: older.length > 2 ? page.at(-1)!.seq : null };
      },
    });
    const store = createAuditStore(client);
    store.getState().setFilter('actor', 'console');
    await store.getState().load();
    expect(store.getState().entries.map((e) => e.seq)).toEqual([5, 4]);
    expect(store.getState().actions).toEqual(['weights.set', 'rules.create']);
    expect(transport.calls[0]?.input).toEqual({ limit: 50, actor: 'console' });
    await store.getState().loadMore();
    await store.getState().loadMore();
    expect(store.getState().entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(store.getState().nextBeforeSeq).toBeNull();
    expect(transport.calls.map((c) => (c.input as AuditListRequest).beforeSeq)).toEqual([undefined, 4, 2]);
    await store.getState().loadMore();
    expect(transport.calls).toHaveLength(3);

    store.getState().toggleExpanded(4);
    expect(store.getState().expanded).toEqual([4]);
    store.getState().toggleExpanded(4);
    expect(store.getState().expanded).toEqual([]);
    await store.getState().clearFilters();
    expect(transport.calls.at(-1)?.input).toEqual({ limit: 50 });
  });
});
