import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadModel, loadModelAsync } from '../training/checkpoint/model-file';
import { addCatalogueRows, catalogueTable } from '../training/model/catalogue-table';
import { scoreHistory, type ModelContext } from '../training/model/intent-model';
import type { ItemVectorRepository } from '../store';
import { itemEventTokens, SEQUENCE_EVENT_TYPES, type ItemEvent, type TokenEvents } from '../training/data/session-events';
import { timeSlices, type TimeSlices } from '../workers/time-slices';
import { ensembleFiles } from './ensemble-manifest';
import { textTable, textTableAsync } from './store-training-data';

/** A live session's event as serving sees it (the fields `itemEventTokens` reads). */
export interface SessionItemEvent {
  type: string;
  itemId: string | null;
  /** Epoch milliseconds. */
  ts: number;
}

const SEQUENCE_TYPES: ReadonlySet<string> = new Set(SEQUENCE_EVENT_TYPES);

/** Items per page of the text vectors' read when a model is loaded to serve (about 10 ms a page at 100k items on a busy 2-core machine). */
const SERVING_TEXT_PAGE = 500;

/** Items whose catalogue rows are computed between two pauses (a multiple of 4: the matmul's row group). */
const TABLE_BLOCK = 64;

export interface LoadOptions {
  /** The longest the loader holds the thread between yields (ms; default DEFAULT_SLICE_MS). */
  sliceMs?: number;
  /** Stops the load (it rejects with the signal's reason) between two slices. */
  signal?: AbortSignal;
  /** Told how the load went: how many times it yielded, and the time it took (ms). */
  onDone?: (report: { yields: number; ms: number }) => void;
}

/** One member of a served ensemble: its weights and its item table. */
interface Member {
  ctx: ModelContext;
  table: Float32Array;
}

/**
 * A promoted intent model, ready to serve: the shopper's item history -> the mean of its seed
 * ensemble's members' scores (logits) over the catalogue they were trained on -> the best items.
 * A version from before ensembles is a 1-member ensemble. Items added after training are not in it
 * (the text-intent path still proposes them).
 */
export class ServingIntentModel {
  private readonly index: Map<string, number>;
  /** The members' mean scores of the last request (reused request to request). */
  private readonly scores: Float32Array;
  /** One member's scores, before they are added in (reused). */
  private readonly memberScores: Float32Array;
  /** Whether the members were trained with event-type and time-gap embeddings (then they need them to score). */
  readonly usesEvents: boolean;

  private constructor(
    readonly version: string,
    private readonly itemIds: string[],
    private readonly members: Member[],
    index?: Map<string, number>,
  ) {
    this.index = index ?? new Map(itemIds.map((id, i) => [id, i]));
    this.scores = new Float32Array(itemIds.length);
    this.memberScores = new Float32Array(itemIds.length);
    this.usesEvents = members.some((m) => m.ctx.config.events === true);
  }

  /** How many models are averaged. */
  get memberCount(): number {
    return this.members.length;
  }

  /**
   * Loads a version from the path the registry records: its members manifest
   * (`<version>.members.json`: every member), or one `.model` file (a version from before
   * ensembles, or one member on its own). Throws before anything serves when a file is missing or
   * the members disagree on the catalogue.
   */
  static load(version: string, path: string, vectors: ItemVectorRepository, textVersion: string | null): ServingIntentModel {
    const files = ensembleFiles(path);
    const itemIds = parseItemIds(files.items, readFileSync(files.items, 'utf8'));
    let text: ModelContext['text'] | undefined;
    const members = files.models.map((modelPath): Member => {
      const model = loadModel(modelPath);
      if (itemIds.length !== model.numItems) throw new Error(`${modelPath}: ${itemIds.length} item ids for a model of ${model.numItems} items`);
      if (model.config.useText && text === undefined) text = textTable(vectors, textVersion, itemIds);
      const memberText = model.config.useText ? (text ?? null) : null;
      if (model.config.useText && !memberText) throw new Error(`${modelPath}: the model reads text vectors, and none are cached for ${textVersion}`);
      return { ctx: { params: model.params, config: model.config, text: memberText, attributes: model.attributes ?? null }, table: catalogueTable(model, memberText) };
    });
    return new ServingIntentModel(version, itemIds, members);
  }

