import { readFileSync } from 'node:fs';
import { loadModel } from '../training/checkpoint/modelFile';
import { catalogueTable } from '../training/model/catalogueTable';
import { scoreHistory, type ModelContext } from '../training/model/intentModel';
import type { ItemVectorRepository } from '../store';
import { textTable } from './store-training-data';

/**
 * A promoted intent model, ready to serve: the shopper's item history -> the model's scores over
 * the catalogue it was trained on -> the best items. Items added after training are not in it (the
 * text-intent path still proposes them).
 */
export class ServingIntentModel {
  private readonly index: Map<string, number>;
  private readonly scores: Float32Array;

  private constructor(
    readonly version: string,
    private readonly itemIds: string[],
    private readonly ctx: ModelContext,
    private readonly table: Float32Array,
  ) {
    this.index = new Map(itemIds.map((id, i) => [id, i]));
    this.scores = new Float32Array(itemIds.length);
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
