import { ContractError } from '../../../shared/contract';
import type { CatalogEmbeddings } from '../catalog/catalog-embeddings';
import type { HandlerMap } from '../rpc/handler-map';
import type { JobRepository } from './job-repository';
import type { JobRunner } from './job-runner';

export function jobHandlers(runner: JobRunner, jobs: JobRepository, embeddings: CatalogEmbeddings): HandlerMap {
  return {
    'jobs.list': (input) => jobs.list(input.limit, input.kind),
    'jobs.get': (input) => {
      const job = runner.get(input.jobId);
      if (!job) throw new ContractError('not_found', `jobId: no job ${input.jobId}`, [{ path: 'jobId', message: 'not found' }]);
      return job;
    },
    'jobs.cancel': (input) => runner.cancel(input.jobId),
    'embeddings.start': (input) => embeddings.start(input.variant),
  };
}
