import { userInfo } from 'node:os';
import type { CallContext } from '../../rpc/handler-map';

let user: string | undefined;

/** Who the audit log records for a request: the operating-system user and the console they used. */
export function actorOf(ctx: CallContext): string {
  if (user === undefined) {
    try {
      user = userInfo().username;
    } catch {
      user = 'operator';
    }
  }
  const via = ctx.transport === 'ipc' ? 'desktop' : ctx.transport === 'http' ? 'console' : 'api';
  return `${user} (${via})`;
}
