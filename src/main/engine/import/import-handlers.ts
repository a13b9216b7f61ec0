import { ContractError } from '../../../shared/contract';
import type { HandlerMap } from '../rpc/handler-map';
import type { AuditLog } from '../store';
import { FieldError } from './field-error';
import type { ImportService } from './import-service';

export function importHandlers(imports: ImportService, audit: AuditLog): HandlerMap {
  return {
    'import.text': async (input, ctx) => {
      try {
        const report = ctx.importContent
          ? await imports.importBytes(input.fileName, ctx.importContent, input.format, input.target)
          : await imports.importText(input.fileName, input.content, input.format, input.target);
        audit.record(ctx.transport, 'import', input.fileName, { stored: report.stored, rejected: report.rejected, cancelled: report.cancelled });
        return report;
      } catch (err) {
        if (err instanceof FieldError) throw new ContractError('bad_request', `${err.field}: ${err.message}`, [{ path: err.field, message: err.message }]);
        throw err;
      }
    },
    'import.queue': () => imports.list(),
    'import.cancel': (input) => imports.cancel(input.importId),
  };
}
