/**
 * CPU and CUDA side by side, in one run: `npm run bench -- gpu --json [--limit N] [--queries N]
 * [--requests N] [--catalogue N] [--rows N] [--steps N] [--items PATH]`.
 *
 * Each column opens its sessions through the engine's one resolver with that provider first.
 * Every figure is labelled (`<column>_<figure>_provider`) with the provider the resolver
 * recorded, which is only CUDA when ONNX Runtime's profiler placed the session's nodes on CUDA
 * (provider-resolver.ts); when a CUDA session lands on the CPU, the CUDA column says
 * `unavailable` with the reason instead of repeating a CPU figure.
 *
 * - embed_{int8,fp32}_items_per_s: titles embedded in-process (the Amazon Beauty titles from
 *   ../shared/datasets when present, else generated ones; `embed_titles_source` says which).
 * - query_embed_p99_ms: single-query embeddings on the int8 encoder.
 * - intent_infer_p99_ms: the exported intent model's forward pass (MODEL_DEFAULTS shape, id-only,
 *   freshly initialised weights: the same graph and cost as a trained one), one history per request.
 * - train_step_ms: the ONNX Runtime graphs of one training step: the catalogue softmax loss and
 *   its gradients for `--rows` rows over `--catalogue` items, plus forward and backward of the
 *   blocks' dense layers (the TypeScript kernels for the rest are not on the GPU and not timed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionProviderName } from '../src/main/engine/inference/execution-providers';
import { sessionProviderRecords, type SessionProviderRecord } from '../src/main/engine/inference/provider-records';
import { planProviders } from '../src/main/engine/inference/provider-resolver';
import { SentenceEncoder, type EncoderVariant } from '../src/main/engine/inference/sentence-encoder';
import { MODEL_DEFAULTS } from '../src/main/engine/training/model/config';
import { initParameters } from '../src/main/engine/training/model/parameters';
import { exportIntentOnnx } from '../src/main/engine/training/onnx/export-intent-onnx';
import { IntentOnnxSession } from '../src/main/engine/training/onnx/intent-onnx-session';
import { ortCatalogueOps } from '../src/main/engine/training/onnx/ort-catalogue-ops';
import { ortLinearOps } from '../src/main/engine/training/onnx/ort-linear-ops';

type Figures = Record<string, number | string | boolean>;
type Column = 'cpu' | 'cuda';

const quiet = { info: (m: string) => process.stderr.write(`[gpu bench] ${m}\n`), warn: (m: string) => process.stderr.write(`[gpu bench] ${m}\n`) };

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function p99(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!;
}

/** Deterministic pseudo-random integers (LCG), so both columns see the same inputs. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31);
}

function titles(args: string[], limit: number): { texts: string[]; source: string } {
  const i = args.indexOf('--items');
  const path = i >= 0 && args[i + 1] ? args[i + 1]! : join(__dirname, '../../shared/datasets/amazon-beauty-2014/items.tsv');
  if (existsSync(path)) {
    const texts = readFileSync(path, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[2]?.trim() ?? '').filter((t) => t.length > 0);
    return { texts: texts.slice(0, limit), source: path };
  }
  const words = ['organic', 'argan', 'oil', 'shampoo', 'matte', 'lipstick', 'rose', 'serum', 'vitamin', 'c', 'travel', 'size', 'brush', 'nail', 'polish', 'gel', 'eye', 'cream', 'sensitive', 'skin', 'spf', 'tinted', 'balm', 'curl', 'spray'];
  const next = lcg(7);
  return { texts: Array.from({ length: limit }, () => Array.from({ length: 4 + (next() % 12) }, () => words[next() % words.length]!).join(' ')), source: 'generated' };
}

/** The provider a record landed on, or why the column cannot claim it. */
function landed(column: Column, record: SessionProviderRecord): string | null {
  if (record.provider === column) return null;
  return `${record.session} ran on ${record.provider}: ${record.fallbackReason ?? 'no reason recorded'}`;
}

class Unavailable extends Error {}

