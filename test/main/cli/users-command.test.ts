import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usersCommand } from '../../../src/main/cli/users-command';
import { UsageError } from '../../../src/main/cli/options';
import { tempEngine } from '../../helpers/temp-dir';

describe('instinct users', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => {
    env = tempEngine();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('adds a user and prints a token that authenticates as them, lists, and revokes', async () => {
    const added = (await usersCommand(env.engine, 'add', { name: 'ann', role: 'merchandiser' })) as { token: string; user: { name: string; role: string } };
    expect(added.user).toMatchObject({ name: 'ann', role: 'merchandiser' });
    expect(env.engine.users.authenticate(added.token)).toMatchObject({ kind: 'user', name: 'ann', role: 'merchandiser' });
    const listed = (await usersCommand(env.engine, 'list', {})) as { name: string; revokedAt: number | null }[];
    expect(listed).toEqual([expect.objectContaining({ name: 'ann', revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(added.token);
    await usersCommand(env.engine, 'revoke', { name: 'ann' });
    expect(env.engine.users.authenticate(added.token)).toBeUndefined();
    const audit = await env.engine.dispatcher.call('audit.list', { action: 'users.' });
    expect(audit.entries.map((e) => e.action).sort()).toEqual(['users.create', 'users.revoke']);
  });

  it('refuses a bad role, a missing name and a second user with the same name', async () => {
    await expect(usersCommand(env.engine, 'add', { name: 'ann', role: 'owner' })).rejects.toThrow(UsageError);
    await expect(usersCommand(env.engine, 'add', { role: 'viewer' })).rejects.toThrow(UsageError);
    await usersCommand(env.engine, 'add', { name: 'ann', role: 'viewer' });
    await expect(usersCommand(env.engine, 'add', { name: 'ann', role: 'admin' })).rejects.toThrow(/exists already/);
  });
});
