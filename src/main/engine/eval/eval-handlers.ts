import type { HandlerMap } from '../rpc/handler-map';
import { listEvalResults } from './runner/results-store';

/** Stored offline-evaluation results for the console's quality views. */
export function evalHandlers(resultsDir: string): HandlerMap {
  return {
    'eval.results': (input) =>
      listEvalResults(resultsDir)
        .filter((r) => input.dataset === undefined || r.result.dataset === input.dataset)
        .slice(0, input.limit),
  };
}
