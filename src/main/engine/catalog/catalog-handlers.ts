import { ContractError } from '../../../shared/contract';
import type { HandlerMap } from '../rpc/handler-map';
import type { CatalogRepository } from '../store';
import { catalogImageHosts } from './image-hosts';

export function catalogHandlers(catalog: CatalogRepository, onChange: () => void): HandlerMap {
  return {
    'catalog.upsert': (input) => {
      const stored = catalog.upsertItems(input.items);
      onChange();
      return { stored };
    },
    'catalog.list': (input) => catalog.list(input),
    'catalog.get': (input) => {
      const item = catalog.get(input.itemId);
      if (!item) throw new ContractError('not_found', `itemId: no item ${input.itemId} in the catalogue`, [{ path: 'itemId', message: 'not found' }]);
      return item;
    },
    'catalog.imageHosts': () => catalogImageHosts(catalog),
    'catalog.titles': (input) => Object.fromEntries(input.itemIds.flatMap((itemId) => {
      const item = catalog.get(itemId);
      return item ? [[itemId, item.title] as const] : [];
    })),
  };
}
