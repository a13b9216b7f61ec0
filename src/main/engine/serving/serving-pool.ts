import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { StoredEvent, StoredItem } from '../../../shared/contract';
import type { ServingIntentModel } from '../finetune/serving-intent-model';
import type { LiveListRequest } from '../recommend/live-list';
import type { ItemVectorRecord } from '../retrieval';
import { startEngineWorker } from '../workers/start-engine-worker';
import type { LearnedModelRef, ServingReply, ServingRequest, ServingUpdate, ServingWorkerData, WorkerOutcome } from './serving-messages';

export interface ServingPoolOptions {
  readonly workers: number;
  readonly data: Omit<ServingWorkerData, 'workerId'>;
  /** The file the model registry names for an intent-model version. */
  readonly modelPath: (version: string) => string;
  /** The ranker's random source: exploration seeds are drawn from it. */
  readonly random: () => number;
  /** How a worker thread is started (tests substitute one). */
  readonly startWorker?: (data: ServingWorkerData) => Worker;
  readonly log?: { info(message: string): void; warn(message: string): void };
}

/** What a started worker told the engine when its replica was loaded. */
export type ReplicaReport = Extract<ServingReply, { type: 'ready' }> & { readonly workerId: number };

interface Slot {
  readonly id: number;
  readonly worker: Worker;
  state: 'starting' | 'ready' | 'stopped';
  readonly pending: Map<number, (outcome: WorkerOutcome | undefined) => void>;
  readonly exited: Promise<void>;
  report?: ReplicaReport;
  failures: number;
  /** Intent models the replica said it holds loaded, and those it was asked to load (or failed to). */
  models: ReadonlySet<string>;
  readonly asked: Set<string>;
}

const CLOSE_GRACE_MS = 2000;

/**
 * The engine's side of serving on several cores: starts the workers, sends each the same ordered
 * stream of updates, and hands a live list to the least busy ready worker (a shopper's lists go to
 * the same one while it is not much busier, so its ANN cache is reused). When none is ready, or
 * one fails or stops, `rank` answers undefined and the engine ranks the list on its own thread.
 */
export class ServingPool {
  private readonly slots: Slot[] = [];
  private lastSeq: number;
  private nextId = 1;
  private closing = false;
  private readonly log: NonNullable<ServingPoolOptions['log']>;
  private readonly readyWaiters: (() => void)[] = [];
  /** Lists ranked by a worker, and lists handed back to the engine's thread (none ready, a failure, a stop). */
  private readonly counts = { byWorkers: 0, onEngineThread: 0 };
  /** The process's resident memory when the workers were started and when the last one settled (MiB). */
  private readonly rss: { atStart: number; settled?: number };

  constructor(private readonly options: ServingPoolOptions) {
    this.log = options.log ?? { info: (m) => console.info(`[serving] ${m}`), warn: (m) => console.warn(`[serving] ${m}`) };
    this.lastSeq = options.data.untilSeq;
    this.rss = { atStart: process.memoryUsage.rss() / 2 ** 20 };
    for (let id = 1; id <= options.workers; id++) this.slots.push(this.start(id));
  }

  /** Workers that answer requests now. */
  get readyCount(): number {
    return this.slots.filter((s) => s.state === 'ready').length;
  }

  get reports(): ReplicaReport[] {
    return this.slots.flatMap((s) => (s.report ? [s.report] : []));
  }

  /**
   * What the replicas cost: the process's resident memory grew by this much (MiB) from the workers'
   * start until the last was loaded, divided by the workers that loaded (undefined until then).
   */
  get memoryPerWorkerMb(): number | undefined {
    const loaded = this.slots.filter((s) => s.report).length;
    return this.rss.settled === undefined || loaded === 0 ? undefined : (this.rss.settled - this.rss.atStart) / loaded;
  }

  /** How many lists the workers ranked, and how many were handed back to the engine's thread. */
  get served(): { byWorkers: number; onEngineThread: number } {
    return { ...this.counts };
  }

