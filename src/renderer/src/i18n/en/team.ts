/** Team mode: what a console shows when its user's role does not allow a change. */
export const teamMessages = {
  'team.forbidden': 'Read-only for {name}: this needs the {least} role, and you are a {role}.',
  'team.whoami': '{name} · {role}',
} as const;
