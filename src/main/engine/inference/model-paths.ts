/**
 * Where model folders live. One place resolves it so the CLI, tests, benchmarks and the
 * packaged app agree: INSTINCT_MODELS_DIR when set (the app points it at its resources),
 * else ./models under the working directory (a checkout).
 */
import { join, resolve } from 'node:path';

export function modelsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INSTINCT_MODELS_DIR ?? join(process.cwd(), 'models'));
}

export function textEncoderDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(modelsRoot(env), 'text-encoder');
}
