/**
 * `instinct users add --name N --role viewer|merchandiser|admin`, `users list`, `users revoke --name N`:
 * team-mode users on a local store (docs/TEAM_MODE.md). They go through the dispatcher as the owner,
 * so the checks and the audit entries are those of the console's users.* methods. `add` prints the
 * token once; the store keeps only its hash. A running engine sees the change on its next request.
 */
import { ROLES, type Role } from '../../shared/contract';
import type { Engine } from '../engine/engine';
import { UsageError } from './options';

export interface UsersFlags {
  name?: string | undefined;
  role?: string | undefined;
}

const CLI = { transport: 'direct' } as const;

function roleFrom(flag: string | undefined): Role {
  const role = ROLES.find((r) => r === flag);
  if (!role) throw new UsageError(`users add: --role ${ROLES.join('|')}`);
  return role;
}

export async function usersCommand(engine: Engine, sub: string | undefined, flags: UsersFlags): Promise<unknown> {
  switch (sub) {
    case 'add': {
      if (!flags.name) throw new UsageError('users add: --name N --role R');
      const created = await engine.dispatcher.call('users.create', { name: flags.name, role: roleFrom(flags.role) }, CLI);
      return { ...created, note: 'the token is shown only now: hand it to the user (the engine keeps only its hash)' };
    }
    case 'list':
      return engine.dispatcher.call('users.list', {}, CLI);
    case 'revoke': {
      if (!flags.name) throw new UsageError('users revoke: --name N');
      return engine.dispatcher.call('users.revoke', { name: flags.name }, CLI);
    }
    default:
      throw new UsageError(`users: add, list or revoke (not ${sub ?? 'nothing'})`);
  }
}
