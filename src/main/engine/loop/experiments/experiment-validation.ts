import { z } from 'zod';
import { ContractError, ExperimentInput, fromZodError, type Arm, type Experiment, type FieldIssue } from '../../../../shared/contract';

/** The experiment as the contract parses it, defaults filled in. */
export type ParsedExperimentInput = z.output<typeof ExperimentInput>;

/**
 * Whether the things an arm names exist, asked of the services that own them, so this folder
 * depends on none of their internals.
 */
export interface PolicyChecks {
  weightsVersionExists(version: number): boolean;
  /** A registered intent-model version ('none' is always accepted and never asked about). */
  modelVersionExists(version: string): boolean;
  ruleExists(ruleId: string): boolean;
  /** Learned ranking policies; while absent, an arm that names one is refused. */
  policyVersionExists?: (version: string) => boolean;
}

/** Parses what a caller sent; a ContractError 'bad_request' with the fields at fault otherwise. */
export function parseExperimentInput(input: unknown): ParsedExperimentInput {
  const parsed = ExperimentInput.safeParse(input);
  if (!parsed.success) throw fromZodError('experiments.create', parsed.error);
  return parsed.data;
}

/** What each arm names that does not exist (or does not fit a holdout), with its path. */
export function policyIssues(arms: readonly Arm[], checks: PolicyChecks): FieldIssue[] {
  const issues: FieldIssue[] = [];
  arms.forEach((arm, i) => {
    const at = (field: string): string => `arms.${i}.policy.${field}`;
    const p = arm.policy;
    if (p.weightsVersion !== undefined && !checks.weightsVersionExists(p.weightsVersion)) {
      issues.push({ path: at('weightsVersion'), message: `there is no fusion-weights version ${p.weightsVersion}` });
    }
    if (p.modelVersion !== undefined && p.modelVersion !== 'none' && !checks.modelVersionExists(p.modelVersion)) {
      issues.push({ path: at('modelVersion'), message: `there is no intent-model version ${p.modelVersion} (or 'none' for the text intent alone)` });
    }
    p.excludeRules.forEach((ruleId, j) => {
      if (!checks.ruleExists(ruleId)) issues.push({ path: `${at('excludeRules')}.${j}`, message: `there is no rule ${ruleId}` });
    });
    if (p.policyVersion !== undefined) {
      if (!checks.policyVersionExists) issues.push({ path: at('policyVersion'), message: 'learned ranking policies are not available in this engine' });
      else if (!checks.policyVersionExists(p.policyVersion)) issues.push({ path: at('policyVersion'), message: `there is no ranking-policy version ${p.policyVersion}` });
    }
    if (p.holdout && (p.weightsVersion !== undefined || p.modelVersion !== undefined || p.policyVersion !== undefined)) {
      issues.push({ path: at('holdout'), message: 'a holdout arm serves popularity only, with filter rules only: it takes no weights, model or policy version' });
    }
  });
  return issues;
}

/** The slots of `experiment` that a running experiment already serves (at most one experiment per slot). */
export function slotIssues(experiment: Experiment, running: readonly Experiment[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  experiment.slots.forEach((slot, i) => {
    const other = running.find((r) => r.experimentId !== experiment.experimentId && r.slots.includes(slot));
    if (other) issues.push({ path: `slots.${i}`, message: `slot ${slot} is already in running experiment ${other.experimentId} (${other.name})` });
  });
  return issues;
}

/** One ContractError for a list of issues, its message naming the first. */
export function issuesError(code: 'bad_request' | 'conflict', prefix: string, issues: FieldIssue[]): ContractError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ContractError(code, `${prefix}: ${first ? `${first.path}: ${first.message}` : 'invalid'}${more}`, issues);
}
