// @ts-check
/**
 * electron-builder's afterSign hook (electron-builder.yml). electron-builder itself signs with the
 * certificates named in the environment and notarises when the Apple credentials are there; this
 * hook says which happened for the platform just packed, verifies a macOS signature with codesign,
 * and skips cleanly — one log line — where no secrets are set (a fork, a pull request, a laptop).
 *
 *   macOS:   CSC_LINK + CSC_KEY_PASSWORD (Developer ID .p12); APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (notarisation)
 *   Windows: WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (else CSC_LINK + CSC_KEY_PASSWORD)
 *   Linux:   AppImage and deb are not signed.
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

/** @param {string | undefined} value */
function present(value) {
  return value !== undefined && value.trim() !== '';
}

/**
 * What signing the environment allows on one platform, and what is missing.
 * @param {string} platform electron-builder's electronPlatformName: 'darwin' | 'mas' | 'win32' | 'linux'
 * @param {Record<string, string | undefined>} env
 * @returns {{ sign: boolean, notarize: boolean, missing: string[] }}
 */
function signingPlan(platform, env) {
  if (platform === 'darwin' || platform === 'mas') {
    const signNeeds = ['CSC_LINK', 'CSC_KEY_PASSWORD'];
    const notarizeNeeds = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
    const missing = [...signNeeds, ...notarizeNeeds].filter((name) => !present(env[name]));
    const sign = signNeeds.every((name) => present(env[name]));
    return { sign, notarize: sign && notarizeNeeds.every((name) => present(env[name])), missing };
  }
  if (platform === 'win32') {
    const link = present(env.WIN_CSC_LINK) ? 'WIN_CSC_LINK' : 'CSC_LINK';
    const password = link === 'WIN_CSC_LINK' ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD';
    const missing = [link, password].filter((name) => !present(env[name]));
    return { sign: missing.length === 0, notarize: false, missing };
  }
  return { sign: false, notarize: false, missing: [] };
}

/**
 * @param {{ electronPlatformName: string, appOutDir: string, packager: { appInfo: { productFilename: string } } }} context
 * @param {Record<string, string | undefined>} [env]
 * @param {(line: string) => void} [log]
 */
async function afterSign(context, env = process.env, log = (line) => console.log(line)) {
  const platform = context.electronPlatformName;
  const plan = signingPlan(platform, env);
  if (platform === 'linux') {
    log('[sign] linux: AppImage and deb are not code-signed; nothing to do');
    return plan;
  }
  if (!plan.sign) {
    log(`[sign] ${platform}: skipped, unsigned build (not set: ${plan.missing.join(', ')})`);
    return plan;
  }
  if (platform === 'darwin' || platform === 'mas') {
    const app = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
    execFileSync('codesign', ['--verify', '--deep', '--strict', app], { stdio: 'inherit' });
    log(`[sign] ${platform}: ${app} signed and verified; notarisation ${plan.notarize ? 'by electron-builder (APPLE_ID set)' : 'skipped (no Apple ID credentials)'}`);
    return plan;
  }
  log(`[sign] ${platform}: signed by electron-builder with ${present(env.WIN_CSC_LINK) ? 'WIN_CSC_LINK' : 'CSC_LINK'}`);
  return plan;
}

module.exports = afterSign;
module.exports.default = afterSign;
module.exports.signingPlan = signingPlan;
