import { describe, expect, it } from 'vitest';
import { desktopPlatform, headlessLocations, resolveLocations, type PackagedHost } from '../../../../src/main/engine/locations/resolve-locations';
import { modelsRoot, textEncoderDir } from '../../../../src/main/engine/inference/model-paths';

const packaged: Record<'linux' | 'win32' | 'darwin', PackagedHost> = {
  linux: { kind: 'packaged', platform: 'linux', resourcesPath: '/opt/Instinct/resources', userDataPath: '/home/ann/.config/Instinct', logsPath: '/home/ann/.config/Instinct/logs' },
  win32: {
    kind: 'packaged',
    platform: 'win32',
    resourcesPath: 'C:\\Users\\ann\\AppData\\Local\\Programs\\Instinct\\resources',
    userDataPath: 'C:\\Users\\ann\\AppData\\Roaming\\Instinct',
    logsPath: 'C:\\Users\\ann\\AppData\\Roaming\\Instinct\\logs',
  },
  darwin: {
    kind: 'packaged',
    platform: 'darwin',
    resourcesPath: '/Applications/Instinct.app/Contents/Resources',
    userDataPath: '/Users/ann/Library/Application Support/Instinct',
    logsPath: '/Users/ann/Library/Logs/Instinct',
  },
};

describe('resolveLocations: packaged app', () => {
  it('on Linux reads models from the resources and writes under userData', () => {
    expect(resolveLocations(packaged.linux)).toEqual({
      modelsDir: '/opt/Instinct/resources/models',
      textEncoderDir: '/opt/Instinct/resources/models/text-encoder',
      dataDir: '/home/ann/.config/Instinct/store',
      evalResultsDir: '/home/ann/.config/Instinct/eval-results',
      logsDir: '/home/ann/.config/Instinct/logs',
    });
  });

  it('on Windows resolves Windows paths, whatever machine resolves them', () => {
    expect(resolveLocations(packaged.win32)).toEqual({
      modelsDir: 'C:\\Users\\ann\\AppData\\Local\\Programs\\Instinct\\resources\\models',
      textEncoderDir: 'C:\\Users\\ann\\AppData\\Local\\Programs\\Instinct\\resources\\models\\text-encoder',
      dataDir: 'C:\\Users\\ann\\AppData\\Roaming\\Instinct\\store',
      evalResultsDir: 'C:\\Users\\ann\\AppData\\Roaming\\Instinct\\eval-results',
      logsDir: 'C:\\Users\\ann\\AppData\\Roaming\\Instinct\\logs',
    });
  });

  it('on macOS keeps logs in ~/Library/Logs as Electron reports them', () => {
    const locations = resolveLocations(packaged.darwin);
    expect(locations.modelsDir).toBe('/Applications/Instinct.app/Contents/Resources/models');
    expect(locations.dataDir).toBe('/Users/ann/Library/Application Support/Instinct/store');
    expect(locations.logsDir).toBe('/Users/ann/Library/Logs/Instinct');
  });

  it('honours the environment (the e2e test points the store at a temporary folder); blank values do not count', () => {
    const locations = resolveLocations(packaged.linux, { env: { INSTINCT_DATA_DIR: '/tmp/e2e-store', INSTINCT_MODELS_DIR: '  ', INSTINCT_LOGS_DIR: '/var/log/instinct' } });
    expect(locations.dataDir).toBe('/tmp/e2e-store');
    expect(locations.modelsDir).toBe('/opt/Instinct/resources/models');
    expect(locations.logsDir).toBe('/var/log/instinct');
  });
});

describe('resolveLocations: checkout', () => {
  it('uses models/ and .data/ under the checkout, not the working directory', () => {
    expect(resolveLocations({ kind: 'checkout', platform: 'linux', root: '/src/instinct' })).toEqual({
      modelsDir: '/src/instinct/models',
      textEncoderDir: '/src/instinct/models/text-encoder',
      dataDir: '/src/instinct/.data/desktop',
      evalResultsDir: '/src/instinct/.data/eval-results',
      logsDir: '/src/instinct/.data/logs',
    });
  });
});

describe('resolveLocations: headless engine and CLI', () => {
  const host = { kind: 'headless', platform: 'linux', cwd: '/srv/shop' } as const;

  it('defaults to the working directory, one store per name', () => {
    expect(resolveLocations(host, { storeName: 'demo' })).toMatchObject({ modelsDir: '/srv/shop/models', dataDir: '/srv/shop/.data/demo', logsDir: '/srv/shop/.data/logs' });
    expect(resolveLocations(host).dataDir).toBe('/srv/shop/.data/default');
  });

  it('takes the environment over the defaults, relative paths against the working directory', () => {
    const env = { INSTINCT_MODELS_DIR: '/mnt/models', INSTINCT_DATA_DIR: 'stores/eu', INSTINCT_EVAL_RESULTS: '/mnt/eval', INSTINCT_LOGS_DIR: '/var/log/instinct' };
    const locations = resolveLocations(host, { env });
    expect(locations.modelsDir).toBe('/mnt/models');
    expect(locations.textEncoderDir).toBe('/mnt/models/text-encoder');
    expect(locations.dataDir).toBe('/srv/shop/stores/eu');
    expect(locations.evalResultsDir).toBe('/mnt/eval');
    expect(locations.logsDir).toBe('/var/log/instinct');
  });

  it('takes flags over the environment', () => {
    const env = { INSTINCT_MODELS_DIR: '/mnt/models', INSTINCT_DATA_DIR: '/mnt/store' };
    const locations = resolveLocations(host, { flags: { modelsDir: '/opt/m', dataDir: '/opt/d', logsDir: '/opt/l' }, env });
    expect(locations).toMatchObject({ modelsDir: '/opt/m', dataDir: '/opt/d', logsDir: '/opt/l' });
  });

  it('runs on this machine from its working directory, and is what the inference code resolves by default', () => {
    const env = { INSTINCT_DATA_DIR: 'stores/eu' };
    expect(headlessLocations({ modelsDir: 'm' }, 'demo', env, process.cwd())).toEqual(
      resolveLocations({ kind: 'headless', platform: desktopPlatform(), cwd: process.cwd() }, { flags: { modelsDir: 'm' }, env, storeName: 'demo' }),
    );
    expect(modelsRoot({ INSTINCT_MODELS_DIR: '/mnt/models' })).toBe('/mnt/models');
    expect(textEncoderDir({})).toBe(headlessLocations({}, 'default', {}).textEncoderDir);
  });
});

describe('desktopPlatform', () => {
  it('keeps Windows and macOS, and resolves other Unixes like Linux', () => {
    expect(desktopPlatform('win32')).toBe('win32');
    expect(desktopPlatform('darwin')).toBe('darwin');
    expect(desktopPlatform('freebsd')).toBe('linux');
  });
});
