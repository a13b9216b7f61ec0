/**
 * Worker threads of background jobs (embedding, fine-tuning, policy training, an import's parser,
 * the WAL checkpointer) run below the threads that answer requests, so a job takes the cores only
 * when serving leaves them idle. Linux schedules threads one by one and lets a thread lower its own
 * priority (its thread id read from /proc/thread-self); threads it starts afterwards (ONNX Runtime's
 * pool) inherit it. Two steps, each skipped when it fails:
 * 1. nice 10 (`setpriority`): about a tenth of a serving thread's share when both want a core;
 * 2. the SCHED_IDLE policy (util-linux's `chrt`, there being no Node call for it): the thread runs
 *    only on a core no other thread wants, and a serving thread that wakes takes the core from it
 *    at once rather than when the scheduler next compares their shares. Under 8 HTTP clients with
 *    a fine-tune job running it served 840-1,028 recommends/s against 651-840 with nice 10 alone
 *    (BENCHMARKS.md, "Serving", 2026-12-06 11:21-11:33 UTC).
 * The price: while serving keeps every core busy, a job (an import's parsing included) waits.
 * Elsewhere this does nothing, and jobs share the cores as before.
 */

/** Nice value of background job threads where SCHED_IDLE cannot be set. */
export const BACKGROUND_NICE = 10;

/** JavaScript run at the top of a background worker thread, before its entry loads. Never throws. */
export const LOWER_THREAD_PRIORITY = `{
  let tid = null;
  try {
    const self = require('node:fs').readlinkSync('/proc/thread-self');
    tid = self.slice(self.lastIndexOf('/') + 1);
  } catch {}
  if (tid !== null) {
    try { require('node:os').setPriority(Number(tid), ${BACKGROUND_NICE}); } catch {}
    try { require('node:child_process').execFileSync('chrt', ['--idle', '--pid', '0', tid], { stdio: 'ignore', timeout: 2000 }); } catch {}
  }
}`;
