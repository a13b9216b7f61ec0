import {
  canCall,
  ContractError,
  forbiddenReason,
  fromZodError,
  isMethodName,
  issuePath,
  METHOD_NAMES,
  methods,
  type MethodName,
  type MethodOutput,
  requestProblem,
  type RpcEnvelope,
} from '../../../shared/contract';
import type { CallContext, Handler, HandlerMap } from './handler-map';

/**
 * Validates every request against the contract, runs its handler, validates the reply, and turns
 * every failure into a structured error. Both transports and direct callers go through here.
 */
export class Dispatcher {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  constructor(maps: readonly HandlerMap[]) {
    for (const map of maps) {
      for (const [name, handler] of Object.entries(map)) {
        if (!isMethodName(name)) throw new Error(`handler for unknown method ${name}`);
        if (this.handlers.has(name)) throw new Error(`two handlers for method ${name}`);
        this.handlers.set(name, handler as Handler<MethodName>);
      }
    }
    const missing = METHOD_NAMES.filter((m) => !this.handlers.has(m));
    if (missing.length) throw new Error(`no handler for ${missing.join(', ')}`);
  }

  /** Throws ContractError; for callers inside the engine and tests. */
  async call<M extends MethodName>(method: M, input: unknown, ctx: CallContext = { transport: 'direct' }): Promise<MethodOutput<M>> {
    const spec = methods[method];
    // Before anything else: a role that may not call the method learns nothing from its input's checks.
    const principal = ctx.principal;
    if (principal && !canCall(principal.role, method)) {
      throw new ContractError('forbidden', principal.kind === 'user' ? `${forbiddenReason(principal.role, method)} (${principal.name})` : forbiddenReason(principal.role, method));
    }
    // Before any schema copies the input: bounded nesting and no prototype keys, at any depth.
    const hostile = requestProblem(input);
    if (hostile) {
      const path = issuePath(hostile.path);
      throw new ContractError('bad_request', `${method}: ${path}: ${hostile.message}`, [{ path, message: hostile.message }]);
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw fromZodError(method, parsed.error);
    const handler = this.handlers.get(method) as Handler<M>;
    const result = await handler(parsed.data as never, ctx);
    const checked = spec.output.safeParse(result);
    if (!checked.success) {
      throw new ContractError('internal', `${method} produced a reply outside the contract: ${checked.error.issues[0]?.message ?? ''}`);
    }
    return checked.data as MethodOutput<M>;
  }

  /** Never throws; for transports. Unknown methods and unexpected failures become error envelopes. */
  async handle(method: unknown, input: unknown, ctx: CallContext): Promise<RpcEnvelope> {
    if (!isMethodName(method)) {
      return new ContractError('not_found', `unknown method ${String(method).slice(0, 100)}`).toEnvelope();
    }
    try {
      return { ok: true, result: await this.call(method, input, ctx) };
    } catch (err) {
      if (err instanceof ContractError) return err.toEnvelope();
      console.error(`[rpc] ${method} failed:`, err);
      return new ContractError('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`).toEnvelope();
    }
  }
}