  /**
   * `load` without stalling the thread it runs on (the engine's, or a serving replica's): the files
   * are read off the thread, then checked, decoded, joined to the text vectors (read in pages,
   * `textTableAsync`) and projected into each member's catalogue table in time slices, yielding to
   * the event loop between them. The same model as `load`, bit for bit; the same errors. Nothing
   * serves it until it resolves: the caller swaps it in then (or keeps what served on an error).
   */
  static async loadAsync(version: string, path: string, vectors: ItemVectorRepository, textVersion: string | null, options: LoadOptions = {}): Promise<ServingIntentModel> {
    const started = performance.now();
    const slices = timeSlices(options.sliceMs, options.signal);
    const files = ensembleFiles(path);
    const itemIds = parseItemIds(files.items, await readFile(files.items, 'utf8'));
    await slices.pause();
    const index = new Map<string, number>();
    for (let i = 0; i < itemIds.length; i += 1) {
      index.set(itemIds[i]!, i);
      if ((i & 4095) === 4095) await slices.pause();
    }
    let text: ModelContext['text'] | undefined;
    const members: Member[] = [];
    for (const modelPath of files.models) {
      const model = await loadModelAsync(modelPath, () => slices.pause());
      if (itemIds.length !== model.numItems) throw new Error(`${modelPath}: ${itemIds.length} item ids for a model of ${model.numItems} items`);
      if (model.config.useText && text === undefined) text = await textTableAsync(vectors, textVersion, itemIds, index, options.signal, SERVING_TEXT_PAGE);
      const memberText = model.config.useText ? (text ?? null) : null;
      if (model.config.useText && !memberText) throw new Error(`${modelPath}: the model reads text vectors, and none are cached for ${textVersion}`);
      const table = new Float32Array(model.numItems * model.config.dim);
      await tableInSlices(model, memberText, table, slices);
      members.push({ ctx: { params: model.params, config: model.config, text: memberText, attributes: model.attributes ?? null }, table });
    }
    const loaded = new ServingIntentModel(version, itemIds, members, index);
    options.onDone?.({ yields: slices.yields, ms: performance.now() - started });
    return loaded;
  }

  /**
   * The members' mean scores (logits) over the catalogue after this history (a copy), with each
   * item's event type and gap bucket for members that read them (as `candidatesForTokens`); null
   * without a known item.
   */
  meanScores(history: readonly string[], events?: TokenEvents): Float32Array | null {
    const keep = history.flatMap((id, t) => (this.index.has(id) ? [t] : []));
    if (keep.length === 0) return null;
    const pick = (ids: Int32Array): Int32Array => Int32Array.from(keep, (t) => ids[t]!);
    this.score(Int32Array.from(keep, (t) => this.index.get(history[t]!)!), events ? { types: pick(events.types), gaps: pick(events.gaps) } : undefined);
    return this.scores.slice();
  }

  /** The k best items after this history (oldest first), scores min-max scaled to [0, 1]; [] without a known item. */
  candidates(history: readonly string[], k: number): { itemId: string; score: number }[] {
    const known = history.flatMap((id) => (this.index.has(id) ? [this.index.get(id)!] : []));
    if (known.length === 0) return [];
    this.score(Int32Array.from(known));
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
    this.score(tokens.items, tokens.events);
    return this.top(k);
  }

  /** As `candidates`, with each history item's event type and gap bucket (items the model does not know are dropped with theirs). */
  candidatesForTokens(history: readonly string[], events: TokenEvents, k: number): { itemId: string; score: number }[] {
    const keep = history.flatMap((id, t) => (this.index.has(id) ? [t] : []));
    if (keep.length === 0) return [];
    const pick = (ids: Int32Array): Int32Array => Int32Array.from(keep, (t) => ids[t]!);
    this.score(Int32Array.from(keep, (t) => this.index.get(history[t]!)!), { types: pick(events.types), gaps: pick(events.gaps) });
    return this.top(k);
  }

  /** Fills `scores` with the members' mean scores; one member scores straight into it. */
  private score(items: Int32Array, events?: TokenEvents): void {
    const [first, ...rest] = this.members;
    scoreHistory(first!.ctx, first!.table, items, this.scores, events);
    if (rest.length === 0) return;
    for (const m of rest) {
      scoreHistory(m.ctx, m.table, items, this.memberScores, events);
      for (let j = 0; j < this.scores.length; j++) this.scores[j]! += this.memberScores[j]!;
    }
    const inv = 1 / this.members.length;
    for (let j = 0; j < this.scores.length; j++) this.scores[j]! *= inv;
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

/** A version's item order (`<version>.items.json`): an array of item ids, or an error naming the file. */
function parseItemIds(path: string, json: string): string[] {
  let ids: unknown;
  try {
    ids = JSON.parse(json);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new Error(`${path}: expected an array of item ids`);
  return ids as string[];
}

/** A member's catalogue table, `TABLE_BLOCK` items at a time with a pause between blocks (`addCatalogueRows`: the same sums as `catalogueTable`). */
async function tableInSlices(model: Parameters<typeof catalogueTable>[0], text: ModelContext['text'], table: Float32Array, slices: TimeSlices): Promise<void> {
  for (let from = 0; from < model.numItems; from += TABLE_BLOCK) {
    addCatalogueRows(model, text ?? null, table, from, Math.min(model.numItems, from + TABLE_BLOCK));
    await slices.pause();
  }
}
