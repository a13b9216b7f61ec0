import { ExperimentInput, type ArmInput, type ExperimentReward, type FieldIssue } from '../transport/contract';
import { issuePath } from '../transport/contract';

/** One arm as the form holds it: text fields as typed, shares in percent. */
export interface ArmFormValues {
  name: string;
  /** Percent of the experiment's traffic, as typed. */
  share: string;
  /** '' = whatever serves; else a stored weights version number. */
  weightsVersion: string;
  /** '' = whatever serves; 'none' = the text intent alone; else a registered model version. */
  modelVersion: string;
  excludeRules: string[];
  /** '' = whatever serves; else a learned ranking-policy version. */
  policyVersion: string;
  holdout: boolean;
}

export interface ExperimentFormValues {
  name: string;
  hypothesis: string;
  /** Slots picked from the known ones. */
  slots: string[];
  /** More slots, typed, separated by commas. */
  otherSlots: string;
  mode: 'ab' | 'bandit';
  reward: ExperimentReward;
  arms: ArmFormValues[];
  /** Bandit floor, percent per arm. */
  floor: string;
  guardrailEnabled: boolean;
  /** Percentage points of conversion. */
  guardrailMargin: string;
  guardrailMinLists: string;
}

export const MIN_ARMS = 2;
export const MAX_ARMS = 6;
export const SERVING = '';
export const NO_MODEL = 'none';

/** The arm fields that make up its policy: a holdout takes none of them (see `holdoutArm`). */
export const ARM_POLICY_FIELDS = ['weightsVersion', 'modelVersion', 'excludeRules', 'policyVersion', 'holdout'] as const satisfies readonly (keyof ArmFormValues)[];

/**
 * The arm as a holdout: the engine refuses a holdout that names a weights, model or policy version
 * (it serves popularity with filter rules only), and rules left out would be hidden behind disabled
 * pickers, so ticking it clears them all.
 */
export function holdoutArm(arm: ArmFormValues): ArmFormValues {
  return { ...arm, weightsVersion: SERVING, modelVersion: SERVING, excludeRules: [], policyVersion: SERVING, holdout: true };
}

export function emptyArm(name: string, share: string): ArmFormValues {
  return { name, share, weightsVersion: SERVING, modelVersion: SERVING, excludeRules: [], policyVersion: SERVING, holdout: false };
}

/** What a new form starts with when opened from elsewhere (a learned policy's "Use in an experiment"). */
export interface ExperimentPreset {
  policyVersion: string;
  /** The slot the policy was trained on. */
  slot?: string;
  /** The experiment's and the policy arm's names. */
  name: string;
  armName: string;
}

export function newExperimentForm(preset?: ExperimentPreset): ExperimentFormValues {
  const form = blankExperimentForm();
  if (!preset) return form;
  const [control, variant] = form.arms;
  if (!control || !variant) return form;
  return {
    ...form,
    name: preset.name,
    slots: [preset.slot ?? 'home'],
    arms: [control, { ...variant, name: preset.armName, policyVersion: preset.policyVersion }],
  };
}

function blankExperimentForm(): ExperimentFormValues {
  return {
    name: '',
    hypothesis: '',
    slots: ['home'],
    otherSlots: '',
    mode: 'ab',
    reward: 'conversion',
    arms: [emptyArm('Control', '50'), emptyArm('Variant', '50')],
    floor: '5',
    guardrailEnabled: true,
    guardrailMargin: '0.5',
    guardrailMinLists: '500',
  };
}

/** Shares in percent that add up to exactly 100 with two decimals, the remainder on the first arms. */
export function evenShares(arms: number): string[] {
  if (arms <= 0) return [];
  const hundredths = 10_000;
  const base = Math.floor(hundredths / arms);
  const extra = hundredths - base * arms;
  return Array.from({ length: arms }, (_, i) => formatPercentText((base + (i < extra ? 1 : 0)) / 100));
}

function formatPercentText(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}

/** Arm ids the engine accepts (lower-case letters, digits, dashes), from the names, unique. */
export function armIdsFor(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    const slug =
      name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 28) || `arm-${i + 1}`;
    let id = slug;
    for (let n = 2; used.has(id); n++) id = `${slug}-${n}`;
    used.add(id);
    return id;
  });
}

/** The slots picked and typed, in order, each once. */
export function slotsOf(form: Pick<ExperimentFormValues, 'slots' | 'otherSlots'>): string[] {
  const typed = form.otherSlots
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set([...form.slots, ...typed])];
}

export type ExperimentField =
  | 'name'
  | 'hypothesis'
  | 'slots'
  | 'arms'
  | 'floor'
  | 'guardrailMargin'
  | 'guardrailMinLists'
  | '_form'
  | `arms.${number}.name`
  | `arms.${number}.share`
  /** Whatever the arm serves (its versions, rules left out, holdout): shown on that arm. */
  | `arms.${number}.policy`;
