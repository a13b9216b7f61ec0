import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, METHOD_NAMES, METHOD_ROLES, ROLES, roleRank, type MethodName, type Role } from '../../../../src/shared/contract';
import { Dispatcher } from '../../../../src/main/engine/rpc/dispatcher';
import type { HandlerMap } from '../../../../src/main/engine/rpc/handler-map';
import type { Principal } from '../../../../src/main/engine/users/principal';
import { tempEngine } from '../../../helpers/temp-dir';

const REACHED = 'handler reached';

/** Every method's handler only says it was reached: the test is about who gets that far. */
function probeDispatcher(): Dispatcher {
  const map: HandlerMap = {};
  for (const method of METHOD_NAMES) {
    (map as Record<MethodName, () => never>)[method] = () => {
      throw new ContractError('conflict', REACHED);
    };
  }
  return new Dispatcher([map]);
}

function user(role: Role): Principal {
  return { kind: 'user', userId: `id-${role}`, name: `${role}-user`, role };
}

describe('roles on every contract method (dispatcher)', () => {
  const dispatcher = probeDispatcher();

  it('refuses each method to every role below its minimum, with a forbidden error that says why', async () => {
    for (const method of METHOD_NAMES) {
      const least = METHOD_ROLES[method];
      for (const role of ROLES.filter((r) => roleRank(r) < roleRank(least))) {
        const reply = await dispatcher.handle(method, {}, { transport: 'http', principal: user(role) });
        expect(reply.ok, `${role} calling ${method}`).toBe(false);
        if (!reply.ok) {
          expect([method, role, reply.error.code]).toEqual([method, role, 'forbidden']);
          expect(reply.error.message).toContain(`needs the ${least} role`);
        }
      }
    }
  });

  it('lets the minimum role and every role above it through to the handler (or the input check)', async () => {
    for (const method of METHOD_NAMES) {
      for (const role of ROLES.filter((r) => roleRank(r) >= roleRank(METHOD_ROLES[method]))) {
        const reply = await dispatcher.handle(method, {}, { transport: 'http', principal: user(role) });
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect([method, role, reply.error.code === 'forbidden']).toEqual([method, role, false]);
      }
    }
  });

  it('treats callers without a principal (IPC, the local CLI) and the owner token as admins', async () => {
    for (const method of METHOD_NAMES) {
      for (const ctx of [{ transport: 'ipc' as const }, { transport: 'http' as const, principal: { kind: 'owner', role: 'admin' } as const }]) {
        const reply = await dispatcher.handle(method, {}, ctx);
        if (!reply.ok) expect([method, reply.error.code]).not.toEqual([method, 'forbidden']);
      }
    }
  });
});

describe('roles on the real engine', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeAll(() => {
    env = tempEngine();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('refuses every method above viewer to a viewer before its handler runs (nothing changes)', async () => {
    const viewer = env.engine.users.create('vera', 'viewer', 'test');
    const principal = env.engine.users.authenticate(viewer.token);
    expect(principal).toMatchObject({ kind: 'user', name: 'vera', role: 'viewer' });
    const before = await env.engine.dispatcher.call('audit.list', {});
    for (const method of METHOD_NAMES.filter((m) => METHOD_ROLES[m] !== 'viewer')) {
      const reply = await env.engine.dispatcher.handle(method, {}, { transport: 'http', principal });
      expect([method, reply.ok ? 'ok' : reply.error.code]).toEqual([method, 'forbidden']);
    }
    const after = await env.engine.dispatcher.call('audit.list', {});
    expect(after.entries.length).toBe(before.entries.length);
  });

  it('answers whoami with the caller', async () => {
    const merch = env.engine.users.create('max', 'merchandiser', 'test');
    const principal = env.engine.users.authenticate(merch.token);
    expect(await env.engine.dispatcher.call('session.whoami', {}, { transport: 'http', principal })).toEqual({ name: 'max', role: 'merchandiser', kind: 'user' });
    expect(await env.engine.dispatcher.call('session.whoami', {}, { transport: 'ipc' })).toMatchObject({ role: 'admin', kind: 'owner' });
  });
});
