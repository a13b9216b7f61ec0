import { ContractError, methods, type CatalogItem, type EventInput, type MethodInput, type MethodName, type MethodOutput, type RankedList } from '../../../src/shared/contract';
import type { ContractClient } from '../../../src/main/simulator';

export interface RecordedCall {
  readonly method: MethodName;
  readonly input: unknown;
}

export type Ranking = (who: { shopperId: string; slot: string; query?: string; itemId?: string }, k: number, callNo: number) => string[];

const ZERO = { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 };

/**
 * A stand-in engine for unit tests: answers recommend, search, catalog.list and events.ingest
 * deterministically (impression ids imp-1, imp-2, ...), checks every input against the contract,
 * and records the calls.
 */
export class FakeEngineClient implements ContractClient {
  readonly calls: RecordedCall[] = [];
  readonly events: EventInput[] = [];
  readonly lists = new Map<string, RankedList>();
  private readonly items: Map<string, CatalogItem>;
  /** Called before each answer: may throw or wait (to test errors and stopping). */
  before: (method: MethodName) => Promise<void> | void = () => undefined;

  constructor(
    private readonly catalogue: readonly CatalogItem[],
    private readonly rank: Ranking,
  ) {
    this.items = new Map(catalogue.map((i) => [i.itemId, i]));
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) throw new ContractError('bad_request', `${method}: ${parsed.error.issues[0]?.message ?? ''}`);
    await this.before(method);
    return this.answer(method, parsed.data) as MethodOutput<M>;
  }

  private answer(method: MethodName, input: unknown): unknown {
    if (method === 'catalog.list') {
      const { limit, offset } = input as { limit: number; offset: number };
      return { total: this.catalogue.length, items: this.catalogue.slice(offset, offset + limit).map((i) => ({ ...i, inStock: i.inStock ?? true, updatedAt: 0 })) };
    }
    if (method === 'events.ingest') {
      const { events } = input as { events: EventInput[] };
      this.events.push(...events);
      return { stored: events.length, duplicates: 0, ids: events.map((_, i) => `e${this.events.length - events.length + i + 1}`) };
    }
    if (method === 'recommend' || method === 'search') {
      const req = input as { shopperId: string; sessionId?: string; k: number; slot?: string; query?: string; context?: { itemId?: string } };
      const slot = method === 'search' ? 'search' : (req.slot ?? 'home');
      const ids = this.rank({ shopperId: req.shopperId, slot, ...(req.query ? { query: req.query } : {}), ...(req.context?.itemId ? { itemId: req.context.itemId } : {}) }, req.k, this.lists.size + 1);
      return this.list(ids, slot, req.shopperId, req.sessionId ?? null);
    }
    throw new ContractError('not_found', `the fake engine does not answer ${method}`);
  }

  private list(ids: string[], slot: string, shopperId: string, sessionId: string | null): RankedList {
    const impressionId = `imp-${this.lists.size + 1}`;
    const items = ids.map((itemId, i) => {
      const item = this.items.get(itemId);
      return {
        itemId,
        title: item?.title ?? itemId,
        ...(item?.price !== undefined ? { price: item.price } : {}),
        position: i + 1,
        score: 1 / (i + 1),
        propensity: 1,
        contributions: ZERO,
        rules: [],
        sources: ['fake'],
      };
    });
    const list: RankedList = { impressionId, experiment: null, policy: 'weights', explored: false, slot, shopperId, sessionId, coldStart: false, weightsVersion: 1, modelVersion: 'fake', purchaseIntent: 0, items, tookMs: 0 };
    this.lists.set(impressionId, list);
    return list;
  }
}
