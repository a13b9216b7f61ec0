/**
 * A closed-loop HTTP load generator on a worker thread: `clients` keep-alive connections to the
 * engine on 127.0.0.1, each sending the next `recommend` as soon as its previous answer has been
 * read, for `durationMs`. Requests are written as raw bytes and answers read by Content-Length, so
 * the client costs the machine as little as a client can. Posts every latency (ms) when done.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface HttpLoadOptions {
  readonly port: number;
  readonly token: string;
  readonly clients: number;
  readonly durationMs: number;
  readonly shoppers: readonly string[];
  readonly k: number;
  /** Each client's random stream (a different shopper order per run of the same seed). */
  readonly seed: number;
}

export interface HttpLoadResult {
  readonly latencies: Float64Array;
  readonly errors: number;
  readonly elapsedMs: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function requestBytes(o: HttpLoadOptions, shopperId: string): Buffer {
  const body = JSON.stringify({ shopperId, k: o.k });
  return Buffer.from(
    `POST /rpc/recommend HTTP/1.1\r\nHost: 127.0.0.1:${o.port}\r\nAuthorization: Bearer ${o.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** One connection's loop; resolves when the time is up and its last answer is in. */
function runClient(o: HttpLoadOptions, index: number, until: number, latencies: number[], counters: { errors: number }): Promise<void> {
  let state = (o.seed + index * 7919) >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const requests = o.shoppers.map((s) => requestBytes(o, s));
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(o.port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    const send = (): void => {
      if (performance.now() >= until) {
        socket.end();
        resolve();
        return;
      }
      sentAt = performance.now();
      socket.write(requests[Math.floor(next() * requests.length)] as Buffer);
    };
    socket.on('connect', send);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const end = buffer.indexOf(HEADER_END);
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
      if (!Number.isFinite(length)) {
        reject(new Error(`answer without Content-Length: ${head.slice(0, 200)}`));
        return;
      }
      if (buffer.length < end + 4 + length) return;
      latencies.push(performance.now() - sentAt);
      if (!head.startsWith('HTTP/1.1 200')) counters.errors++;
      buffer = buffer.subarray(end + 4 + length);
      send();
    });
  });
}

export async function httpLoad(o: HttpLoadOptions): Promise<HttpLoadResult> {
  const latencies: number[] = [];
  const counters = { errors: 0 };
  const t0 = performance.now();
  const until = t0 + o.durationMs;
  await Promise.all(Array.from({ length: o.clients }, (_, i) => runClient(o, i, until, latencies, counters)));
  return { latencies: Float64Array.from(latencies), errors: counters.errors, elapsedMs: performance.now() - t0 };
}

if (parentPort) {
  const port = parentPort;
  httpLoad(workerData as HttpLoadOptions).then(
    (result) => port.postMessage({ ok: true, result }, [result.latencies.buffer as ArrayBuffer]),
    (err: unknown) => port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
}
