/**
 * `npm run bench -- finetune [--json] [--model <intent spec>]`: one full training of the intent
 * model on Amazon Beauty's test-fold training data at the chosen configuration, as the evaluation
 * runs it: the default is a 2-seed ensemble (`ensemble`, `finetune_beauty_members`) whose members
 * train at the same time in worker threads (`trainEnsembleModels`; `ensemble=1` = one model in-process).
 * The one-time text-vector cache is built first and not timed. Also the peak RSS of the process
 * (worker threads included: they are threads of this process) and the ONNX exports' per-request
 * inference latency over real Beauty histories; for an ensemble one request is every member's
 * forward pass one after another plus the mean of their scores. Targets: finetune_beauty_seconds
 * <= 600, peak_rss_mb <= 2048, intent_infer_p99_ms <= 2.
 * `train_epoch_seconds_1_thread`: the first member's mean training seconds per validated epoch
 * (its steps alone, not its validation; each member runs ONNX Runtime on one thread) and
 * `finetune_beauty_loss` the loss it trained with (`loss=sampled` in the spec for the sampled softmax).
 * `--loss-ab N`: instead of a whole training, N rounds of one training epoch with the spec's
 * model under the full softmax and under the sampled softmax (defaults, or the spec's `neg`,
 * `negPop`, `inBatch`), interleaved, in this process on one thread: each epoch's wall and CPU
 * seconds and the ratio of the medians (the machine is shared: compare within one run).
 * `--peer <python> [--peer-epochs E] [--peer-layout padded|packed|both]` (issue 18 item 4): instead of a whole training, E training epochs
 * of our trainer under the full softmax, E under the sampled softmax (one thread each, this process;
 * setup and validation not timed), then E epochs of the PyTorch SASRec reference
 * (tools/peer/sasrec_peer.py, full softmax, `torch.set_num_threads(1)`) with the same
 * hyperparameters on the same Beauty training sequences (leave-last-two-out), run by that
 * interpreter: `train_epoch_seconds_1_thread` (ours under the loss a fine-tune job picks for this
 * catalogue, `train_epoch_loss`; the spec's loss when the spec names one), `peer_pytorch_epoch_seconds_1_thread`
 * (the faster of the peer's two batch layouts, both reported) and `peer_over_ours` (target >= 2, with a
 * 95 % bootstrap interval over both sides' epochs, wall and CPU), medians of the E epochs (E = 3 by
 * default), and per loss `peer_over_ours_full` / `_sampled` / `_job`. The
 * default spec here is ids only (`intent:text=0,repeat=0,ensemble=1`: the plain SASRec the peer is);
 * a spec with text or attributes is timed but flagged as not the same work. A third side, `job`, is
 * ours under the loss a fine-tune job picks for this catalogue's size (`lossForCatalogue`: on Beauty's
 * 12,101 items the sampled softmax with sparse steps), same spec otherwise: `train_epoch_seconds_1_thread_job`,
 * `peer_over_ours_job` (and `_cpu`). Without `--peer`, or
 * when the interpreter or its torch is missing, the peer figures are strings saying why.
 * `--100k`: the large-store run instead (finetune-100k.ts: `finetune_100k_items_seconds`, peak RSS, NDCG@10 against baselines).
 */
import { loadSplit } from '../src/main/engine/eval/splits/load-split';
import { run100k } from './finetune-100k';
import { median, ratioInterval } from './bench-util';
import { trainIntentModel, type TrainingJob } from '../src/main/engine/training/loop/train-intent-model';
import { loadItemParts } from '../src/main/engine/eval/learned/item-parts';
import { describeLoss, FULL_SOFTMAX, lossForCatalogue, type LossConfig } from '../src/main/engine/training/loss/loss-config';
import { trainEnsembleModels } from '../src/main/engine/training/loop/train-members';
import { describeIntent, describeIntentEnsemble, ensembleFromSpec, intentConfigsFromSpec, lossFromSpec } from '../src/main/engine/training/model/spec-params';
import { exportIntentOnnx } from '../src/main/engine/training/onnx/export-intent-onnx';
import { measureIntentLatency } from '../src/main/engine/training/onnx/inference-latency';
import { datasetTextTable } from '../src/main/engine/eval/learned/dataset-text-table';
import { splitForTraining } from '../src/main/engine/training/data/training-sequences';
import { resolveDatasetPath } from '../src/main/engine/datasets/dataset-location';
import type { IntentModelConfig } from '../src/main/engine/training/model/config';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FINETUNE_DEFAULT_SPEC = 'intent';
/** The `--peer` comparison's default: ids only, no repeat term, one model (the plain SASRec the peer is). */
export const PEER_DEFAULT_SPEC = 'intent:text=0,repeat=0,ensemble=1';

