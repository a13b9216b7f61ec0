import type { IntentModelConfig } from '../model/config';

/**
 * The small, documented space `intent:auto` (and a fine-tune job's default) searches
 * (docs/INTENT_MODEL.md, "Automatic configuration"). Each candidate differs from the centre in one
 * dimension, so every trial answers one question:
 *
 * | dimension   | values tried                                              | how |
 * |-------------|-----------------------------------------------------------|-----|
 * | item parts  | every available part; without attributes; without text;   | rung 0 candidates |
 * |             | ids only when neither text nor attributes exist           | |
 * | dropout     | 0.3 (centre), 0.2, 0.5                                    | rung 0 candidates |
 * | size        | d 64 / 2 blocks (centre), d 32 / 1 block                  | rung 0 candidates |
 * | epochs      | early stopping on the held-out last items (patience 3, at most 30), successive-halving rungs of 3 and 8 epochs | rungs |
 * | refit       | 0 or 3 epochs on the whole sequences                      | measured on the winner |
 * | ensemble    | 1 or 2 seeds (mean of logits)                             | measured on the winner |
 */
export interface Candidate {
  /** Short label for the trial table, e.g. `parts=ids+text+attrs` or `dropout=0.5`. */
  name: string;
  model: IntentModelConfig;
}

export interface AvailableParts {
  text: boolean;
  attributes: boolean;
}

export const AUTO_REFIT_EPOCHS = 3;
export const AUTO_RUNG_EPOCHS = [3, 8] as const;

function partsLabel(m: Pick<IntentModelConfig, 'useIds' | 'useText' | 'useAttributes'>): string {
  return ['ids', m.useText ? 'text' : '', m.useAttributes === true ? 'attrs' : ''].filter((s) => s !== '').join('+');
}

/** The candidates in the order they are tried (the centre first): the budget may cut the tail of this list. */
export function autoCandidates(centre: IntentModelConfig, parts: AvailableParts): Candidate[] {
  const all: IntentModelConfig = { ...centre, useIds: true, useText: parts.text, useAttributes: parts.attributes };
  const list: Candidate[] = [{ name: `centre (parts=${partsLabel(all)})`, model: all }];
  if (parts.attributes) list.push({ name: `parts=${partsLabel({ ...all, useAttributes: false })}`, model: { ...all, useAttributes: false } });
  if (parts.text) list.push({ name: `parts=${partsLabel({ ...all, useText: false })}`, model: { ...all, useText: false } });
  list.push({ name: 'dropout=0.2', model: { ...all, dropout: 0.2 } });
  list.push({ name: 'dropout=0.5', model: { ...all, dropout: 0.5 } });
  list.push({ name: 'size=d32/1 block', model: { ...all, dim: 32, blocks: 1 } });
  return list;
}

/** Spells out a configuration as an `intent:` spec with every searched key explicit, so a frozen spec never depends on later defaults. */
export function intentSpecOf(model: IntentModelConfig, training: { epochs: number; patience: number; refitEpochs: number; seed: number }, ensemble: number): string {
  const m = model;
  const keys = [
    `d=${m.dim}`,
    `blocks=${m.blocks}`,
    `heads=${m.heads}`,
    `ff=${m.ffMultiplier}`,
    `maxLen=${m.maxLen}`,
    `dropout=${m.dropout}`,
    `ids=${m.useIds ? 1 : 0}`,
    `text=${m.useText ? 1 : 0}`,
    `attrs=${m.useAttributes === true ? 1 : 0}`,
    `repeat=${m.repeatTerm ? 1 : 0}`,
    `epochs=${training.epochs}`,
    `patience=${training.patience}`,
    `refit=${training.refitEpochs}`,
    `seed=${training.seed}`,
    `ensemble=${ensemble}`,
  ];
  return `intent:${keys.join(',')}`;
}
