import { describe, expect, it } from 'vitest';
import { packagedHost, packagedLayouts } from '../../../scripts/packaging/checks/packaged-layout';

describe('packaged layouts package:check prints', () => {
  it('resolves each platform through the app locations module, models in the resources and the store in userData', () => {
    const layouts = Object.fromEntries(packagedLayouts('Instinct').map(({ platform, locations }) => [platform, locations]));
    expect(Object.keys(layouts).sort()).toEqual(['darwin', 'linux', 'win32']);
    expect(layouts.linux?.modelsDir).toBe('/opt/Instinct/resources/models');
    expect(layouts.win32?.textEncoderDir).toBe('C:\\Users\\shopper\\AppData\\Local\\Programs\\Instinct\\resources\\models\\text-encoder');
    expect(layouts.darwin?.dataDir).toBe('/Users/shopper/Library/Application Support/Instinct/store');
    expect(layouts.darwin?.logsDir).toBe(packagedHost('darwin', 'Instinct').logsPath);
  });
});
