import { checkBindHost, checkPublicOrigin } from '../engine/server/bind-host';
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

/** Where `serve`/`demo` listen: --host (127.0.0.1 unless behind a TLS proxy), --behind-tls-proxy, --public-url. */
export interface NetworkOptions {
  host?: string;
  behindTlsProxy?: boolean;
  publicOrigin?: string;
}

export function networkFrom(values: { host?: string; 'behind-tls-proxy'?: boolean; 'public-url'?: string }, env: NodeJS.ProcessEnv = process.env): NetworkOptions {
  const host = values.host ?? env.INSTINCT_HOST;
  const publicOrigin = values['public-url'] ?? env.INSTINCT_PUBLIC_URL;
  try {
    checkBindHost(host ?? '127.0.0.1', values['behind-tls-proxy'] ?? false);
    if (publicOrigin) checkPublicOrigin(publicOrigin);
  } catch (err) {
    // Before the store opens: a refused bind should not cost an engine start.
    throw new UsageError((err as Error).message);
  }
  return {
    ...(host ? { host } : {}),
    ...(values['behind-tls-proxy'] ? { behindTlsProxy: true } : {}),
    ...(publicOrigin ? { publicOrigin } : {}),
  };
}

export class UsageError extends Error {}