function specParams(spec: string): Record<string, string> {
  const raw = spec.split(':', 2)[1] ?? '';
  return Object.fromEntries(raw.split(',').filter((p) => p.includes('=')).map((p) => p.split('=', 2) as [string, string]));
}

export async function run(args: string[]): Promise<Record<string, number | string | boolean>> {
  // The large-store run (issue 18): a generated 100,000-item, 200,000-shopper store, one fine-tune job (finetune-100k.ts).
  if (args.includes('--100k')) return run100k(args);
  const at = args.indexOf('--model');
  const peerAt = args.indexOf('--peer');
  const fallbackSpec = peerAt >= 0 ? PEER_DEFAULT_SPEC : FINETUNE_DEFAULT_SPEC;
  const spec = at >= 0 ? (args[at + 1] ?? fallbackSpec) : fallbackSpec;
  const params = specParams(spec);
  const { model, training } = intentConfigsFromSpec(params);
  const members = ensembleFromSpec(params);
  const loaded = await loadSplit('beauty');
  const text = await datasetTextTable('beauty', loaded.split.itemIds, (line) => process.stderr.write(`${line}\n`));
  const fold = loaded.split.test;
  const attributes = model.useAttributes === true ? (await loadItemParts('beauty', loaded.split.itemIds, { text: false, attributes: true }, (line) => process.stderr.write(`${line}\n`))).attributes : null;
  const job = { sequences: fold.train.sequences, numItems: fold.train.numItems, text: model.useText ? text.table : null, attributes, model, training };
  const ab = args.indexOf('--loss-ab');
  if (ab >= 0) return lossAb(job, Number(args[ab + 1] ?? 2), params);
  if (peerAt >= 0) {
    const epochsAt = args.indexOf('--peer-epochs');
    const layoutAt = args.indexOf('--peer-layout');
    return peerBench(job, params, args[peerAt + 1] ?? '', epochsAt >= 0 ? Number(args[epochsAt + 1]) : 3, layoutAt >= 0 ? (args[layoutAt + 1] ?? 'both') : 'both');
  }
  const start = performance.now();
  const results =
    members > 1
      ? await trainEnsembleModels(job, members, {
          onProgress: (m, p) => {
            if (p.phase === 'epoch') process.stderr.write(`member ${m}: epoch ${p.epoch} val NDCG@10 ${p.valNdcg?.toFixed(4) ?? '-'}\n`);
          },
        })
      : [await trainIntentModel(job)];
  const seconds = (performance.now() - start) / 1000;
  const onnx = results.map((r) => exportIntentOnnx(r.model, model.useText ? text.table : null));
  const histories = fold.cases.slice(0, 2000).map((c) => c.history.subarray(Math.max(0, c.history.length - model.maxLen))).filter((h) => h.length > 0);
  const latency = await measureIntentLatency(onnx, histories);
  const long = await measureIntentLatency(onnx, histories.map((h) => Int32Array.from({ length: model.maxLen }, (_, i) => h[i % h.length]!)), 1000);
  const first = results[0]!;
  const each = (f: (r: (typeof results)[number]) => number | string): string => results.map(f).join(',');
  return {
    finetune_beauty_seconds: Math.round(seconds * 10) / 10,
    finetune_beauty_model: describeIntentEnsemble(model, training, members),
    finetune_beauty_members: members,
    // The longest member's epochs (it sets the wall time); best epoch and validation NDCG of the first member (seed `seed`).
    finetune_beauty_epochs: Math.max(...results.map((r) => r.history.length)),
    finetune_beauty_refit_epochs: Math.max(...results.map((r) => r.refit.length)),
    finetune_beauty_best_epoch: first.bestEpoch,
    finetune_beauty_val_ndcg10: Math.round(first.bestValNdcg * 10000) / 10000,
    finetune_beauty_member_epochs: each((r) => `${r.history.length}+${r.refit.length}`),
    finetune_beauty_member_best_epochs: each((r) => r.bestEpoch),
    finetune_beauty_member_val_ndcg10: each((r) => (Math.round(r.bestValNdcg * 10000) / 10000).toString()),
    finetune_beauty_member_seconds: each((r) => r.seconds.toFixed(1)),
    finetune_beauty_loss: describeLoss(training.loss),
    train_epoch_seconds_1_thread: Math.round(mean(first.history.map((e) => e.trainSeconds ?? e.seconds)) * 10) / 10,
    peer_pytorch_epoch_seconds_1_thread: 'not run: pass --peer <python with torch> (tools/peer/requirements.txt) for the PyTorch reference',
    finetune_text_cache_hit: text.cached,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    // Per request: every member's forward pass + the mean of the scores (the ensemble's serving cost).
    intent_infer_p99_ms: Math.round(latency.p99Ms * 1000) / 1000,
    intent_infer_p50_ms: Math.round(latency.p50Ms * 1000) / 1000,
    intent_infer_p99_ms_len50: Math.round(long.p99Ms * 1000) / 1000,
    // All members' exported models together.
    intent_onnx_mb: Math.round((onnx.reduce((a, b) => a + b.length, 0) / 2 ** 20) * 10) / 10,
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);


/** One training epoch per loss, `rounds` times, interleaved (full, sampled, full, ...): wall and CPU seconds of each. */
async function lossAb(job: TrainingJob, rounds: number, params: Record<string, string>): Promise<Record<string, number | string | boolean>> {
  const sampled = lossFromSpec({ ...params, loss: 'sampled' });
  const losses: [string, LossConfig][] = [['full', FULL_SOFTMAX], ['sampled', sampled]];
  const wall: Record<string, number[]> = { full: [], sampled: [] };
  const cpu: Record<string, number[]> = { full: [], sampled: [] };
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, loss] of losses) {
      let cpuAtStart: NodeJS.CpuUsage | null = null;
      let cpuSeconds = 0;
      const result = await trainIntentModel(
        { ...job, training: { ...job.training, loss, epochs: 1, refitEpochs: 0, validationUsers: 200 } },
        {
          onProgress: (p) => {
            // From the first step's start (setup excluded) to the epoch's last step.
            if (p.phase === 'step' && p.step === 1) cpuAtStart ??= process.cpuUsage();
            if (p.phase === 'step' && p.step === p.stepsPerEpoch && cpuAtStart !== null) {
              const d = process.cpuUsage(cpuAtStart);
              cpuSeconds = (d.user + d.system) / 1e6;
            }
          },
        },
      );
      const e = result.history[0]!;
      wall[name]!.push(e.trainSeconds ?? e.seconds);
      cpu[name]!.push(cpuSeconds);
      process.stderr.write(`loss-ab round ${r + 1} ${name}: ${(e.trainSeconds ?? e.seconds).toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, val NDCG@10 after 1 epoch ${e.valNdcg.toFixed(4)}\n`);
    }
  }
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(',');
  return {
    train_epoch_loss_sampled: describeLoss(sampled),
    train_epoch_seconds_1_thread_full: Math.round(median(wall.full!) * 10) / 10,
    train_epoch_seconds_1_thread_sampled: Math.round(median(wall.sampled!) * 10) / 10,
    train_epoch_seconds_1_thread_runs: `full ${fmt(wall.full!)}; sampled ${fmt(wall.sampled!)}`,
    train_epoch_cpu_seconds_full: Math.round(median(cpu.full!) * 10) / 10,
    train_epoch_cpu_seconds_sampled: Math.round(median(cpu.sampled!) * 10) / 10,
    train_epoch_cpu_seconds_runs: `full ${fmt(cpu.full!)}; sampled ${fmt(cpu.sampled!)}`,
    train_epoch_speedup_wall: Math.round((median(wall.full!) / median(wall.sampled!)) * 100) / 100,
    train_epoch_speedup_cpu: Math.round((median(cpu.full!) / median(cpu.sampled!)) * 100) / 100,
  };
}

