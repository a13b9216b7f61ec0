import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface DemoProcess {
  url: string;
  consoleUrl: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `npm run demo`'s server (the CLI's demo command) on a free port and its own data folder. */
export async function startDemo(dataDir: string, timeoutMs = 90_000, env: Record<string, string> = {}): Promise<DemoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts'), 'demo', '--port', '0', '--data-dir', dataDir, '--fresh'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<{ consoleUrl: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /^URL: (\S+)$/m.exec(output)?.[1];
      const token = /^TOKEN: (\S+)$/m.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ consoleUrl: url, token });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
  const url = new URL(ready.consoleUrl).origin;
  return {
    ...ready,
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