export type ExperimentFieldErrors = Partial<Record<ExperimentField, string>>;

export interface FormMessages {
  number: string;
  required: string;
  shares: (total: string) => string;
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * The form as an `experiments.create` input, checked with the contract's own schema (so the shares, the
 * floor and the arm ids are refused here with the engine's words), or the errors per field.
 */
export function experimentInputFromForm(form: ExperimentFormValues, messages: FormMessages): { input: ExperimentInput | null; errors: ExperimentFieldErrors } {
  const errors: ExperimentFieldErrors = {};
  const ids = armIdsFor(form.arms.map((a) => a.name));
  const arms: ArmInput[] = form.arms.map((arm, i) => {
    const percent = parseNumber(arm.share);
    if (percent === null) errors[`arms.${i}.share`] = messages.number;
    if (arm.name.trim() === '') errors[`arms.${i}.name`] = messages.required;
    const weightsVersion = arm.weightsVersion === SERVING ? undefined : Number(arm.weightsVersion);
    return {
      armId: ids[i] ?? `arm-${i + 1}`,
      name: arm.name.trim(),
      share: percent === null ? 0 : Math.round(percent * 100) / 10_000,
      // A holdout sends nothing else, whatever the form still holds (a preset, an older form).
      policy: arm.holdout
        ? { excludeRules: [], holdout: true }
        : {
            ...(weightsVersion !== undefined && Number.isInteger(weightsVersion) ? { weightsVersion } : {}),
            ...(arm.modelVersion === SERVING ? {} : { modelVersion: arm.modelVersion }),
            ...(arm.policyVersion === SERVING ? {} : { policyVersion: arm.policyVersion }),
            excludeRules: arm.excludeRules,
            holdout: false,
          },
    };
  });
  const floor = parseNumber(form.floor);
  const margin = parseNumber(form.guardrailMargin);
  const minLists = parseNumber(form.guardrailMinLists);
  if (form.mode === 'bandit' && floor === null) errors.floor = messages.number;
  if (form.guardrailEnabled && margin === null) errors.guardrailMargin = messages.number;
  if (form.guardrailEnabled && (minLists === null || !Number.isInteger(minLists))) errors.guardrailMinLists = messages.number;
  const percentTotal = form.arms.reduce((s, a) => s + (parseNumber(a.share) ?? 0), 0);
  if (Math.abs(percentTotal - 100) > 0.005) errors.arms = messages.shares(String(Math.round(percentTotal * 100) / 100));
  const candidate = {
    name: form.name.trim(),
    hypothesis: form.hypothesis.trim(),
    slots: slotsOf(form),
    mode: form.mode,
    reward: form.reward,
    arms: normaliseShares(arms),
    floor: form.mode === 'bandit' && floor !== null ? floor / 100 : 0.05,
    guardrail: {
      enabled: form.guardrailEnabled,
      margin: form.guardrailEnabled && margin !== null ? margin / 100 : 0.005,
      minLists: form.guardrailEnabled && minLists !== null && Number.isInteger(minLists) ? minLists : 500,
    },
  };
  const parsed = ExperimentInput.safeParse(candidate);
  if (!parsed.success) {
    const fromSchema = fieldErrorsFromIssues(parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })));
    for (const [field, message] of Object.entries(fromSchema) as Array<[ExperimentField, string]>) errors[field] ??= message;
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: candidate, errors: {} };
}

/** Percent shares that add up to 100 can still miss 1 by a rounding hair as fractions: the last arm takes it. */
function normaliseShares(arms: ArmInput[]): ArmInput[] {
  const total = arms.reduce((s, a) => s + a.share, 0);
  const last = arms.at(-1);
  if (!last || Math.abs(total - 1) > 0.0001) return arms;
  const rest = arms.slice(0, -1).reduce((s, a) => s + a.share, 0);
  return [...arms.slice(0, -1), { ...last, share: Math.max(0, 1 - rest) }];
}

/** The engine's (or the schema's) issues placed on the form's fields; what fits no field goes to `_form`. */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[]): ExperimentFieldErrors {
  const errors: ExperimentFieldErrors = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    errors[field] ??= issue.message;
  }
  return errors;
}

function fieldOfPath(path: string): ExperimentField {
  const parts = path.split('.');
  const [head, index, leaf] = parts;
  if (head === 'arms' && index !== undefined && /^\d+$/.test(index)) {
    if (leaf === 'name' || leaf === 'armId') return `arms.${Number(index)}.name`;
    if (leaf === 'share') return `arms.${Number(index)}.share`;
    if (leaf === 'policy') return `arms.${Number(index)}.policy`;
    return 'arms';
  }
  if (head === 'guardrail') return index === 'minLists' ? 'guardrailMinLists' : 'guardrailMargin';
  if (head === 'name' || head === 'hypothesis' || head === 'slots' || head === 'arms' || head === 'floor') return head;
  return '_form';
}
