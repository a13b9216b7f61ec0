/**
 * CPU time of this process's threads from /proc (Linux): the engine's own thread (the one whose id
 * is the process id) and all of them together, so a window's CPU per request can be split between
 * the engine's thread and the rest (serving workers, the load generator, libuv's pool).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSample {
  mainMs: number;
  totalMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(task: string): number {
  const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function cpuSample(): CpuSample | undefined {
  try {
    let total = 0;
    let main = 0;
    for (const task of readdirSync('/proc/self/task')) {
      let t: number;
      try {
        t = ticks(task);
      } catch {
        continue; // a thread that ended between the listing and the read
      }
      total += t;
      if (Number(task) === process.pid) main = t;
    }
    return { mainMs: main * TICK_MS, totalMs: total * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms per request between two samples (NaN off Linux). */
export function cpuPerRequest(a: CpuSample | undefined, b: CpuSample | undefined, requests: number): { main: number; total: number } {
  if (!a || !b || requests === 0) return { main: NaN, total: NaN };
  return { main: (b.mainMs - a.mainMs) / requests, total: (b.totalMs - a.totalMs) / requests };
}
