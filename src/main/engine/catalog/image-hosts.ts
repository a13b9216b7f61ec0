import type { CatalogImageHosts } from '../../../shared/contract';
import { ImageOrigin } from '../../../shared/contract';
import type { CatalogRepository } from '../store';
import { nextTurn } from '../workers/time-slices';

/** Items read per turn of the event loop (each URL parsed: a few ms a page). */
const PAGE = 2000;
const MOST_HOSTS = 20;

/** The origin an image URL would need allowed (as the settings write it), or undefined when none can be; `verdicts` keeps each origin's. */
export function allowableOrigin(url: string, verdicts = new Map<string, string | undefined>()): string | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  if (verdicts.has(origin)) return verdicts.get(origin);
  const parsed = ImageOrigin.safeParse(origin);
  const verdict = parsed.success ? parsed.data : undefined;
  verdicts.set(origin, verdict);
  return verdict;
}

/**
 * Where the catalogue's product images are: each allowable host with its number of items, most
 * first. Read in pages of 2,000 items, yielding to the event loop between them.
 */
export async function catalogImageHosts(catalog: CatalogRepository): Promise<CatalogImageHosts> {
  const counts = new Map<string, number>();
  const verdicts = new Map<string, string | undefined>();
  let withImage = 0;
  let notAllowable = 0;
  for (let after = ''; ; ) {
    const page = catalog.page(after, PAGE);
    for (const item of page) {
      const url = item.imageUrl;
      if (url === undefined || url === '') continue;
      withImage++;
      if (url.startsWith('data:')) continue; // shown already: the policy allows data: images
      const origin = allowableOrigin(url, verdicts);
      if (origin === undefined) notAllowable++;
      else counts.set(origin, (counts.get(origin) ?? 0) + 1);
    }
    if (page.length < PAGE) break;
    after = page[PAGE - 1]!.itemId;
    await nextTurn();
  }
  const hosts = [...counts].map(([origin, items]) => ({ origin, items })).sort((a, b) => b.items - a.items || a.origin.localeCompare(b.origin));
  return { hosts: hosts.slice(0, MOST_HOSTS), withImage, notAllowable };
}
