import { userInfo } from 'node:os';
import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { UserStore } from './user-store';

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'owner';
  }
}

/** session.whoami (any role) and users.list/create/revoke (admin; the dispatcher enforces it). */
export function userHandlers(users: UserStore): HandlerMap {
  return {
    'session.whoami': (_input, ctx) => {
      const p = ctx.principal;
      return p?.kind === 'user' ? { name: p.name, role: p.role, kind: 'user' } : { name: localUser(), role: 'admin', kind: 'owner' };
    },
    'users.list': () => users.list(),
    'users.create': (input, ctx) => users.create(input.name, input.role, actorOf(ctx)),
    'users.revoke': (input, ctx) => users.revoke(input.name, actorOf(ctx)),
  };
}
