import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, LOWER_THREAD_PRIORITY } from '../../../../src/main/engine/workers/thread-priority';

/** A thread's nice value and scheduling policy from /proc/thread-self/stat (fields 19 and 41). */
const READ_SELF = `const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
require('node:worker_threads').parentPort.postMessage({ nice: Number(fields[16]), policy: Number(fields[38]) });`;

function threadScheduling(prelude: string): Promise<{ nice: number; policy: number }> {
  const worker = new Worker(`${prelude}\n${READ_SELF}`, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { nice: number; policy: number }) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;
const linuxWithChrt = process.platform === 'linux' && spawnSync('chrt', ['--help'], { stdio: 'ignore' }).status === 0;

describe('background thread priority', () => {
  // Broken variants: a prelude that sets nothing, or only the nice value, fails the policy check.
  it.skipIf(!linuxWithChrt)('runs a background thread under SCHED_IDLE at nice 10, and leaves other threads as they were', async () => {
    const background = await threadScheduling(LOWER_THREAD_PRIORITY);
    expect(background.policy).toBe(SCHED_IDLE);
    expect(background.nice).toBe(BACKGROUND_NICE);
    const serving = await threadScheduling('');
    expect(serving.policy).toBe(SCHED_OTHER);
    expect(serving.nice).toBeLessThan(BACKGROUND_NICE);
  });
});
