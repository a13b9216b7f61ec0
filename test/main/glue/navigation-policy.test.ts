/**
 * Issue #16, item 12: navigation was checked on will-navigate only, by a prefix match on
 * app://console; shell.openExternal opened any https URL; the IPC sender check was a prefix match
 * that accepted subframes. The Electron binary cannot run here, so the glue's decisions are pure
 * functions tested under Node; window-security.ts and ipc-binding.ts only call them.
 * Checked failing before the fix: the previous rules (`url.startsWith('app://console')` for
 * navigation and IPC, `url.startsWith('https://')` for openExternal, no frame check) accept the
 * hostile cases below; navigation-policy.ts did not exist.
 */
import { describe, expect, it } from 'vitest';
import { externalAllowlist, externalUrlAllowed, ipcSenderAllowed, isAppUrl, navigationVerdict, permissionAllowed } from '../../../src/main/glue/navigation-policy';

describe('our origin, exactly', () => {
  it('accepts app://console pages and nothing that only starts like it', () => {
    expect(isAppUrl('app://console/index.html')).toBe(true);
    expect(isAppUrl('app://console/#/sessions')).toBe(true);
    for (const url of ['app://console.evil.example/', 'app://console@evil.example/', 'app://consolex/', 'app://console:8080/', 'https://console/', 'app://other/', 'not a url', 'file:///etc/passwd']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('navigation (will-navigate, will-redirect, will-frame-navigate, window.open)', () => {
  const allow = externalAllowlist('https://docs.example.com, http://plain.example.com, https://user:pw@creds.example.com, nonsense');

  it('parses the configured allowlist into https origins only', () => {
    expect(allow).toEqual(['https://docs.example.com']);
    expect(externalAllowlist(undefined)).toEqual([]);
  });

  it('stays inside for our origin, opens only allowlisted https from the main frame, denies the rest', () => {
    expect(navigationVerdict('app://console/index.html', allow)).toBe('allow');
    expect(navigationVerdict('https://docs.example.com/guide', allow)).toBe('open-external');
    expect(navigationVerdict('https://docs.example.com/guide', allow, false)).toBe('deny');
    for (const url of ['https://evil.example/', 'https://docs.example.com.evil.example/', 'http://docs.example.com/', 'app://console.evil/', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(navigationVerdict(url, allow)).toBe('deny');
    }
    expect(externalUrlAllowed('https://evil.example/', [])).toBe(false);
  });
});

describe('IPC senders', () => {
  const ours = { senderId: 7, windowId: 7, isMainFrame: true, frameUrl: 'app://console/index.html' };

  it('accepts the main frame of our window at our origin', () => {
    expect(ipcSenderAllowed(ours)).toBe(true);
  });

  it('refuses a subframe, another window, a foreign or look-alike origin, a vanished frame or no window', () => {
    expect(ipcSenderAllowed({ ...ours, isMainFrame: false })).toBe(false);
    expect(ipcSenderAllowed({ ...ours, senderId: 8 })).toBe(false);
    expect(ipcSenderAllowed({ ...ours, frameUrl: 'app://console.evil/index.html' })).toBe(false);
    expect(ipcSenderAllowed({ ...ours, frameUrl: 'https://evil.example/' })).toBe(false);
    expect(ipcSenderAllowed({ ...ours, frameUrl: null })).toBe(false);
    expect(ipcSenderAllowed({ ...ours, windowId: undefined })).toBe(false);
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(permissionAllowed(p)).toBe(false);
  });
});
