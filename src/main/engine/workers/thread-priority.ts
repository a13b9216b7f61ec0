/**
 * Worker threads of background jobs (embedding, fine-tuning, policy training) run at a lower CPU
 * priority than the threads that answer requests, so a job takes the cores only when serving
 * leaves them idle. Linux schedules threads one by one and lets a thread lower its own priority
 * (`setpriority` on its thread id, read from /proc/thread-self); threads it starts afterwards (ONNX
 * Runtime's pool) inherit it. Elsewhere this does nothing, and jobs share the cores as before.
 */

/** Nice value of background job threads: 10 gives them about a tenth of a serving thread's share when both want a core. */
export const BACKGROUND_NICE = 10;

/** JavaScript run at the top of a background worker thread, before its entry loads. Never throws. */
export const LOWER_THREAD_PRIORITY = `try {
  const self = require('node:fs').readlinkSync('/proc/thread-self');
  require('node:os').setPriority(Number(self.slice(self.lastIndexOf('/') + 1)), ${BACKGROUND_NICE});
} catch {}`;
