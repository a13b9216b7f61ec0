import { createStore, type StoreApi } from 'zustand/vanilla';
import { ContractError, type Assessment, type Confirmation, type GuardedAction } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

/** The shortest reason the engine accepts (Confirmation.reason). */
export const MIN_REASON_LENGTH = 3;
export const MAX_REASON_LENGTH = 500;

/**
 * Changes that delete data rather than alter what shoppers see (docs/PRIVACY.md). The engine's guard
 * does not assess them: the console states their effect itself (`assess`) and always asks for a reason.
 */
export type DataAction = { action: 'shoppers.erase'; shopperId: string } | { action: 'retention.set'; rawDataDays: number | null };

/**
 * Changes to what shoppers see that the engine's guard has no figures for: the console states their
 * effect itself (`assess`, e.g. the after-purchase policy's measured effect on the Settings page).
 */
export type ConsoleAssessedAction = { action: 'afterPurchase.set'; days: number };

/** Anything the dialog can confirm. */
export type DialogAction = GuardedAction | DataAction | ConsoleAssessedAction;

/** A risky change waiting for the operator's word: what it is, and how to carry it out. */
export interface GuardRequest {
  action: DialogAction;
  /** What it is about, in words, under the dialog's title (an experiment's or an arm's name). */
  subject?: string;
  /** Says what the change would do instead of `guard.assess` (needed for a DataAction). */
  assess?: () => Promise<Assessment>;
  /** A reason is needed whatever the assessment says (changes that delete data). */
  reasonAlwaysRequired?: boolean;
  /** Carries the change out; `confirm` holds the reason when one was given. May throw. */
  run(confirm: Confirmation | undefined): Promise<void>;
}

export interface GuardState {
  request: GuardRequest | null;
  assessment: Assessment | null;
  assessing: boolean;
  assessError: string | null;
  reason: string;
  running: boolean;
  runError: string | null;
  /** The engine refused the change without a reason although the assessment did not ask for one. */
  engineAsked: boolean;
  /** Opens the dialog for a change and asks the engine what it would do. */
  ask(request: GuardRequest): Promise<void>;
  reassess(): Promise<void>;
  setReason(reason: string): void;
  /** Goes ahead (when allowed); true when the change was carried out and the dialog closed. */
  confirm(): Promise<boolean>;
  cancel(): void;
}

export type GuardStore = StoreApi<GuardState>;

/** Whether the error is the engine refusing a worse change sent without a reason. */
export function isConfirmationRequired(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'confirmation_required';
}

/**
 * A reason is needed when the figures are worse than what serves, when the engine said so on a first
 * try, or when the figures could not be read at all (nobody can tell it is safe).
 */
export function reasonRequired(state: Pick<GuardState, 'assessment' | 'assessError' | 'engineAsked'> & { request?: GuardRequest | null }): boolean {
  return (state.request?.reasonAlwaysRequired ?? false) || state.engineAsked || state.assessError !== null || (state.assessment?.worse ?? false);
}

export function reasonValid(reason: string): boolean {
  const length = reason.trim().length;
  return length >= MIN_REASON_LENGTH && length <= MAX_REASON_LENGTH;
}

/** Whether the confirm button may be pressed now. */
export function canConfirm(state: Pick<GuardState, 'request' | 'assessment' | 'assessing' | 'assessError' | 'engineAsked' | 'running' | 'reason'>): boolean {
  if (!state.request || state.assessing || state.running) return false;
  if (state.assessment === null && state.assessError === null) return false;
  // The engine said the change cannot go ahead at all (e.g. a learned policy without its off-policy estimate).
  if (isBlocked(state)) return false;
  const reason = state.reason.trim();
  if (reasonRequired(state)) return reasonValid(reason);
  // An optional reason, once started, must still be one the engine accepts.
  return reason === '' || reasonValid(reason);
}

/** Why the change cannot go ahead at all, even with a reason; null when it can. */
export function blockedReason(state: Pick<GuardState, 'assessment'>): string | null {
  return state.assessment?.blocked ?? null;
}

export function isBlocked(state: Pick<GuardState, 'assessment'>): boolean {
  return blockedReason(state) !== null;
}

/** The confirmation sent with the change: the reason when one was written, else nothing. */
export function confirmationOf(reason: string): Confirmation | undefined {
  const trimmed = reason.trim();
  return trimmed.length >= MIN_REASON_LENGTH ? { reason: trimmed.slice(0, MAX_REASON_LENGTH) } : undefined;
}

/** Whether the engine's guard knows how to assess this action. */
export function isDataAction(action: DialogAction): action is DataAction {
  return action.action === 'shoppers.erase' || action.action === 'retention.set';
}

function assessByEngine(client: ApiClient, action: DialogAction): Promise<Assessment> {
  if (isDataAction(action) || action.action === 'afterPurchase.set') return Promise.reject(new Error(`${action.action} needs its own assessment`));
  return client.call('guard.assess', action);
}

const CLOSED = { request: null, assessment: null, assessing: false, assessError: null, reason: '', running: false, runError: null, engineAsked: false } as const;

/** One dialog for the whole console: every guarded change goes through `ask`, one at a time. */
export function createGuardStore(client: ApiClient): GuardStore {
  let assessToken = 0;
  return createStore<GuardState>()((set, get) => ({
    ...CLOSED,
    async ask(request) {
      if (get().running) return;
      set({ ...CLOSED, request });
      await get().reassess();
    },
    async reassess() {
      const request = get().request;
      if (!request) return;
      const token = ++assessToken;
      set({ assessing: true, assessError: null });
      try {
        const assessment = request.assess ? await request.assess() : await assessByEngine(client, request.action);
        if (token === assessToken && get().request === request) set({ assessment, assessing: false });
      } catch (error) {
        if (token === assessToken && get().request === request) set({ assessing: false, assessError: errorMessage(error) });
      }
    },
    setReason: (reason) => set({ reason: reason.slice(0, MAX_REASON_LENGTH) }),
    async confirm() {
      const state = get();
      const request = state.request;
      if (!request || !canConfirm(state)) return false;
      set({ running: true, runError: null });
      try {
        await request.run(confirmationOf(state.reason));
        if (get().request === request) set({ ...CLOSED });
        return true;
      } catch (error) {
        if (get().request !== request) return false;
        // The figures moved since the assessment: read them again and ask for a reason.
        if (isConfirmationRequired(error)) {
          set({ running: false, engineAsked: true, runError: errorMessage(error) });
          void get().reassess();
        } else set({ running: false, runError: errorMessage(error) });
        return false;
      }
    },
    cancel() {
      if (get().running) return;
      assessToken++;
      set({ ...CLOSED });
    },
  }));
}