/** The repository's tools/peer/sasrec_peer.py, found from this file (any cwd). */
function peerScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', 'tools', 'peer', 'sasrec_peer.py');
}

function runProcess(file: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; stdout: string; stderr: string; error: string }> {
  return new Promise((done) => {
    const child = execFile(file, args, { maxBuffer: 64 * 2 ** 20, timeout: timeoutMs }, (err, stdout, stderr) =>
      done({ ok: err === null, stdout, stderr, error: err === null ? '' : ((err as NodeJS.ErrnoException).code === 'ENOENT' ? `${file} not found` : err.message.split('\n')[0]!) }),
    );
    // The peer's per-epoch lines, as they come.
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  });
}

interface PeerOutput {
  torch: string;
  threads: number;
  num_items: number;
  train_sequences: number;
  rows_per_epoch: number;
  steps_per_epoch: number;
  padded_rows_first_epoch: number;
  epoch_seconds: number[];
  epoch_cpu_seconds: number[];
  epoch_loss: number[];
  hyperparameters: Record<string, number>;
}

/** Peer arguments: our model's hyperparameters, spelled for sasrec_peer.py. */
function peerArgs(job: TrainingJob, model: IntentModelConfig, epochs: number): string[] {
  const t = job.training;
  return [
    '--data', join(resolveDatasetPath('beauty'), 'Beauty.txt'), '--num-items', String(job.numItems), '--epochs', String(epochs), '--threads', '1',
    '--dim', String(model.dim), '--blocks', String(model.blocks), '--heads', String(model.heads), '--ff', String(model.ffMultiplier),
    '--max-len', String(model.maxLen), '--dropout', String(model.dropout), '--batch', String(t.batchSize), '--lr', String(t.learningRate),
    '--wd', String(t.weightDecay), '--repeat', model.repeatTerm ? '1' : '0', '--seed', String(t.seed),
  ];
}

