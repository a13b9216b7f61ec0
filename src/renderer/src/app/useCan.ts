import { METHOD_ROLES, canCall, type MethodName, type WhoAmI } from '../transport/contract';
import { t } from '../i18n/translate';
import { useAppStore } from './StoresContext';

/** Whether this console may call a method, and if not, the sentence its disabled control shows. */
export interface Permission {
  readonly allowed: boolean;
  readonly reason: string | null;
}

const ALLOWED: Permission = { allowed: true, reason: null };

/**
 * Decided from the contract's role table (src/shared/contract/roles.ts), the same one the engine
 * enforces. Until the engine has said who we are, controls stay enabled: the engine refuses anyway.
 */
export function permissionFor(me: WhoAmI | null, method: MethodName): Permission {
  if (me === null || canCall(me.role, method)) return ALLOWED;
  return { allowed: false, reason: t('team.forbidden', { name: me.name, role: me.role, least: METHOD_ROLES[method] }) };
}

/** `const can = useCan('weights.set')`: disable the control when `!can.allowed` and show `can.reason`. */
export function useCan(method: MethodName): Permission {
  const me = useAppStore('engine', (s) => s.me);
  return permissionFor(me, method);
}
