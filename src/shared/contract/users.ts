import { z } from 'zod';

/** Who may do what on a shared engine: viewer < merchandiser < admin (src/shared/contract/roles.ts). */
export const ROLES = ['viewer', 'merchandiser', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A user's name: what the audit log records for their changes. */
export const UserName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]*$/, 'letters, digits, space, dot, underscore, @ and dash; starting with a letter or digit');

export const UserSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.number().int(),
  createdBy: z.string(),
  /** When its token was revoked; a revoked user can no longer call anything. */
  revokedAt: z.number().int().nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** Who a request is: the engine's own (local) token is the owner, an admin; other tokens are users. */
export const WhoAmI = z.object({ name: z.string(), role: Role, kind: z.enum(['owner', 'user']) });
export type WhoAmI = z.infer<typeof WhoAmI>;

export const CreateUserRequest = z.object({ name: UserName, role: Role }).strict();
/** The token is shown once, here; the engine keeps only its hash. */
export const CreatedUser = z.object({ user: UserSummary, token: z.string() });
export type CreatedUser = z.infer<typeof CreatedUser>;

const Empty = z.object({}).strict().default({});

export const userMethods = {
  'session.whoami': { input: Empty, output: WhoAmI },
  'users.list': { input: Empty, output: z.array(UserSummary) },
  'users.create': { input: CreateUserRequest, output: CreatedUser },
  'users.revoke': { input: z.object({ name: UserName }).strict(), output: UserSummary },
} as const;
