import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAutoSpec } from '../../../../src/main/engine/eval/auto/auto-spec';
import { requireFrozen } from '../../../../src/main/engine/eval/protocol/frozen-configs';
import { seedOfRun, summariseSeeds, withSeed } from '../../../../src/main/engine/eval/protocol/seed-runs';
import { parseEvalArgs } from '../../../../src/main/engine/eval/runner/cli-options';
import { runEvalCommand } from '../../../../src/main/engine/eval/runner/eval-command';
import { tempFolder } from './temp-files';

const files = tempFolder('protocol');

/*
 * Broken variants these tests catch (each was run once): the test fold running a spec that is not
 * frozen (skipping `requireFrozen` in eval-command.ts fails the second and third tests), the test
 * result not recording the frozen entry, `--freeze` accepted on the test fold, seed runs that
 * reuse a member's seed, a standard deviation over n instead of n − 1.
 */

/** A small sequence-per-line set (`Toy.txt`) whose next item follows a rule, so baselines learn something. */
function toySet(): string {
  const dir = join(files.dir, 'toyset');
  mkdirSync(dir, { recursive: true });
  const lines = Array.from({ length: 120 }, (_, u) => {
    const start = (u * 7) % 30;
    return `${u + 1} ${Array.from({ length: 6 }, (_, t) => ((start + t) % 30) + 1).join(' ')}`;
  });
  files.write('toyset/Toy.txt', `${lines.join('\n')}\n`);
  return dir;
}

describe('evaluation protocol: validation by default, frozen configurations for the test fold, seeds, every run stored', () => {
  it('defaults to the validation fold; --no-store is refused; --freeze only on validation', () => {
    expect(parseEvalArgs(['--dataset', 'beauty', '--model', 'itemknn']).request.fold).toBe('validation');
    expect(() => parseEvalArgs(['--dataset', 'beauty', '--model', 'itemknn', '--no-store'])).toThrow(/every run/);
    expect(() => parseEvalArgs(['--dataset', 'beauty', '--model', 'itemknn', '--fold', 'test', '--freeze'])).toThrow(/validation fold/);
    expect(parseEvalArgs(['--dataset', 'beauty', '--model', 'intent:auto', '--seeds', '3']).seeds).toBe(3);
    expect(() => parseEvalArgs(['--dataset', 'beauty', '--model', 'x', '--seeds', '0'])).toThrow(/at least 1/);
    expect(parseAutoSpec('intent:auto')).toEqual({ family: 'intent', budgetSeconds: 900 });
    expect(parseAutoSpec('intent:auto,budget=60')).toEqual({ family: 'intent', budgetSeconds: 60 });
    expect(parseAutoSpec('intent:d=64')).toBeNull();
  });

  it('refuses the test fold for a configuration that is not frozen, and says how to freeze it', async () => {
    const dataset = toySet();
    const options = { ...parseEvalArgs(['--dataset', dataset, '--model', 'itemknn', '--fold', 'test']), outDir: join(files.dir, 'results') };
    await expect(runEvalCommand(options, join(files.dir, 'repo-a'))).rejects.toThrow(/not frozen for toy.*--freeze/);
  });

  it('freezes a validation choice with its stored run, then runs the test fold for it once, recording the frozen entry', async () => {
    const dataset = toySet();
    const repo = join(files.dir, 'repo-b');
    const results = join(files.dir, 'results-b');
    const val = await runEvalCommand({ ...parseEvalArgs(['--dataset', dataset, '--model', 'transitions:auto', '--freeze', '--resamples', '50']), outDir: results }, repo);
    if (!('metrics' in val) || !('fold' in val)) throw new Error('not an evaluation');
    expect(val.fold).toBe('validation');
    expect(val.selection?.trials.length).toBeGreaterThan(2);
    expect(val.provenance).toMatchObject({ spec: val.selection!.spec, seed: null, codeVersion: { sha: null } });
    expect(existsSync(val.storedAt!)).toBe(true);
    // The frozen file names the chosen spec, its validation figures and the stored validation run.
    const frozen = requireFrozen(repo, 'toy', 'transitions:auto');
    expect(frozen.entry.spec).toBe(val.selection!.spec);
    expect(frozen.entry.validation['NDCG@10']).toBe(val.metrics['NDCG@10']);
    expect(frozen.entry.validationRuns[0]).toContain('results-b/toy/transitions_auto/');
    // The test run uses exactly that spec, and says which frozen entry it ran.
    const test = await runEvalCommand({ ...parseEvalArgs(['--dataset', dataset, '--model', 'transitions:auto', '--fold', 'test', '--seeds', '2', '--resamples', '50']), outDir: results }, repo);
    if (!('metrics' in test) || !('fold' in test)) throw new Error('not an evaluation');
    expect(test.fold).toBe('test');
    expect(test.provenance?.frozen).toEqual(frozen.ref);
    expect(test.provenance?.spec).toBe(frozen.entry.spec);
    expect(test.selected).toMatchObject({ spec: frozen.entry.spec, validation: frozen.entry.validation });
    // Baselines have no training seed: both runs are the same, sd 0, each run listed.
    expect(test.seedRuns).toHaveLength(2);
    expect(test.seedSummary!['NDCG@10']).toMatchObject({ mean: test.metrics['NDCG@10'], sd: 0 });
    const stored = JSON.parse(readFileSync(test.seedSummaryStoredAt!, 'utf8')) as { seedRuns: unknown[]; frozen: unknown };
    expect(stored.seedRuns).toHaveLength(2);
    expect(stored.frozen).toEqual(frozen.ref);
  });

  it('with --compare, --freeze freezes both configurations measured on the same validation cases', async () => {
    const dataset = toySet();
    const repo = join(files.dir, 'repo-c');
    await runEvalCommand({ ...parseEvalArgs(['--dataset', dataset, '--model', 'itemknn', '--compare', 'popularity', '--freeze', '--resamples', '20']), outDir: join(files.dir, 'results-c') }, repo);
    expect(requireFrozen(repo, 'toy', 'itemknn').entry.spec).toBe('itemknn');
    const other = requireFrozen(repo, 'toy', 'popularity').entry;
    expect(other.note).toMatch(/--compare beside itemknn/);
    expect(other.validationRuns[0]).toContain('results-c/toy/popularity/');
  });

  it('runs N training seeds as seed + r·ensemble, and summarises mean, standard deviation and each run', () => {
    expect([0, 1, 2].map((r) => seedOfRun(7, r, 2))).toEqual([7, 9, 11]);
    expect(withSeed('intent:d=64,seed=7,ensemble=2', 9)).toBe('intent:d=64,ensemble=2,seed=9');
    expect(withSeed('intent', 9)).toBe('intent:seed=9');
    expect(withSeed('transitions', 9)).toBe('transitions');
    const s = summariseSeeds([{ 'NDCG@10': 0.1 }, { 'NDCG@10': 0.2 }, { 'NDCG@10': 0.3 }]);
    expect(s['NDCG@10']).toEqual({ mean: 0.2, sd: 0.1, runs: [0.1, 0.2, 0.3] });
  });
});
