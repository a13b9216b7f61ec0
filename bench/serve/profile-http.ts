/**
 * One-off: a CPU profile of the engine's thread while 8 keep-alive clients ask for recommends over HTTP
 * (with `--import`, while the serve bench's import runs too).
 * npx tsx bench/serve/profile-http.ts <dataDir> <seconds> <out.cpuprofile> [workers] [--import]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { demoShopperId } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import { startHttpServer } from '../../src/main/engine/server/http-server';
import { defaultServingWorkers } from '../../src/main/engine/serving/serving-setup';
import { importText, startImport } from './background-jobs';
import { figuresOf, loadOnThread } from './load-thread';
import { cpuPerRequest, cpuSample } from './thread-cpu';

async function main(): Promise<void> {
  const withImport = process.argv.includes('--import');
  const [dataDir, secondsArg, out, workersArg] = process.argv.slice(2).filter((a) => a !== '--import');
  const seconds = Number(secondsArg ?? 10);
  const engine = new Engine({ dataDir: dataDir!, host: 'bench', servingWorkers: workersArg ? Number(workersArg) : defaultServingWorkers() });
  await engine.start({ embedMissing: false });
  await engine.servingWorkers();
  const server = await startHttpServer(engine, { maxConnections: 512 });
  const shoppers = Array.from({ length: 1000 }, (_, i) => demoShopperId(1 + ((i * 3) % 3000)));
  try {
    for (const shopperId of shoppers) await engine.dispatcher.call('recommend', { shopperId, k: 20 });
    await loadOnThread({ port: server.port, token: server.token, clients: 8, durationMs: 3000, shoppers, k: 20, seed: 3 });
    const job = withImport ? await startImport(engine, importText(100_000, 6000, String(Date.now()))) : undefined;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const before = cpuSample();
    const result = await loadOnThread({ port: server.port, token: server.token, clients: 8, durationMs: seconds * 1000, shoppers, k: 20, seed: 5 });
    const cpu = cpuPerRequest(before, cpuSample(), result.latencies.length);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out!, JSON.stringify(profile));
    if (job) console.log(await job.stop());
    console.log(JSON.stringify({ ...figuresOf(result), cpuMain: cpu.main, cpuTotal: cpu.total }));
  } finally {
    await server.close();
    await engine.close();
  }
}
void main();
