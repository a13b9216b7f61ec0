import type { ArmPolicy, Experiment, ExperimentResults, GuardFigure, MetricName } from '../../../../shared/contract';
import { ContractError } from '../../../../shared/contract';
import type { ExperimentEvidence } from './guard-service';
import { differenceFigure } from './guard-figures';

/** The experiment metric each reward is read from. */
const PRIMARY: Record<Experiment['reward'], MetricName> = { ctr: 'ctr', conversion: 'conversionRate', revenue: 'revenuePerMille' };
const METRIC_WORDS: Record<MetricName, string> = {
  ctr: 'CTR',
  listCtr: 'list CTR',
  addToCartRate: 'add-to-cart rate',
  conversionRate: 'Conversion',
  revenuePerMille: 'Revenue per 1,000 lists',
  averageOrderValue: 'Average order value',
};

export interface ExperimentsView {
  list(): Experiment[];
  results(experimentId: string): ExperimentResults;
}

/** The primary metric of one arm against control, with the always-valid interval of the difference. */
function armFigure(r: ExperimentResults, armId: string, thresholdRelative: number): GuardFigure | undefined {
  const metric = PRIMARY[r.experiment.reward];
  const control = r.arms[0];
  const arm = r.arms.find((a) => a.armId === armId);
  if (!control || !arm || arm === control) return undefined;
  const comparison = arm.vsControl.find((c) => c.metric === metric);
  return differenceFigure(
    `${METRIC_WORDS[metric]} of arm ${arm.name} vs ${control.name} in experiment ${r.experiment.name} (${arm.counts.lists} vs ${control.counts.lists} lists)`,
    control.metrics[metric].value,
    arm.metrics[metric].value,
    { low: comparison?.low ?? null, high: comparison?.high ?? null },
    thresholdRelative,
  );
}

/** What the experiments tell the guard: arm-vs-control figures, and what stopping or promoting would change. */
export function experimentEvidence(view: ExperimentsView): ExperimentEvidence {
  const get = (experimentId: string): ExperimentResults => view.results(experimentId);
  return {
    figuresFor(match: (policy: ArmPolicy) => boolean, thresholdRelative: number): GuardFigure[] {
      return view
        .list()
        .filter((e) => e.status !== 'draft' && e.arms.slice(1).some((a) => match(a.policy)))
        .flatMap((e) => {
          const r = get(e.experimentId);
          return e.arms.slice(1).filter((a) => match(a.policy)).flatMap((a) => armFigure(r, a.armId, thresholdRelative) ?? []);
        });
    },
    stop(experimentId: string, thresholdRelative: number) {
      const r = get(experimentId);
      const moved = r.experiment.arms.map((a, i) => `${a.name} (${Math.round((r.experiment.shares[i] ?? a.share) * 100)} %)`).join(', ');
      return {
        effects: [
          `Experiment ${r.experiment.name} stops: its traffic on ${r.experiment.slots.join(', ')} (${moved}) returns to what serves everyone.`,
          'Its results stay readable; a stopped experiment cannot start again.',
        ],
        // For information: stopping changes nothing for the worse by itself, so these never ask for a reason.
        figures: r.arms.slice(1).flatMap((a) => {
          const f = armFigure(r, a.armId, thresholdRelative);
          return f ? [{ ...f, worse: false }] : [];
        }),
      };
    },
    promote(experimentId: string, armId: string, thresholdRelative: number) {
      const r = get(experimentId);
      const arm = r.experiment.arms.find((a) => a.armId === armId);
      if (!arm) throw new ContractError('not_found', `armId: experiment ${experimentId} has no arm ${armId}`, [{ path: 'armId', message: 'not found' }]);
      const p = arm.policy;
      const changes = [
        p.modelVersion !== undefined ? `intent model ${p.modelVersion} is promoted` : null,
        p.policyVersion !== undefined ? `ranking policy ${p.policyVersion} is promoted` : null,
        p.weightsVersion !== undefined ? `fusion weights version ${p.weightsVersion} serve again as a new version` : null,
        p.excludeRules.length ? `rules ${p.excludeRules.join(', ')} are disabled` : null,
      ].filter((c): c is string => c !== null);
      const figure = armFigure(r, armId, thresholdRelative);
      return {
        effects: [`${arm.name}'s policy serves everyone: ${changes.length ? changes.join('; ') : 'nothing changes (it is the control policy)'}.`, `Experiment ${r.experiment.name} stops.`],
        figures: figure ? [figure] : [],
        policy: p,
      };
    },
  };
}
