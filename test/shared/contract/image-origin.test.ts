import { describe, expect, it } from 'vitest';
import { AppSettings, ImageOrigin, SetSettingsRequest } from '../../../src/shared/contract';
import { contentSecurityPolicy } from '../../../src/main/engine/server/csp';

describe('image origins the console may load product images from', () => {
  it('takes https origins (a port, every subdomain), http on this machine, lower-cased and without a trailing slash', () => {
    expect(ImageOrigin.parse('https://cdn.example.com')).toBe('https://cdn.example.com');
    expect(ImageOrigin.parse('HTTPS://CDN.Example.com/')).toBe('https://cdn.example.com');
    expect(ImageOrigin.parse('https://img.example.com:8443')).toBe('https://img.example.com:8443');
    expect(ImageOrigin.parse('https://*.example.com')).toBe('https://*.example.com');
    expect(ImageOrigin.parse('http://127.0.0.1:5555')).toBe('http://127.0.0.1:5555');
    expect(ImageOrigin.parse('http://localhost')).toBe('http://localhost');
  });

  it('refuses anything that would widen the policy beyond one image host: other schemes, paths, wildcards alone, and policy syntax', () => {
    for (const bad of [
      'http://cdn.example.com',
      'https://cdn.example.com/images',
      'https://cdn.example.com/*',
      'https://*',
      '*',
      'https:',
      'data:',
      "'unsafe-inline'",
      'https://cdn.example.com; script-src *',
      "https://cdn.example.com 'unsafe-eval'",
      'https://cdn.example.com https://evil.example',
      'https://a.*.example.com',
      'javascript:alert(1)',
      'https://user@cdn.example.com',
      'https://cdn.example.com?x=1',
      '',
    ]) {
      expect(ImageOrigin.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('keeps each host once, at most 50, in the settings file and in a change', () => {
    expect(AppSettings.parse({ imageOrigins: ['https://a.example', 'https://A.example/'] }).imageOrigins).toEqual(['https://a.example']);
    expect(AppSettings.parse({}).imageOrigins).toEqual([]);
    const many = Array.from({ length: 51 }, (_, i) => `https://h${i}.example`);
    expect(SetSettingsRequest.safeParse({ imageOrigins: many }).success).toBe(false);
    const bad = SetSettingsRequest.safeParse({ imageOrigins: ['https://ok.example', 'https://x.example/path'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['imageOrigins', 1]);
  });

  it('adds the allowed hosts to img-src only', () => {
    const policy = contentSecurityPolicy(['https://cdn.example.com', 'https://*.shop.example']);
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives['img-src']).toBe("img-src 'self' data: https://cdn.example.com https://*.shop.example");
    expect(directives['default-src']).toBe("default-src 'self'");
    expect(directives['connect-src']).toBe("connect-src 'self'");
    expect(contentSecurityPolicy()).toContain("img-src 'self' data:;");
  });
});
