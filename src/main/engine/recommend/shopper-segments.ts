import type { BUILT_IN_SEGMENTS } from '../../../shared/contract';
import type { ShopperState } from './shopper-state';

type BuiltInSegment = (typeof BUILT_IN_SEGMENTS)[number];

/**
 * The segments a list is asked in: the built-in ones the shopper's recent events put them in, then the
 * request's own (the shop's, e.g. 'vip'). `new`: no event in a session before the current one (an
 * anonymous shopper too); `returning`: one there is; `buyer`: a purchase among the recent events.
 * The current session is the request's, else the newest event's.
 */
export function listSegments(state: Pick<ShopperState, 'events' | 'intent'>, sessionId: string | null, requested: readonly string[] = []): string[] {
  const current = sessionId ?? state.intent.currentSessionId;
  const builtIn: BuiltInSegment[] = [state.events.some((e) => e.sessionId !== current) ? 'returning' : 'new'];
  if (state.events.some((e) => e.type === 'purchase')) builtIn.push('buyer');
  return [...new Set<string>([...builtIn, ...requested])];
}
