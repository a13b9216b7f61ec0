import type { Role } from '../../../shared/contract';

/**
 * Who a request is. The owner holds the engine's own token (the desktop app, `npm run demo`, the
 * local CLI) and is an admin; a user holds a token made with `users add` or `users.create`.
 */
export type Principal = { kind: 'owner'; role: 'admin' } | { kind: 'user'; userId: string; name: string; role: Role };

export const OWNER: Principal = { kind: 'owner', role: 'admin' };
