/**
 * Where model folders live for code that is not handed a folder: the CLI, tests, benchmarks and
 * worker threads. The rule itself is in ../locations (INSTINCT_MODELS_DIR when set — the packaged
 * app points it at its resources — else ./models under the working directory).
 */
import { headlessLocations } from '../locations/resolve-locations';

export function modelsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return headlessLocations({}, 'default', env).modelsDir;
}

export function textEncoderDir(env: NodeJS.ProcessEnv = process.env): string {
  return headlessLocations({}, 'default', env).textEncoderDir;
}
