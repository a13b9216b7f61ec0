/**
 * Where an installed Instinct finds its models and keeps its store and logs on each platform,
 * resolved by the app's own locations module from the facts Electron reports for a default
 * install (NSIS per-user on Windows, /Applications on macOS, the deb's /opt on Linux).
 */
import { pathsOf, resolveLocations, type DesktopPlatform, type Locations, type PackagedHost } from '../../../src/main/engine/locations/resolve-locations';

/** Electron's app.getPath('userData'/'logs') and process.resourcesPath for a default install. */
export function packagedHost(platform: DesktopPlatform, productName: string): PackagedHost {
  const path = pathsOf(platform);
  switch (platform) {
    case 'win32': {
      const home = 'C:\\Users\\shopper';
      const userDataPath = path.join(home, 'AppData', 'Roaming', productName);
      return { kind: 'packaged', platform, resourcesPath: path.join(home, 'AppData', 'Local', 'Programs', productName, 'resources'), userDataPath, logsPath: path.join(userDataPath, 'logs') };
    }
    case 'darwin':
      return {
        kind: 'packaged',
        platform,
        resourcesPath: `/Applications/${productName}.app/Contents/Resources`,
        userDataPath: `/Users/shopper/Library/Application Support/${productName}`,
        logsPath: `/Users/shopper/Library/Logs/${productName}`,
      };
    case 'linux': {
      const userDataPath = `/home/shopper/.config/${productName}`;
      return { kind: 'packaged', platform, resourcesPath: `/opt/${productName}/resources`, userDataPath, logsPath: path.join(userDataPath, 'logs') };
    }
  }
}

export function packagedLayouts(productName: string): { platform: DesktopPlatform; locations: Locations }[] {
  return (['linux', 'win32', 'darwin'] as const).map((platform) => ({ platform, locations: resolveLocations(packagedHost(platform, productName), { env: {} }) }));
}
