import { describe, expect, it } from 'vitest';
import { recordToEvent } from '../../../../src/main/engine/import/event-mapping';
import { mapGa4Row } from '../../../../src/main/engine/import/ga4-mapping';
import { mapSegmentMessage } from '../../../../src/main/engine/import/segment-mapping';

/** Imported clicks and purchases keep the list they came from, so attribution can join them explicitly. */
describe('importers carry the list and position of a reward', () => {
  it('CSV/JSONL: impression_id (or list_id) and position columns', () => {
    expect(recordToEvent({ type: 'click', shopper_id: 'u1', item_id: 'P1', ts: '1700000000000', impression_id: 'L-1', position: '3' })).toMatchObject({ impressionId: 'L-1', position: 3 });
    expect(recordToEvent({ type: 'click', shopperId: 'u1', itemId: 'P1', list_id: 'L-2' })).toMatchObject({ impressionId: 'L-2' });
    expect(recordToEvent({ type: 'view', shopperId: 'u1', itemId: 'P1' })).not.toHaveProperty('impressionId');
  });

  it('GA4: items[].item_list_id and the zero-based index become the list and a 1-based position', () => {
    const row = {
      event_name: 'select_item',
      event_timestamp: 1_700_000_000_000_000,
      user_pseudo_id: 'u1',
      items: [{ item_id: 'P1', item_list_id: 'L-9', index: 0 }, { item_id: 'P2', item_list_id: 'L-9', item_list_index: 4 }],
    };
    const out = mapGa4Row(row);
    expect('rows' in out && out.rows).toMatchObject([
      { type: 'click', itemId: 'P1', impressionId: 'L-9', position: 1 },
      { type: 'click', itemId: 'P2', impressionId: 'L-9', position: 5 },
    ]);
    expect(() => mapGa4Row({ ...row, items: [{ item_id: 'P1', index: -1 }] })).toThrow(expect.objectContaining({ field: 'items.0.index' }));
  });

  it('Segment: list_id on the product or the event, and the product position', () => {
    const clicked = mapSegmentMessage({ type: 'track', event: 'Product Clicked', anonymousId: 'a1', messageId: 'm1', timestamp: '2024-01-01T00:00:00Z', properties: { product_id: 'P1', list_id: 'L-3', position: 2 } });
    expect('rows' in clicked && clicked.rows[0]).toMatchObject({ type: 'click', itemId: 'P1', impressionId: 'L-3', position: 2 });
    const order = mapSegmentMessage({ type: 'track', event: 'Order Completed', anonymousId: 'a1', messageId: 'm2', timestamp: '2024-01-01T00:00:00Z', properties: { order_id: 'o1', products: [{ product_id: 'P1', list_id: 'L-4', position: 7, price: 5 }] } });
    expect('rows' in order && order.rows[0]).toMatchObject({ type: 'purchase', impressionId: 'L-4', position: 7 });
  });
});
