import { readFileSync } from 'node:fs';
import { loadModel } from '../training/checkpoint/modelFile';
import { catalogueTable } from '../training/model/catalogueTable';
import { scoreHistory, type ModelContext } from '../training/model/intentModel';
import type { ItemVectorRepository } from '../store';
import { itemEventTokens, SEQUENCE_EVENT_TYPES, type ItemEvent, type TokenEvents } from '../training/data/sessionEvents';
import { textTable } from './store-training-data';

/** A live session's event as serving sees it (the fields `itemEventTokens` reads). */
export interface SessionItemEvent {
  type: string;
  itemId: string | null;
  /** Epoch milliseconds. */
  ts: number;
}

const SEQUENCE_TYPES: ReadonlySet<string> = new Set(SEQUENCE_EVENT_TYPES);

/**
 * A promoted intent model, ready to serve: the shopper's item history -> the model's scores over
 * the catalogue it was trained on -> the best items. Items added after training are not in it (the
 * text-intent path still proposes them).
 */
export class ServingIntentModel {
  private readonly index: Map<string, number>;
  private readonly scores: Float32Array;
  /** Whether the model was trained with event-type and time-gap embeddings (then it needs them to score). */
  readonly usesEvents: boolean;

  private constructor(
    readonly version: string,
    private readonly itemIds: string[],
    private readonly ctx: ModelContext,
    private readonly table: Float32Array,
  ) {
    this.index = new Map(itemIds.map((id, i) => [id, i]));
    this.scores = new Float32Array(itemIds.length);
    this.usesEvents = ctx.config.events === true;
  }

  static load(version: string, modelPath: string, vectors: ItemVectorRepository, textVersion: string | null): ServingIntentModel {
    const model = loadModel(modelPath);
    const itemIds = JSON.parse(readFileSync(modelPath.replace(/\.model$/, '.items.json'), 'utf8')) as string[];
    if (itemIds.length !== model.numItems) throw new Error(`${modelPath}: ${itemIds.length} item ids for a model of ${model.numItems} items`);
    const text = model.config.useText ? textTable(vectors, textVersion, itemIds) : null;
    if (model.config.useText && !text) throw new Error(`${modelPath}: the model reads text vectors, and none are cached for ${textVersion}`);
    const ctx: ModelContext = { params: model.params, config: model.config, text };
    return new ServingIntentModel(version, itemIds, ctx, catalogueTable(model, text));
  }

  /** The k best items after this history (oldest first), scores min-max scaled to [0, 1]; [] without a known item. */
  candidates(history: readonly string[], k: number): { itemId: string; score: number }[] {
    const known = history.flatMap((id) => (this.index.has(id) ? [this.index.get(id)!] : []));
    if (known.length === 0) return [];
    scoreHistory(this.ctx, this.table, Int32Array.from(known), this.scores);
    return this.top(k);
  }

  /**
   * The k best items after a live session's events (oldest first), built into tokens exactly as
   * the store's training sequences are (`itemEventTokens`: the same event types, immediate repeats
   * collapsed, each token's type and time gap); for a model without events only the items count.
   */
  candidatesForSession(events: readonly SessionItemEvent[], k: number): { itemId: string; score: number }[] {
    const itemEvents: ItemEvent[] = [];
    for (const e of events) {
      const item = e.itemId === null ? undefined : this.index.get(e.itemId);
      if (item !== undefined && SEQUENCE_TYPES.has(e.type)) itemEvents.push({ item, type: e.type, ts: e.ts });
    }
    const tokens = itemEventTokens(itemEvents);
    if (tokens.items.length === 0) return [];
    scoreHistory(this.ctx, this.table, tokens.items, this.scores, tokens.events);
    return this.top(k);
  }

  /** As `candidates`, with each history item's event type and gap bucket (items the model does not know are dropped with theirs). */
  candidatesForTokens(history: readonly string[], events: TokenEvents, k: number): { itemId: string; score: number }[] {
    const keep = history.flatMap((id, t) => (this.index.has(id) ? [t] : []));
    if (keep.length === 0) return [];
    const pick = (ids: Int32Array): Int32Array => Int32Array.from(keep, (t) => ids[t]!);
    scoreHistory(this.ctx, this.table, Int32Array.from(keep, (t) => this.index.get(history[t]!)!), this.scores, { types: pick(events.types), gaps: pick(events.gaps) });
    return this.top(k);
  }

  /** The k best of the last scores, min-max scaled to [0, 1]. */
  private top(k: number): { itemId: string; score: number }[] {
    const top: number[] = [];
    for (let j = 0; j < this.scores.length; j++) {
      if (top.length < k) {
        top.push(j);
        if (top.length === k) top.sort((a, b) => this.scores[b]! - this.scores[a]!);
      } else if (this.scores[j]! > this.scores[top[k - 1]!]!) {
        let i = k - 1;
        while (i > 0 && this.scores[top[i - 1]!]! < this.scores[j]!) {
          top[i] = top[i - 1]!;
          i--;
        }
        top[i] = j;
      }
    }
    top.sort((a, b) => this.scores[b]! - this.scores[a]!);
    const hi = this.scores[top[0]!]!;
    const lo = this.scores[top[top.length - 1]!]!;
    return top.map((j) => ({ itemId: this.itemIds[j]!, score: hi > lo ? (this.scores[j]! - lo) / (hi - lo) : 1 }));
  }
}
