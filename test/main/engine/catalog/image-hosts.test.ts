import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../../../src/shared/contract';
import { allowableOrigin, catalogImageHosts } from '../../../../src/main/engine/catalog/image-hosts';
import { CatalogRepository } from '../../../../src/main/engine/store';
import { tempStore } from '../ranking/ranking-fixtures';

describe('where the catalogue keeps its product images', () => {
  it('names the origin an image URL needs allowed, or none for one that can never be', () => {
    expect(allowableOrigin('https://CDN.example.com/p/1.jpg?w=200')).toBe('https://cdn.example.com');
    expect(allowableOrigin('https://cdn.example.com:443/p.jpg')).toBe('https://cdn.example.com');
    expect(allowableOrigin('http://127.0.0.1:8080/p.png')).toBe('http://127.0.0.1:8080');
    expect(allowableOrigin('http://cdn.example.com/p.jpg')).toBeUndefined();
    expect(allowableOrigin('/images/p.jpg')).toBeUndefined();
    expect(allowableOrigin('not a url')).toBeUndefined();
  });

  it('counts every item by host across pages, most items first, and counts what cannot be allowed', async () => {
    const hosts = ['https://a.example', 'https://b.example', 'https://c.example:8443', 'http://localhost:9000'];
    const items: CatalogItem[] = Array.from({ length: 12_001 }, (_, i) => {
      const kind = i % 11;
      const imageUrl = kind < 8 ? `${hosts[(i * 7) % (i % 3 === 0 ? 4 : 2)]}/p/${i}.jpg` : kind === 8 ? `http://plain.example/${i}.jpg` : kind === 9 ? 'data:image/png;base64,AAAA' : undefined;
      return { itemId: `i${String(i).padStart(6, '0')}`, title: `Item ${i}`, ...(imageUrl ? { imageUrl } : {}) };
    });
    const env = tempStore(items);
    try {
      const got = await catalogImageHosts(new CatalogRepository(env.db));
      // Brute force over the same items.
      const expected = new Map<string, number>();
      let notAllowable = 0;
      let withImage = 0;
      for (const item of items) {
        if (!item.imageUrl) continue;
        withImage++;
        if (item.imageUrl.startsWith('data:')) continue;
        const origin = item.imageUrl.startsWith('http://plain') ? undefined : new URL(item.imageUrl).origin;
        if (origin === undefined) notAllowable++;
        else expected.set(origin, (expected.get(origin) ?? 0) + 1);
      }
      expect(got.withImage).toBe(withImage);
      expect(got.notAllowable).toBe(notAllowable);
      expect(got.notAllowable).toBeGreaterThan(1000);
      expect(Object.fromEntries(got.hosts.map((h) => [h.origin, h.items]))).toEqual(Object.fromEntries(expected));
      expect(got.hosts.map((h) => h.items)).toEqual([...got.hosts.map((h) => h.items)].sort((a, b) => b - a));
      expect(got.hosts).toHaveLength(4);
    } finally {
      env.cleanup();
    }
  });
});