async function measureColumn(column: Column, args: string[], providers: ExecutionProviderName[], out: Figures): Promise<void> {
  const put = (name: string, value: number, record: SessionProviderRecord): void => {
    const why = landed(column, record);
    if (why !== null) throw new Unavailable(why);
    out[`${column}_${name}`] = value;
    out[`${column}_${name}_provider`] = record.provider;
    out[`${column}_${name}_placement`] = Object.entries(record.placement ?? {}).map(([p, n]) => `${p}:${n}`).join(' ');
  };
  const { texts, source } = titles(args, arg(args, 'limit', 2000));
  out.embed_titles = texts.length;
  out.embed_titles_source = source;
  for (const variant of ['int8', 'fp32'] as EncoderVariant[]) {
    const encoder = await SentenceEncoder.load({ variant, providers, log: quiet, sessionName: `bench:${column}:text-encoder-${variant}` });
    try {
      const start = performance.now();
      await encoder.embed(texts);
      put(`embed_${variant}_items_per_s`, round(texts.length / ((performance.now() - start) / 1000), 0), encoder.providerRecord);
      if (variant === 'int8') {
        const times: number[] = [];
        for (const q of texts.slice(0, arg(args, 'queries', 300))) {
          const t = performance.now();
          await encoder.embedQuery(q);
          times.push(performance.now() - t);
        }
        put('query_embed_p99_ms', round(p99(times), 3), encoder.providerRecord);
      }
    } finally {
      await encoder.dispose();
    }
  }

  const numItems = arg(args, 'catalogue', 12101);
  const config = { ...MODEL_DEFAULTS, useText: false };
  const model = { config, numItems, textDim: 0, params: initParameters(config, numItems, 0, 1) };
  const intent = await IntentOnnxSession.create(exportIntentOnnx(model, null), 1, { providers, session: `bench:${column}:intent-model` });
  try {
    const next = lcg(11);
    const histories = Array.from({ length: 200 }, () => Int32Array.from({ length: 1 + (next() % config.maxLen) }, () => next() % numItems));
    for (const h of histories.slice(0, 50)) await intent.run(h);
    const times: number[] = [];
    for (let i = 0; i < arg(args, 'requests', 2000); i += 1) {
      const t = performance.now();
      await intent.run(histories[i % histories.length]!);
      times.push(performance.now() - t);
    }
    put('intent_infer_p99_ms', round(p99(times), 3), intent.providerRecord);
  } finally {
    await intent.dispose();
  }

  const rows = arg(args, 'rows', 256);
  const d = config.dim;
  const ff = d * config.ffMultiplier;
  const catalogue = await ortCatalogueOps(null, numItems, d, 1, providers);
  const linear = await ortLinearOps(1, providers);
  try {
    const next = lcg(13);
    const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => (next() / 2 ** 31 - 0.5) * 0.2);
    const hidden = rand(rows * d);
    const items = rand(numItems * d);
    const bias = new Float32Array(numItems);
    const targets = Int32Array.from({ length: rows }, () => next() % numItems);
    const w1 = rand(ff * d);
    const b1 = new Float32Array(ff);
    const dw = new Float32Array(ff * d);
    const db = new Float32Array(ff);
    const step = async (): Promise<void> => {
      for (let b = 0; b < config.blocks; b += 1) {
        const y = await linear.forward(hidden, w1, b1, rows, d, ff);
        await linear.backward(y, hidden, w1, dw, db, rows, d, ff);
      }
      await catalogue.softmaxLoss(hidden, rows, items, bias, targets, null);
    };
    await step();
    const steps = arg(args, 'steps', 20);
    const start = performance.now();
    for (let i = 0; i < steps; i += 1) await step();
    const ms = (performance.now() - start) / steps;
    // All three graphs must have landed on this column's provider for the figure to be its.
    const records = sessionProviderRecords().filter((r) => r.session.startsWith('training:'));
    for (const r of records) if (landed(column, r) !== null) throw new Unavailable(landed(column, r)!);
    put('train_step_ms', round(ms, 3), records.find((r) => r.session === 'training:softmax-loss')!);
  } finally {
    await Promise.all([catalogue.dispose(), linear.dispose()]);
  }
  out.train_step_shape = `${rows} rows x ${numItems} items, dim ${d}, ${config.blocks} blocks of ${d}x${ff} GEMMs`;
}

export async function run(args: string[]): Promise<Figures> {
  const out: Figures = {};
  const columns: Array<{ column: Column; providers: ExecutionProviderName[] | null; reason: string | null }> = [{ column: 'cpu', providers: ['cpu'], reason: null }];
  try {
    const plan = planProviders({ setting: 'cuda' });
    columns.push(plan.providers.includes('cuda') ? { column: 'cuda', providers: ['cuda', 'cpu'], reason: null } : { column: 'cuda', providers: null, reason: plan.skipped.map((s) => s.error).join('; ') });
  } catch (err) {
    columns.push({ column: 'cuda', providers: null, reason: err instanceof Error ? err.message : String(err) });
  }
  for (const { column, providers, reason } of columns) {
    if (providers === null) {
      out[`${column}_status`] = 'unavailable';
      out[`${column}_unavailable_reason`] = reason ?? 'unknown';
      continue;
    }
    try {
      await measureColumn(column, args, providers, out);
      out[`${column}_status`] = 'measured';
    } catch (err) {
      if (!(err instanceof Unavailable)) throw err;
      // Drop whatever the column measured before it fell back: a partial column reads as a full one.
      for (const k of Object.keys(out)) if (k.startsWith(`${column}_`)) delete out[k];
      out[`${column}_status`] = 'unavailable';
      out[`${column}_unavailable_reason`] = err.message;
    }
  }
  if (out.cpu_status === 'measured' && out.cuda_status === 'measured') {
    out.train_step_speedup = round(Number(out.cpu_train_step_ms) / Number(out.cuda_train_step_ms), 2);
  }
  return out;
}
