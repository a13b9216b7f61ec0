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
  type MethodParsedInput,
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
  private started = 0;

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

  /** Requests started so far (any method, any transport): background work (imports) yields more while this moves. */
  get requestsStarted(): number {
    return this.started;
  }

  /** Throws ContractError; for callers inside the engine and tests. */
  async call<M extends MethodName>(method: M, input: unknown, ctx: CallContext = { transport: 'direct' }): Promise<MethodOutput<M>> {
    this.started++;
    const spec = methods[method];
    // Before anything else: a role that may not call the method learns nothing from its input's checks.
    this.authorize(method, ctx);
    // Before any schema copies the input: bounded nesting and no prototype keys, at any depth.
    const hostile = requestProblem(input);
    if (hostile) {
      const path = issuePath(hostile.path);
      throw new ContractError('bad_request', `${method}: ${path}: ${hostile.message}`, [{ path, message: hostile.message }]);
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw fromZodError(method, parsed.error);
    return this.run(method, parsed.data as MethodParsedInput<M>, ctx);
  }

  /** Throws 'forbidden' when the caller's role may not call the method. */
  authorize(method: MethodName, ctx: CallContext): void {
    const principal = ctx.principal;
    if (principal && !canCall(principal.role, method)) {
      throw new ContractError('forbidden', principal.kind === 'user' ? `${forbiddenReason(principal.role, method)} (${principal.name})` : forbiddenReason(principal.role, method));
    }
  }

  /**
   * For an input already checked against the contract by the same checks off the engine's thread
   * (a large `import.text` body over HTTP, server/import-body): the role check, the handler and the
   * reply's check. Never throws, like handle().
   */
  async handleChecked<M extends MethodName>(method: M, input: MethodParsedInput<M>, ctx: CallContext): Promise<RpcEnvelope> {
    this.started++;
    try {
      this.authorize(method, ctx);
      return { ok: true, result: await this.run(method, input, ctx) };
    } catch (err) {
      if (err instanceof ContractError) return err.toEnvelope();
      console.error(`[rpc] ${method} failed:`, err);
      return new ContractError('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`).toEnvelope();
    }
  }

  private async run<M extends MethodName>(method: M, input: MethodParsedInput<M>, ctx: CallContext): Promise<MethodOutput<M>> {
    const spec = methods[method];
    const handler = this.handlers.get(method) as Handler<M>;
    const result = await handler(input as never, ctx);
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
