/**
 * The frozen text vectors of the catalogue (numItems x textDim, unit rows from the sentence
 * encoder). They are read, never written: no gradient flows into them.
 */
export interface TextTable {
  readonly vectors: Float32Array;
  readonly dim: number;
}
