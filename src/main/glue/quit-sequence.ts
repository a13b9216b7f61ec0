/**
 * The clean quit: the app waits for the engine to close (its workers finish the batch in hand, the
 * vector index is saved, the store is closed) before the process exits, but never longer than
 * `timeoutMs`, so a stuck close cannot keep a quitting app alive. Pure: the engine and the exit are
 * passed in.
 */
export interface QuitDeps {
  close(): Promise<void>;
  exit(code: number): void;
  timeoutMs?: number;
  log?: (message: string) => void;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void } | number;
}

export const QUIT_TIMEOUT_MS = 10_000;

/** Resolves with how the engine ended: 'closed', 'failed' (close threw) or 'timeout'; exits in every case. */
export async function quitSequence(deps: QuitDeps): Promise<'closed' | 'failed' | 'timeout'> {
  const timeoutMs = deps.timeoutMs ?? QUIT_TIMEOUT_MS;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const log = deps.log ?? ((m: string) => console.warn(m));
  const outcome = await Promise.race([
    deps.close().then(
      () => 'closed' as const,
      (err: unknown) => {
        log(`[app] the engine did not close cleanly: ${err instanceof Error ? err.message : String(err)}`);
        return 'failed' as const;
      },
    ),
    new Promise<'timeout'>((resolve) => setTimer(() => resolve('timeout'), timeoutMs)),
  ]);
  if (outcome === 'timeout') log(`[app] the engine took over ${timeoutMs} ms to close; quitting anyway`);
  deps.exit(outcome === 'closed' ? 0 : 1);
  return outcome;
}
