import type { TrainingData } from '../protocols/types';
import { addPopularityTieBreak, itemCounts, scoreBuffer, type Recommender } from './recommender';
import { sessionItemIndex, type SessionItemIndex } from './session-item-index';
import { itemIdf, SESSION_WEIGHTINGS, type SessionWeighting } from './session-weighting';

export interface SessionKnnOptions {
  /** Neighbour sessions that vote. */
  k: number;
  /** Candidate sessions considered: the most recent ones sharing an item with the history. */
  sampleSize: number;
  /** Position weight of history items (session-rec `weighting`). */
  weighting: SessionWeighting;
  /** session-rec `idf_weighting`: a vote for item j is multiplied by 1 + idfWeighting * idf(j); 0 = off. */
  idfWeighting: number;
}

export const SESSION_KNN_DEFAULTS: SessionKnnOptions = { k: 100, sampleSize: 500, weighting: 'div', idfWeighting: 0 };

/**
 * V-SKNN (Ludewig & Jannach 2018, session-rec's VMContextKNN with its defaults): the history is a
 * vector whose i-th of L items weighs i/L (by default; linear decay, recent items count more); similarity to a
 * training session is the weighted overlap divided by the history's distinct items; the k most
 * similar of the `sampleSize` most recent candidate sessions vote for all their items with
 * similarity / step, step being how far back the most recent shared item lies.
 */
export class SessionKnnRecommender implements Recommender {
  readonly name: string;
  private index: SessionItemIndex | null = null;
  private counts: Float64Array = new Float64Array(0);
  private idfBoost: Float64Array = new Float64Array(0);
  private positionWeight = new Float32Array(0);
  private stepBack = new Int32Array(0);
  private seenStamp = new Int32Array(0);
  private stamp = 0;

  constructor(private readonly options: SessionKnnOptions = SESSION_KNN_DEFAULTS) {
    const o = options;
    this.name = `vsknn(k=${o.k},sampleSize=${o.sampleSize},weighting=${o.weighting},idfWeighting=${o.idfWeighting})`;
  }

  fit(train: TrainingData): void {
    this.index = sessionItemIndex(train);
    this.counts = itemCounts(train);
    const idf = itemIdf(this.counts, train.sequences.length);
    this.idfBoost = Float64Array.from(idf, (v) => 1 + this.options.idfWeighting * v);
    this.positionWeight = new Float32Array(train.numItems);
    this.stepBack = new Int32Array(train.numItems);
    this.seenStamp = new Int32Array(train.sequences.length);
  }

  scoreAll(history: Int32Array, out?: Float32Array): Float32Array {
    const index = this.index;
    if (index === null) throw new Error('SessionKnnRecommender.scoreAll before fit');
    const scores = scoreBuffer(this.counts.length, out);
    const known = history.filter((item) => item < this.counts.length);
    const L = known.length;
    const weigh = SESSION_WEIGHTINGS[this.options.weighting];
    let distinct = 0;
    known.forEach((item, i) => {
      if (this.positionWeight[item] === 0) distinct += 1;
      // As in session-rec, a repeated item keeps the weight and step of its latest occurrence.
      this.positionWeight[item] = weigh(i + 1, L);
      this.stepBack[item] = L - i;
    });
    const neighbours = this.nearestSessions(index, known, distinct);
    for (const { session, similarity } of neighbours) {
      let step = Number.MAX_SAFE_INTEGER;
      for (let p = index.itemOffsets[session] as number; p < (index.itemOffsets[session + 1] as number); p += 1) {
        const s = this.stepBack[index.items[p] as number] as number;
        if (s > 0 && s < step) step = s;
      }
      const vote = similarity / step;
      for (let p = index.itemOffsets[session] as number; p < (index.itemOffsets[session + 1] as number); p += 1) {
        const item = index.items[p] as number;
        scores[item] = (scores[item] as number) + vote * (this.idfBoost[item] as number);
      }
    }
    for (const item of known) {
      this.positionWeight[item] = 0;
      this.stepBack[item] = 0;
    }
    addPopularityTieBreak(scores, this.counts, 1e-7);
    return scores;
  }

  private nearestSessions(index: SessionItemIndex, known: Int32Array, distinct: number): { session: number; similarity: number }[] {
    this.stamp += 1;
    const candidates: number[] = [];
    for (const item of known) {
      for (let p = index.sessionOffsets[item] as number; p < (index.sessionOffsets[item + 1] as number); p += 1) {
        const s = index.sessions[p] as number;
        if (this.seenStamp[s] !== this.stamp) {
          this.seenStamp[s] = this.stamp;
          candidates.push(s);
        }
      }
    }
    // Most recent first; equal stamps fall back to the later session index, so runs are deterministic.
    const byRecency = (a: number, b: number): number => (index.recency[b] as number) - (index.recency[a] as number) || b - a;
    const sample = candidates.length > this.options.sampleSize ? candidates.sort(byRecency).slice(0, this.options.sampleSize) : candidates;
    const scored = sample.map((session) => {
      let overlap = 0;
      for (let p = index.itemOffsets[session] as number; p < (index.itemOffsets[session + 1] as number); p += 1) {
        overlap += this.positionWeight[index.items[p] as number] as number;
      }
      return { session, similarity: overlap / distinct };
    });
    scored.sort((a, b) => b.similarity - a.similarity || byRecency(a.session, b.session));
    return scored.slice(0, this.options.k).filter((n) => n.similarity > 0);
  }
}