  /** Resolves when no worker is still loading (each is ready or stopped). */
  whenSettled(): Promise<void> {
    if (!this.slots.some((s) => s.state === 'starting')) return Promise.resolve();
    return new Promise((done) => this.readyWaiters.push(done));
  }

  /** Stored events, as the engine announced them (in seq order). */
  observe(events: readonly StoredEvent[]): void {
    let lastSeq = this.lastSeq;
    const itemEvents: (Pick<StoredEvent, 'type' | 'itemId' | 'sessionId' | 'ts' | 'seq'>)[] = [];
    for (const e of events) {
      // Events the replicas replayed from the store at start are not sent twice.
      if (e.seq <= this.options.data.untilSeq) continue;
      if (e.seq > lastSeq) lastSeq = e.seq;
      if (e.itemId !== null) itemEvents.push({ type: e.type, itemId: e.itemId, sessionId: e.sessionId, ts: e.ts, seq: e.seq });
    }
    if (lastSeq === this.lastSeq && itemEvents.length === 0) return;
    this.lastSeq = lastSeq;
    this.broadcast({ type: 'events', events: itemEvents, lastSeq });
  }

  /** Each replica rebuilds its behaviour signals from the store (after an erasure deleted events). */
  rebuildBehaviour(): void {
    this.broadcast({ type: 'behaviour', untilSeq: this.lastSeq });
  }

  upsertItems(items: readonly StoredItem[]): void {
    if (items.length) this.broadcast({ type: 'items', items });
  }

  upsertVectors(rows: readonly ItemVectorRecord[]): void {
    if (rows.length) this.broadcast({ type: 'vectors', rows });
  }

  visualChanged(): void {
    this.broadcast({ type: 'visual' });
  }

  /**
   * Has every worker load an intent model (in slices, between the lists it ranks) before requests
   * name it: a promotion. Until a worker says it holds it, lists naming it go to another or to the engine's thread.
   */
  preload(version: string): void {
    for (const slot of this.slots) if (slot.state !== 'stopped') this.ask(slot, version);
  }

