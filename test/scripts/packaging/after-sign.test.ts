import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Plan = { sign: boolean; notarize: boolean; missing: string[] };
type Context = { electronPlatformName: string; appOutDir: string; packager: { appInfo: { productFilename: string } } };
const hook = createRequire(__filename)('../../../scripts/packaging/after-sign.cjs') as ((context: Context, env: Record<string, string | undefined>, log: (line: string) => void) => Promise<Plan>) & {
  signingPlan: (platform: string, env: Record<string, string | undefined>) => Plan;
};

const context = (platform: string): Context => ({ electronPlatformName: platform, appOutDir: '/nowhere', packager: { appInfo: { productFilename: 'Instinct' } } });

describe('after-sign hook', () => {
  it('skips cleanly with one log line naming what is not set', async () => {
    for (const platform of ['darwin', 'win32']) {
      const lines: string[] = [];
      const plan = await hook(context(platform), { CSC_LINK: '' }, (line) => lines.push(line));
      expect(plan.sign).toBe(false);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^\\[sign\\] ${platform}: skipped, unsigned build \\(not set: .*CSC_LINK`));
    }
  });

  it('signs Windows with WIN_CSC_LINK, else CSC_LINK, each with its password', () => {
    expect(hook.signingPlan('win32', { WIN_CSC_LINK: 'cert.p12', WIN_CSC_KEY_PASSWORD: 'pw' })).toEqual({ sign: true, notarize: false, missing: [] });
    expect(hook.signingPlan('win32', { CSC_LINK: 'cert.p12', CSC_KEY_PASSWORD: 'pw' }).sign).toBe(true);
    expect(hook.signingPlan('win32', { WIN_CSC_LINK: 'cert.p12' })).toEqual({ sign: false, notarize: false, missing: ['WIN_CSC_KEY_PASSWORD'] });
  });

  it('notarises macOS only when it is signed and all three Apple credentials are set', () => {
    const signed = { CSC_LINK: 'id.p12', CSC_KEY_PASSWORD: 'pw' };
    expect(hook.signingPlan('darwin', signed)).toMatchObject({ sign: true, notarize: false });
    expect(hook.signingPlan('darwin', { ...signed, APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' })).toEqual({ sign: true, notarize: true, missing: [] });
    expect(hook.signingPlan('darwin', { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' })).toMatchObject({ sign: false, notarize: false });
  });

  it('says Linux packages are not signed', async () => {
    const lines: string[] = [];
    await hook(context('linux'), {}, (line) => lines.push(line));
    expect(lines).toEqual(['[sign] linux: AppImage and deb are not code-signed; nothing to do']);
  });
});
