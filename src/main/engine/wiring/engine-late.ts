import type { PurchaseIntentModel } from '../ranking';
import type { QueryVectors } from '../recommend/query-vectors';
import type { RetrievalService } from '../retrieval';
import type { ServingPool } from '../serving/serving-pool';

/**
 * What the services read from the engine after it was built: parts that open on first use or at
 * start (the vector index, the text encoder's query vectors, the serving workers, the fitted
 * purchase model). The wiring closes over these getters, never over the Engine class.
 */
export interface EngineLate {
  /** The retrieval capability, opened on first use. */
  retrieval(): RetrievalService;
  /** The retrieval capability if something opened it already (before that there is nothing to update). */
  openRetrieval(): RetrievalService | undefined;
  /** The text encoder's version the vector index serves ('none' before it is opened). */
  indexVersion(): string;
  /** The text encoder's serving version, or null with none installed. */
  textVersion(): string | null;
  queryVectors(): QueryVectors | undefined;
  purchaseModel(): PurchaseIntentModel | undefined;
  /** The serving workers, once started. */
  serving(): ServingPool | undefined;
  closed(): boolean;
}
