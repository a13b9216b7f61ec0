import { headlessLocations, type Locations } from '../engine/locations/resolve-locations';

/** Every location of a headless run (../engine/locations) from its flags (--data-dir, --models-dir), the environment and the working directory. */
export function locationsFrom(values: { 'data-dir'?: string; 'models-dir'?: string }, storeName: string): Locations {
  return headlessLocations({ dataDir: values['data-dir'], modelsDir: values['models-dir'] }, storeName);
}

/** The Engine options those locations decide. */
export function engineLocationsFrom(values: { 'data-dir'?: string; 'models-dir'?: string }, storeName: string): { dataDir: string; textModelDir: string; evalResultsDir: string } {
  const { dataDir, textEncoderDir, evalResultsDir } = locationsFrom(values, storeName);
  return { dataDir, textModelDir: textEncoderDir, evalResultsDir };
}

export function portFrom(flag: string | undefined): number {
  const raw = flag ?? process.env.INSTINCT_PORT ?? '0';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number: ${raw}`);
  return port;
}

export class UsageError extends Error {}
