import type { Experiment, MetricDimension, Rule, WeightsVersion } from '../../../../shared/contract';
import { ruleNote } from '../../ranking/rules/describe-rule';
import { AFTER_PURCHASE_RULE } from '../../recommend/after-purchase';
import type { LabelOf } from './metrics-queries';

export interface LabelSources {
  readonly weights: { get(version: number): WeightsVersion | undefined };
  readonly rules: { get(ruleId: string): Rule | undefined };
  readonly experiments: () => { list(): Experiment[] };
}

/** How a metrics row is named on the Performance page: a version with its note, a rule with its target, an arm with its experiment. */
export function metricLabels(s: LabelSources): LabelOf {
  return (dim: MetricDimension, key: string): string => {
    switch (dim) {
      case 'all':
        return 'All lists';
      case 'weights': {
        const v = s.weights.get(Number(key));
        return key === '0' ? 'Not a stored version (holdout or learned policy)' : v?.note ? `v${key} · ${v.note}` : `v${key}`;
      }
      case 'rule': {
        const r = s.rules.get(key);
        if (r) return `${key} · ${ruleNote(r)}`;
        return key === AFTER_PURCHASE_RULE ? `${key} · substitutes of a recent purchase, left out` : `${key} (deleted)`;
      }
      case 'arm': {
        const [experimentId, armId] = key.split(':');
        const e = s.experiments().list().find((x) => x.experimentId === experimentId);
        const arm = e?.arms.find((a) => a.armId === armId);
        return e && arm ? `${e.name} · ${arm.name}` : key;
      }
      case 'policy':
        return key === 'weights' ? 'Fusion weights' : key === 'holdout' ? 'Holdout (popularity only)' : `Learned policy ${key}`;
      default:
        return key;
    }
  };
}