  /** Ranks a live list on a worker; undefined (now or when it settles) means: rank it on the engine's thread. */
  rank(list: LiveListRequest, learned: ServingIntentModel | undefined): Promise<WorkerOutcome | undefined> | undefined {
    const slot = this.pick(list.cacheShopper ?? list.state.intent.currentSessionId, learned?.version);
    if (!slot) {
      // A ready worker without the model a list names loads it for the next ones (once: a failure is not retried).
      if (learned) for (const s of this.slots) if (s.state === 'ready' && !s.asked.has(learned.version)) this.ask(s, learned.version);
      this.counts.onEngineThread++;
      return undefined;
    }
    const id = this.nextId++;
    const ref: LearnedModelRef | null = learned ? { version: learned.version, path: this.options.modelPath(learned.version) } : null;
    const seed = list.exploration?.enabled ? Math.floor(this.options.random() * 2 ** 32) : 0;
    return new Promise((done) => {
      slot.pending.set(id, done);
      this.post(slot, { type: 'rank', id, minSeq: this.lastSeq, list, learned: ref, seed });
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.state !== 'stopped') this.post(slot, { type: 'close' });
        // A replica closes its connection and exits by itself; one that does not (busy, stuck) is terminated.
        const timer = setTimeout(() => void slot.worker.terminate(), CLOSE_GRACE_MS);
        await slot.exited;
        clearTimeout(timer);
        this.stop(slot);
      }),
    );
  }

  private start(id: number): Slot {
    const data: ServingWorkerData = { ...this.options.data, workerId: id };
    const worker = this.options.startWorker?.(data) ?? startEngineWorker('serving-worker', resolve(__dirname, 'serving-worker.ts'), { workerData: data, priority: 'serving' });
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    const slot: Slot = { id, worker, state: 'starting', pending: new Map(), exited, failures: 0, models: new Set(), asked: new Set() };
    // Requests and open sockets keep the process alive, not an idle replica.
    worker.unref();
    worker.on('message', (reply: ServingReply) => this.receive(slot, reply));
    worker.on('error', (err) => {
      if (!this.closing) this.log.warn(`worker ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    worker.on('exit', (code) => {
      if (!this.closing && slot.state !== 'stopped') this.log.warn(`worker ${id} stopped (exit code ${code}): its lists are ranked on the engine's thread from now on`);
      this.stop(slot);
    });
    return slot;
  }

  private receive(slot: Slot, reply: ServingReply): void {
    switch (reply.type) {
      case 'ready':
        if (slot.state !== 'starting') return;
        slot.state = 'ready';
        slot.report = { ...reply, workerId: slot.id };
        this.log.info(`worker ${slot.id} ready in ${Math.round(reply.loadMs)} ms (${reply.indexItems} indexed items, ${reply.items} catalogue items)`);
        this.settle();
        return;
      case 'fatal':
        this.log.warn(`worker ${slot.id} could not load its replica: ${reply.message}; lists are ranked on the engine's thread`);
        this.stop(slot);
        void slot.worker.terminate();
        return;
      case 'models': {
        const now = new Set(reply.versions);
        // An evicted model is asked for again when a list names it.
        for (const v of slot.models) if (!now.has(v)) slot.asked.delete(v);
        slot.models = now;
        return;
      }
      case 'model-failed':
        this.log.warn(`worker ${slot.id} could not load intent model ${reply.version} (${reply.message}); lists naming it are ranked on the engine's thread`);
        return;
      case 'ranked':
      case 'failed': {
        const done = slot.pending.get(reply.id);
        slot.pending.delete(reply.id);
        if (reply.type === 'failed' && slot.failures++ === 0) this.log.warn(`worker ${slot.id} could not rank a list (${reply.message}); such lists are ranked on the engine's thread`);
        if (reply.type === 'ranked') this.counts.byWorkers++;
        else this.counts.onEngineThread++;
        done?.(reply.type === 'ranked' ? reply.outcome : undefined);
        return;
      }
    }
  }

  /** Asks a worker to load a model, once. */
  private ask(slot: Slot, version: string): void {
    if (slot.asked.has(version)) return;
    slot.asked.add(version);
    this.post(slot, { type: 'preload', model: { version, path: this.options.modelPath(version) } });
  }

  /** The shopper's usual worker unless it is busier than the least busy one by more than one list (of those holding the model the list names). */
  private pick(key: string | null, model: string | undefined): Slot | undefined {
    const usable = (s: Slot): boolean => s.state === 'ready' && (model === undefined || s.models.has(model));
    let best: Slot | undefined;
    for (const slot of this.slots) if (usable(slot) && (!best || slot.pending.size < best.pending.size)) best = slot;
    if (!best || key === null) return best;
    const ready = this.slots.filter(usable);
    const usual = ready[hash(key) % ready.length] as Slot;
    return usual.pending.size <= best.pending.size + 1 ? usual : best;
  }

  private broadcast(update: ServingUpdate): void {
    for (const slot of this.slots) if (slot.state !== 'stopped') this.post(slot, update);
  }

  private post(slot: Slot, message: ServingRequest): void {
    try {
      slot.worker.postMessage(message);
    } catch (err) {
      this.log.warn(`worker ${slot.id} could not be sent a message (${err instanceof Error ? err.message : String(err)}); it is stopped`);
      this.stop(slot);
      void slot.worker.terminate();
    }
  }

  private stop(slot: Slot): void {
    if (slot.state === 'stopped') return;
    slot.state = 'stopped';
    this.counts.onEngineThread += slot.pending.size;
    for (const done of slot.pending.values()) done(undefined);
    slot.pending.clear();
    this.settle();
  }

  private settle(): void {
    if (this.slots.some((s) => s.state === 'starting')) return;
    this.rss.settled ??= process.memoryUsage.rss() / 2 ** 20;
    for (const done of this.readyWaiters.splice(0)) done();
  }
}

/** FNV-1a: a stable small hash of a shopper id. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
