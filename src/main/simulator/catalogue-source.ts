import type { CatalogItem } from '../../shared/contract';
import type { ContractClient } from './contract-client';
import { SimulatorTruth, type SimulatorTruthOptions } from './simulator-truth';

const PAGE = 500;

/** The whole catalogue, through `catalog.list` page by page (in item-id order). */
export async function fetchCatalogue(client: ContractClient): Promise<CatalogItem[]> {
  const items: CatalogItem[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.call('catalog.list', { limit: PAGE, offset });
    for (const stored of page.items) {
      const { updatedAt: _updatedAt, ...item } = stored;
      items.push(item);
    }
    if (page.items.length < PAGE || items.length >= page.total) return items;
  }
}

/** The ground truth over the engine's catalogue as it is now (items added later are unknown to it). */
export async function loadSimulatorTruth(client: ContractClient, options: SimulatorTruthOptions = {}): Promise<SimulatorTruth> {
  return SimulatorTruth.fromCatalogue(await fetchCatalogue(client), options);
}
