import type { Recommender, RecommenderContext } from '../baselines/recommender';
import type { TrainingData } from '../protocols/types';
import type { TrainedIntentModel } from '../../training/checkpoint/checkpoint';
import { trainIntentModel, type TrainingResult } from '../../training/loop/train-intent-model';
import { trainEnsembleModels } from '../../training/loop/train-members';
import type { TrainingProgress } from '../../training/loop/progress';
import type { IntentModelConfig, TrainingConfig } from '../../training/model/config';
import { scoreHistory, type ModelContext } from '../../training/model/intent-model';
import type { TextTable } from '../../training/model/item-vectors';
import { catalogueTable } from '../../training/model/catalogue-table';
import { describeIntentEnsemble } from '../../training/model/spec-params';
import { loadItemParts, type ItemParts } from './item-parts';

interface ServedModel {
  model: TrainedIntentModel;
  ctx: ModelContext;
  table: Float32Array;
}

/**
 * The learned intent model as an evaluated recommender. Training is asynchronous (ONNX Runtime
 * runs the catalogue softmax), so it happens in `prepare`, which the evaluation runner awaits
 * before `fit`; early stopping uses each training sequence's held-out last item, never the
 * fold's targets. With `ensemble` = k > 1 it trains k models (seeds seed, seed + 1, ...) at the
 * same time, one worker thread each (`loop/trainMembers.ts`; about k cores, the wall time of the
 * slowest member), and scores with the mean of their scores; k = 1 trains in this thread.
 */
export class IntentRecommender implements Recommender {
  readonly name: string;
  private trained: ServedModel[] = [];
  private preparedFor: TrainingData | null = null;
  lastTraining: TrainingResult | null = null;
  /** Every member's training result (one unless ensembling). */
  trainings: TrainingResult[] = [];
  private member: Float32Array | null = null;

  constructor(
    private readonly modelConfig: IntentModelConfig,
    private readonly trainingConfig: TrainingConfig,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly ensemble = 1,
  ) {
    if (!Number.isInteger(ensemble) || ensemble < 1) throw new Error(`ensemble=${ensemble} must be a positive integer`);
    // The member count is always recorded (the `intent` default is an ensemble).
    this.name = describeIntentEnsemble(modelConfig, trainingConfig, ensemble);
  }

  async prepare(context: RecommenderContext): Promise<void> {
    const parts = await loadItemParts(context.source, context.itemIds, { text: this.modelConfig.useText, attributes: this.modelConfig.useAttributes === true }, this.log);
    this.trained = [];
    this.trainings = [];
    if (this.ensemble > 1) await this.trainParallel(context, parts);
    else {
      const result = await trainIntentModel(
        { sequences: context.train.sequences, numItems: context.train.numItems, text: parts.text, attributes: parts.attributes, model: this.modelConfig, training: this.trainingConfig },
        { onProgress: (p) => this.logEpoch('intent', p) },
      );
      this.record('intent', result, parts.text);
    }
    this.preparedFor = context.train;
  }

  /** The members at once, one worker thread each (`trainEnsembleModels`); logs each member's epochs. */
  private async trainParallel(context: RecommenderContext, parts: ItemParts): Promise<void> {
    const text = parts.text;
    const seeds = Array.from({ length: this.ensemble }, (_, m) => this.trainingConfig.seed + m);
    const tags = seeds.map((seed) => `intent[seed ${seed}]`);
    const started = performance.now();
    const results = await trainEnsembleModels(
      { sequences: context.train.sequences, numItems: context.train.numItems, text, attributes: parts.attributes, model: this.modelConfig, training: this.trainingConfig },
      this.ensemble,
      { onProgress: (m, p) => this.logEpoch(tags[m]!, p) },
    );
    this.log(`intent: ${this.ensemble} members trained in parallel in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    results.forEach((result, m) => this.record(tags[m]!, result, text));
  }

  private logEpoch(tag: string, p: TrainingProgress): void {
    if (p.phase === 'epoch') this.log(`${tag}: epoch ${p.epoch} loss ${p.loss.toFixed(4)} val NDCG@10 ${p.valNdcg?.toFixed(4) ?? '-'}`);
  }

  private record(tag: string, result: TrainingResult, text: TextTable | null): void {
    for (const r of result.refit) this.log(`${tag}: refit epoch ${r.epoch} loss ${r.meanLoss.toFixed(4)}`);
    this.log(`${tag}: best epoch ${result.bestEpoch} (val NDCG@10 ${result.bestValNdcg.toFixed(4)}), ${result.seconds.toFixed(0)} s`);
    this.trainings.push(result);
    this.lastTraining = result;
    this.addModel(result.model, text);
  }

  /** Serves an already trained model (e.g. loaded from a checkpoint), replacing any trained ones. */
  useModel(model: TrainedIntentModel, text: TextTable | null): void {
    this.useModels([model], text);
  }

  /** Serves already trained members (their mean scores), e.g. the ones an automatic selection kept. */
  useModels(models: readonly TrainedIntentModel[], text: TextTable | null): void {
    this.trained = [];
    for (const model of models) this.addModel(model, text);
  }

  private addModel(model: TrainedIntentModel, text: TextTable | null): void {
    const ctx: ModelContext = { params: model.params, config: model.config, text, attributes: model.attributes ?? null };
    this.trained.push({ model, ctx, table: catalogueTable(model, text) });
  }

  fit(train: TrainingData): void {
    if (this.trained.length === 0) throw new Error('intent: the model trains in prepare() (asynchronous); run it through runEvaluation');
    if (this.preparedFor !== null && this.preparedFor !== train) throw new Error('intent: fit() got other training data than prepare() trained on');
  }

  scoreAll(history: Int32Array, out?: Float32Array): Float32Array {
    if (this.trained.length === 0) throw new Error('intent: not trained');
    const numItems = this.trained[0]!.model.numItems;
    const scores = out !== undefined && out.length === numItems ? out : new Float32Array(numItems);
    if (this.trained.length === 1) {
      const { ctx, table } = this.trained[0]!;
      return scoreHistory(ctx, table, history, scores);
    }
    // Ensemble: the mean of the members' scores (logits).
    if (this.member === null || this.member.length !== numItems) this.member = new Float32Array(numItems);
    scores.fill(0);
    for (const { ctx, table } of this.trained) {
      scoreHistory(ctx, table, history, this.member);
      for (let j = 0; j < numItems; j += 1) scores[j] = scores[j]! + this.member[j]!;
    }
    const inv = 1 / this.trained.length;
    for (let j = 0; j < numItems; j += 1) scores[j] = scores[j]! * inv;
    return scores;
  }
}
