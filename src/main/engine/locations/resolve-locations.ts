/**
 * Where Instinct's models, store, evaluation results and logs live: the one place that decides,
 * for every way the engine runs. The engine never imports Electron, so the Electron glue passes
 * the facts it knows (packaged or not, resourcesPath, the userData and logs folders, the platform)
 * in as plain data. Docs: docs/PACKAGING.md "Where things live".
 *
 *   packaged app  models: <resourcesPath>/models      data: <userData>/store   logs: Electron's logs folder
 *   checkout      models: <root>/models               data: <root>/.data/<name> logs: <root>/.data/logs
 *   headless CLI  as a checkout under the working directory, each overridable by flag, then env
 *
 * Precedence everywhere: command-line flag, then environment variable (INSTINCT_MODELS_DIR,
 * INSTINCT_DATA_DIR, INSTINCT_LOGS_DIR, INSTINCT_EVAL_RESULTS), then the host's default. The
 * packaged app honours the environment too, so a test or an operator can point it elsewhere.
 */
import { posix, win32 } from 'node:path';

export type DesktopPlatform = 'win32' | 'darwin' | 'linux';

/** What the Electron glue knows (app.isPackaged, process.resourcesPath, app.getPath). */
export interface PackagedHost {
  kind: 'packaged';
  platform: DesktopPlatform;
  resourcesPath: string;
  userDataPath: string;
  logsPath: string;
}

/** A repository checkout: the Electron app run from out/ (electron-vite dev/preview, the e2e test). */
export interface CheckoutHost {
  kind: 'checkout';
  platform: DesktopPlatform;
  root: string;
}

/** The headless engine and CLI under plain Node, run from a checkout. */
export interface HeadlessHost {
  kind: 'headless';
  platform: DesktopPlatform;
  cwd: string;
}

export type LocationHost = PackagedHost | CheckoutHost | HeadlessHost;

/** Command-line flags; each wins over the environment. */
export interface LocationFlags {
  modelsDir?: string;
  dataDir?: string;
  logsDir?: string;
  evalResultsDir?: string;
}

export interface Locations {
  modelsDir: string;
  textEncoderDir: string;
  dataDir: string;
  evalResultsDir: string;
  logsDir: string;
}

export type LocationEnv = Readonly<Record<string, string | undefined>>;

export interface ResolveOptions {
  flags?: LocationFlags;
  env?: LocationEnv;
  /** The store's folder name under .data/ in a checkout or headless run ('default', 'demo', 'desktop'). */
  storeName?: string;
}

/** Path arithmetic of the target platform, so a Windows layout resolves as Windows paths on any machine. */
export function pathsOf(platform: DesktopPlatform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

export function resolveLocations(host: LocationHost, options: ResolveOptions = {}): Locations {
  const flags = options.flags ?? {};
  const env = options.env ?? {};
  const path = pathsOf(host.platform);
  // A relative flag or variable is relative to where the command runs (a packaged app: the process's own directory).
  const base = host.kind === 'headless' ? host.cwd : host.kind === 'checkout' ? host.root : undefined;
  const pick = (flag: string | undefined, envName: string, fallback: string): string => {
    const chosen = nonEmpty(flag) ?? nonEmpty(env[envName]) ?? fallback;
    return base === undefined ? path.resolve(chosen) : path.resolve(base, chosen);
  };

  const defaults = hostDefaults(host, options.storeName ?? (host.kind === 'checkout' ? 'desktop' : 'default'));
  const modelsDir = pick(flags.modelsDir, 'INSTINCT_MODELS_DIR', defaults.modelsDir);
  return {
    modelsDir,
    textEncoderDir: path.join(modelsDir, 'text-encoder'),
    dataDir: pick(flags.dataDir, 'INSTINCT_DATA_DIR', defaults.dataDir),
    evalResultsDir: pick(flags.evalResultsDir, 'INSTINCT_EVAL_RESULTS', defaults.evalResultsDir),
    logsDir: pick(flags.logsDir, 'INSTINCT_LOGS_DIR', defaults.logsDir),
  };
}

function hostDefaults(host: LocationHost, storeName: string): Omit<Locations, 'textEncoderDir'> {
  const path = pathsOf(host.platform);
  switch (host.kind) {
    case 'packaged':
      // Models ship read-only beside the asar (extraResources); everything the app writes is the user's.
      return {
        modelsDir: path.join(host.resourcesPath, 'models'),
        dataDir: path.join(host.userDataPath, 'store'),
        evalResultsDir: path.join(host.userDataPath, 'eval-results'),
        logsDir: host.logsPath,
      };
    case 'checkout':
    case 'headless': {
      const root = host.kind === 'checkout' ? host.root : host.cwd;
      return {
        modelsDir: path.join(root, 'models'),
        dataDir: path.join(root, '.data', storeName),
        evalResultsDir: path.join(root, '.data', 'eval-results'),
        logsDir: path.join(root, '.data', 'logs'),
      };
    }
  }
}

/** The platform this process runs on, as a desktop platform (other Unixes resolve like Linux). */
export function desktopPlatform(platform: NodeJS.Platform = process.platform): DesktopPlatform {
  return platform === 'win32' || platform === 'darwin' ? platform : 'linux';
}

/** The headless engine and CLI: the working directory, the environment, and any flags. */
export function headlessLocations(flags: LocationFlags = {}, storeName = 'default', env: LocationEnv = process.env, cwd = process.cwd()): Locations {
  return resolveLocations({ kind: 'headless', platform: desktopPlatform(), cwd }, { flags, env, storeName });
}

/**
 * The desktop app's settings file: in userData when packaged (beside the store, so it survives a
 * changed data folder), under .data/ in a checkout. The headless engine keeps its own in its data folder.
 */
export function desktopSettingsFile(host: PackagedHost | CheckoutHost): string {
  const path = pathsOf(host.platform);
  return host.kind === 'packaged' ? path.join(host.userDataPath, 'settings.json') : path.join(host.root, '.data', 'settings.json');
}
