import type { Database, Statement } from 'better-sqlite3';
import { ContractError, type CreatedUser, type Role, type UserSummary } from '../../../shared/contract';
import type { AuditLog } from '../store';
import type { Principal } from './principal';
import { hashToken, newUserToken, tokenId, tokenMatches } from './user-token';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  token_hash: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
}

function summary(row: UserRow): UserSummary {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, createdBy: row.created_by, revokedAt: row.revoked_at };
}

/**
 * The users of a shared engine and their tokens (hashed). Each request looks its token up here, so a
 * revocation (from the console, or from the CLI on the same store) holds from the next request on.
 */
export class UserStore {
  private readonly byId: Statement<[string], UserRow>;
  private readonly byName: Statement<[string], UserRow>;
  private readonly all: Statement<[], UserRow>;
  private readonly revokedListeners = new Set<(userId: string) => void>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {
    this.byId = db.prepare('SELECT * FROM users WHERE id = ?');
    this.byName = db.prepare('SELECT * FROM users WHERE name = ?');
    this.all = db.prepare('SELECT * FROM users ORDER BY created_at, name');
  }

  list(): UserSummary[] {
    return this.all.all().map(summary);
  }

  /** Adds a user; the token is returned once and only its hash is stored. */
  create(name: string, role: Role, actor: string): CreatedUser {
    if (this.byName.get(name)) throw new ContractError('conflict', `a user named ${name} exists already (revoked users keep their name in the audit log)`);
    const { id, token } = newUserToken();
    const now = Date.now();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO users (id, name, role, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(id, name, role, hashToken(token), now, actor);
      this.audit.record(actor, 'users.create', name, { role });
    })();
    return { user: summary(this.byId.get(id) as UserRow), token };
  }

  revoke(name: string, actor: string): UserSummary {
    const row = this.byName.get(name);
    if (!row) throw new ContractError('not_found', `no user named ${name}`);
    if (row.revoked_at === null) {
      this.db.transaction(() => {
        this.db.prepare('UPDATE users SET revoked_at = ? WHERE id = ?').run(Date.now(), row.id);
        this.audit.record(actor, 'users.revoke', name, { role: row.role });
      })();
      for (const listener of this.revokedListeners) listener(row.id);
    }
    return summary(this.byId.get(row.id) as UserRow);
  }

  /** The user a token names, while it is not revoked. */
  authenticate(token: string | undefined): Principal | undefined {
    if (token === undefined) return undefined;
    const id = tokenId(token);
    if (id === undefined) return undefined;
    const row = this.byId.get(id);
    if (!row || !tokenMatches(token, row.token_hash) || row.revoked_at !== null) return undefined;
    return { kind: 'user', userId: row.id, name: row.name, role: row.role };
  }

  /** Whether the user may still call (not revoked, not deleted). */
  isActive(userId: string): boolean {
    const row = this.byId.get(userId);
    return row !== undefined && row.revoked_at === null;
  }

  /** Called when a user is revoked in this process (a CLI revocation is found by `isActive`). */
  onRevoked(listener: (userId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}
