import { seededRandom } from '../../datasets/seeded-random';
import type { EvalCase } from '../protocols/types';

/** A seeded sample of at most `max` cases, in their original order (all when there are fewer). */
export function sampleEvalCases(cases: readonly EvalCase[], max: number, seed: number): EvalCase[] {
  if (cases.length <= max) return [...cases];
  const random = seededRandom(seed);
  const keep = new Uint8Array(cases.length);
  let kept = 0;
  while (kept < max) {
    const i = Math.floor(random() * cases.length);
    if (keep[i] === 0) {
      keep[i] = 1;
      kept += 1;
    }
  }
  return cases.filter((_, i) => keep[i] === 1);
}
