import { ContractError } from '../../../shared/contract';
import { ModelFileError } from '../inference';
import type { HandlerMap } from '../rpc/handler-map';
import { ImageModelShapeError, UnknownVisualModelError, VisualImportError } from './errors';
import type { VisualService } from './visual-service';

/** The visual channel over the contract; path-based registration and imports stay in the CLI. */
export function visualHandlers(visual: VisualService): HandlerMap {
  return {
    'visual.status': () => visual.status(),
    'visual.models': () => visual.models(),
    'visual.importText': (input) => asContractError(() => visual.importText(input)),
    'visual.activate': (input) => asContractError(() => visual.activate(input.version)),
  };
}

async function asContractError<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UnknownVisualModelError) throw new ContractError('not_found', err.message, [{ path: 'version', message: 'not found' }]);
    if (err instanceof VisualImportError || err instanceof ImageModelShapeError || err instanceof ModelFileError) throw new ContractError('bad_request', err.message);
    throw err;
  }
}
