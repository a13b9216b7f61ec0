import { describe, expect, it } from 'vitest';
import { navigationVerdict } from '../../../src/main/glue/navigation-policy';
import { remoteConsole } from '../../../src/main/glue/remote-engine';

const remote = (url: string, token = 'u1.secret') => remoteConsole({ mode: 'remote', url, token });

describe('attaching the desktop console to a headless engine', () => {
  it('logs in at the engine root with the token and trusts exactly its origin', () => {
    const r = remote('https://instinct.shop.example:8443/some/path');
    expect(r).toEqual({ ok: true, console: { origin: 'https://instinct.shop.example:8443', loginUrl: 'https://instinct.shop.example:8443/?token=u1.secret' } });
    const own = r.ok ? r.console.origin : '';
    expect(navigationVerdict('https://instinct.shop.example:8443/#/tuning', [], true, own)).toBe('allow');
    // Another port, another host, or user info is not the engine.
    expect(navigationVerdict('https://instinct.shop.example/#/tuning', [], true, own)).toBe('deny');
    expect(navigationVerdict('https://instinct.shop.example.evil:8443/', [], true, own)).toBe('deny');
    expect(navigationVerdict('https://x@instinct.shop.example:8443/', [], true, own)).toBe('deny');
    // Attached, the local app:// console is not ours any more.
    expect(navigationVerdict('app://console/index.html', [], true, own)).toBe('deny');
  });

  it('takes plain http only on the loopback address', () => {
    expect(remote('http://127.0.0.1:4310').ok).toBe(true);
    expect(remote('http://localhost:4310').ok).toBe(true);
    const lan = remote('http://10.0.0.5:4310');
    expect(lan.ok).toBe(false);
    if (!lan.ok) expect(lan.reason).toMatch(/https/);
  });

  it('refuses credentials, queries and a missing token, saying which', () => {
    const cases: [string, string, RegExp][] = [
      ['https://me:pw@engine.example', 't', /user name or password/],
      ['https://engine.example/?a=1', 't', /query or fragment/],
      ['https://engine.example/#x', 't', /query or fragment/],
      ['https://engine.example', '  ', /no token/],
      ['not a url', 't', /not a URL/],
    ];
    for (const [url, token, why] of cases) {
      const r = remote(url, token);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(why);
    }
  });

  it('encodes the token into the query', () => {
    const r = remote('https://engine.example', 'a b&c');
    expect(r.ok && r.console.loginUrl).toBe('https://engine.example/?token=a+b%26c');
  });
});
