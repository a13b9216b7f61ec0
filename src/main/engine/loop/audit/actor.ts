import { userInfo } from 'node:os';
import type { CallContext } from '../../rpc/handler-map';

let user: string | undefined;

/** Who the audit log records for a request: the user its token names, else the operating-system user; and the console they used. */
export function actorOf(ctx: CallContext): string {
  const via = ctx.transport === 'ipc' ? 'desktop' : ctx.transport === 'http' ? 'console' : 'api';
  // A team member's token names them; the owner's (local) token is whoever runs the engine.
  if (ctx.principal?.kind === 'user') return `${ctx.principal.name} (${via})`;
  if (user === undefined) {
    try {
      user = userInfo().username;
    } catch {
      user = 'operator';
    }
  }
  return `${user} (${via})`;
}