/** E epochs of ours (full, then sampled) and of the PyTorch peer, one thread each; see the header. */
async function peerBench(job: TrainingJob, params: Record<string, string>, python: string, epochs: number, layoutArg: string): Promise<Record<string, number | string | boolean>> {
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--peer-epochs ${epochs} must be a positive integer`);
  if (!['padded', 'packed', 'both'].includes(layoutArg)) throw new Error(`--peer-layout ${layoutArg} is not padded|packed|both`);
  const layouts = layoutArg === 'both' ? ['padded', 'packed'] : [layoutArg];
  const r1 = (x: number): number => Math.round(x * 10) / 10;
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(',');
  const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
  // The interpreter and its torch are checked first (ours is timed either way; the peer's figures then say why they are missing).
  const script = peerScript();
  const missing = await (async (): Promise<string | null> => {
    if (python === '' || python.startsWith('--')) return '--peer needs the path of a Python interpreter with torch';
    if (!existsSync(script)) return `${script} is missing`;
    const probe = await runProcess(python, ['-c', 'import torch, numpy; print(torch.__version__)'], 120_000);
    if (probe.ok) return null;
    return probe.error.includes('not found') ? probe.error : `torch/numpy not importable by ${python}: ${probe.stderr.trim().split('\n').at(-1) ?? probe.error}`;
  })();
  if (missing !== null) process.stderr.write(`peer: ${missing}; timing ours only\n`);
  const out: Record<string, number | string | boolean> = { load_average_start: load() };
  const same = job.model.useText || job.model.useAttributes === true ? false : true;
  const data = splitForTraining(job.sequences, job.numItems, job.model.maxLen);
  out.train_rows_per_epoch = data.train.reduce((n, s) => n + s.length - 1, 0);
  out.train_sequences = data.train.length;
  const specLoss = job.training.loss ?? FULL_SOFTMAX;
  const sampled = lossFromSpec({ ...params, loss: 'sampled' });
  // What a fine-tune job would train this catalogue with (finetune-loss.ts without a configured loss).
  const jobChoice = lossForCatalogue(job.numItems);
  const ours: Record<'full' | 'sampled' | 'job', { wall: number[]; cpu: number[]; loss: number[] }> = { full: { wall: [], cpu: [], loss: [] }, sampled: { wall: [], cpu: [], loss: [] }, job: { wall: [], cpu: [], loss: [] } };
  for (const [name, loss] of [['full', FULL_SOFTMAX], ['sampled', sampled], ['job', jobChoice.loss]] as const) {
    let cpuAtStart: NodeJS.CpuUsage | null = null;
    const result = await trainIntentModel(
      { ...job, training: { ...job.training, loss, epochs, patience: epochs, refitEpochs: 0, validationUsers: 200, timeBudgetSeconds: 0 } },
      {
        onProgress: (p) => {
          if (p.phase !== 'step') return;
          if (p.step === 1) cpuAtStart = process.cpuUsage();
          if (p.step === p.stepsPerEpoch && cpuAtStart !== null) {
            const d = process.cpuUsage(cpuAtStart);
            ours[name].cpu.push((d.user + d.system) / 1e6);
            cpuAtStart = null;
          }
        },
      },
    );
    for (const e of result.history) {
      ours[name].wall.push(e.trainSeconds ?? e.seconds);
      ours[name].loss.push(e.meanLoss);
      process.stderr.write(`ours ${name} epoch ${e.epoch}: ${(e.trainSeconds ?? e.seconds).toFixed(1)} s wall, ${ours[name].cpu[e.epoch - 1]?.toFixed(1) ?? '-'} s CPU, mean loss ${e.meanLoss.toFixed(4)}\n`);
    }
  }
  // What ran: the spec's model and batch/lr/seed, E epochs, no refit (the spec's epochs/patience/refit do not apply here).
  out.finetune_peer_model = describeIntent(job.model, { ...job.training, epochs, patience: epochs, refitEpochs: 0, validationUsers: 200 });
  out.finetune_peer_same_inputs = same ? 'ids only on both sides' : 'NOT the same work: ours also reads text vectors and/or attributes, the peer ids only';
  out.train_epoch_loss_sampled = describeLoss(sampled);
  out.train_epoch_loss_job = describeLoss(jobChoice.loss);
  out.train_epoch_loss_job_reason = jobChoice.reason;
  // The headline is what a fine-tune job trains this catalogue with (the spec's loss when it names one).
  const headline: keyof typeof ours = job.training.loss ? specLoss.kind : 'job';
  out.train_epoch_loss = describeLoss(headline === 'job' ? jobChoice.loss : specLoss);
  out.train_epoch_seconds_1_thread = r1(median(ours[headline].wall));
  out.train_epoch_seconds_1_thread_full = r1(median(ours.full.wall));
  out.train_epoch_seconds_1_thread_sampled = r1(median(ours.sampled.wall));
  out.train_epoch_seconds_1_thread_job = r1(median(ours.job.wall));
  out.train_epoch_seconds_1_thread_runs = `full ${fmt(ours.full.wall)}; sampled ${fmt(ours.sampled.wall)}; job ${fmt(ours.job.wall)}`;
  out.train_epoch_cpu_seconds_full = r1(median(ours.full.cpu));
  out.train_epoch_cpu_seconds_sampled = r1(median(ours.sampled.cpu));
  out.train_epoch_cpu_seconds_job = r1(median(ours.job.cpu));
  out.train_epoch_cpu_seconds_runs = `full ${fmt(ours.full.cpu)}; sampled ${fmt(ours.sampled.cpu)}; job ${fmt(ours.job.cpu)}`;
  const losses = (xs: number[]): string => xs.map((x) => x.toFixed(3)).join(',');
  out.train_epoch_mean_loss_runs = `full ${losses(ours.full.loss)}; sampled ${losses(ours.sampled.loss)}; job ${losses(ours.job.loss)}`;
  out.load_average_after_ours = load();
  const notRun = (why: string): Record<string, number | string | boolean> => ({ ...out, peer_pytorch_epoch_seconds_1_thread: `not run: ${why}`, peer_over_ours_full: 'not run', peer_over_ours_sampled: 'not run', peer_over_ours_job: 'not run' });
  if (missing !== null) return notRun(missing);
  // Both layouts of the peer (tools/peer/sasrec_peer.py --layout): padded (the textbook SASRec batch) and packed (ours: no padding work).
  const peers: { layout: string; seconds: number; cpu: number; runs: number[]; cpuRuns: number[] }[] = [];
  for (const layout of layouts) {
    const args = [script, ...peerArgs(job, job.model, epochs), '--layout', layout];
    out[`peer_pytorch_${layout}_command`] = [python, ...args].join(' ');
    const run = await runProcess(python, args, 3_600_000);
    if (!run.ok) return notRun(`the peer (${layout}) failed: ${run.error}`);
    const peer = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as PeerOutput;
    out.peer_torch_version = peer.torch;
    out.peer_threads = peer.threads;
    out.peer_same_rows = peer.rows_per_epoch === out.train_rows_per_epoch && peer.train_sequences === out.train_sequences && peer.num_items === job.numItems && out.peer_same_rows !== false;
    out[`peer_pytorch_${layout}_block_rows_per_epoch`] = peer.padded_rows_first_epoch;
    out[`peer_pytorch_${layout}_epoch_seconds_1_thread`] = r1(median(peer.epoch_seconds));
    out[`peer_pytorch_${layout}_epoch_seconds_runs`] = fmt(peer.epoch_seconds);
    out[`peer_pytorch_${layout}_epoch_cpu_seconds`] = r1(median(peer.epoch_cpu_seconds));
    out[`peer_pytorch_${layout}_epoch_cpu_seconds_runs`] = fmt(peer.epoch_cpu_seconds);
    out[`peer_pytorch_${layout}_mean_loss_runs`] = peer.epoch_loss.map((x) => x.toFixed(3)).join(',');
    peers.push({ layout, seconds: median(peer.epoch_seconds), cpu: median(peer.epoch_cpu_seconds), runs: peer.epoch_seconds, cpuRuns: peer.epoch_cpu_seconds });
  }
  out.load_average_end = load();
  // The headline peer is the faster layout (wall time): the ratio is then the conservative one.
  const best = peers.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
  out.peer_pytorch_layout = best.layout;
  out.peer_pytorch_epoch_seconds_1_thread = r1(best.seconds);
  out.peer_pytorch_epoch_cpu_seconds = r1(best.cpu);
  const bestRuns = peers.find((p) => p === best)!;
  out.peer_over_ours = ratio(best.seconds, median(ours[headline].wall));
  out.peer_over_ours_interval_95 = ratioInterval(bestRuns.runs, ours[headline].wall).map((x) => x.toFixed(2)).join('..');
  out.peer_over_ours_cpu = ratio(best.cpu, median(ours[headline].cpu));
  out.peer_over_ours_cpu_interval_95 = ratioInterval(bestRuns.cpuRuns, ours[headline].cpu).map((x) => x.toFixed(2)).join('..');
  out.peer_over_ours_full = ratio(best.seconds, median(ours.full.wall));
  out.peer_over_ours_sampled = ratio(best.seconds, median(ours.sampled.wall));
  out.peer_over_ours_job = ratio(best.seconds, median(ours.job.wall));
  out.peer_over_ours_full_cpu = ratio(best.cpu, median(ours.full.cpu));
  out.peer_over_ours_sampled_cpu = ratio(best.cpu, median(ours.sampled.cpu));
  out.peer_over_ours_job_cpu = ratio(best.cpu, median(ours.job.cpu));
  return out;
}

