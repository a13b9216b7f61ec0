import type { Recommender, RecommenderContext } from '../eval/baselines/recommender';
import type { TrainingData } from '../eval/protocols/types';
import type { TrainedIntentModel } from './checkpoint/checkpoint';
import { trainIntentModel, type TrainingResult } from './loop/trainIntentModel';
import type { IntentModelConfig, TrainingConfig } from './model/config';
import { scoreHistory, type ModelContext } from './model/intentModel';
import type { TextTable } from './model/itemVectors';
import { catalogueTable } from './model/catalogueTable';
import { describeIntent } from './model/specParams';
import { datasetTextTable } from './textVectors/datasetTextTable';

/**
 * The learned intent model as an evaluated recommender. Training is asynchronous (ONNX Runtime
 * runs the catalogue softmax), so it happens in `prepare`, which the evaluation runner awaits
 * before `fit`; early stopping uses each training sequence's held-out last item, never the
 * fold's targets.
 */
export class IntentRecommender implements Recommender {
  readonly name: string;
  private trained: { model: TrainedIntentModel; ctx: ModelContext; table: Float32Array } | null = null;
  private preparedFor: TrainingData | null = null;
  lastTraining: TrainingResult | null = null;

  constructor(
    private readonly modelConfig: IntentModelConfig,
    private readonly trainingConfig: TrainingConfig,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.name = describeIntent(modelConfig, trainingConfig);
  }

  async prepare(context: RecommenderContext): Promise<void> {
    let text: TextTable | null = null;
    if (this.modelConfig.useText) {
      const t = await datasetTextTable(context.source, context.itemIds, this.log);
      text = t.table;
      this.log(`intent: text vectors ${t.cached ? 'from cache' : 'computed'} in ${t.seconds.toFixed(1)} s`);
    }
    const result = await trainIntentModel(
      { sequences: context.train.sequences, numItems: context.train.numItems, text, model: this.modelConfig, training: this.trainingConfig },
      {
        onProgress: (p) => {
          if (p.phase === 'epoch') this.log(`intent: epoch ${p.epoch} loss ${p.loss.toFixed(4)} val NDCG@10 ${p.valNdcg?.toFixed(4) ?? '-'}`);
        },
      },
    );
    this.lastTraining = result;
    this.log(`intent: best epoch ${result.bestEpoch} (val NDCG@10 ${result.bestValNdcg.toFixed(4)}), ${result.seconds.toFixed(0)} s`);
    this.useModel(result.model, text);
    this.preparedFor = context.train;
  }

  /** Serves an already trained model (e.g. loaded from a checkpoint). */
  useModel(model: TrainedIntentModel, text: TextTable | null): void {
    const ctx: ModelContext = { params: model.params, config: model.config, text };
    const table = catalogueTable(model, text);
    this.trained = { model, ctx, table };
  }

  fit(train: TrainingData): void {
    if (this.trained === null) throw new Error('intent: the model trains in prepare() (asynchronous); run it through runEvaluation');
    if (this.preparedFor !== null && this.preparedFor !== train) throw new Error('intent: fit() got other training data than prepare() trained on');
  }

  scoreAll(history: Int32Array, out?: Float32Array): Float32Array {
    if (this.trained === null) throw new Error('intent: not trained');
    const { ctx, table, model } = this.trained;
    const scores = out !== undefined && out.length === model.numItems ? out : new Float32Array(model.numItems);
    return scoreHistory(ctx, table, history, scores);
  }
}
