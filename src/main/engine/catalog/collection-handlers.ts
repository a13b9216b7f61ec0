import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { CollectionStore } from './collection-store';

/** The catalogue's collections: list and read them; save and delete (audited with the caller). */
export function collectionHandlers(collections: CollectionStore): HandlerMap {
  return {
    'collections.list': () => collections.list(),
    'collections.get': (input) => collections.get(input.collectionId),
    'collections.save': (input, ctx) => collections.save(input, { actor: actorOf(ctx) }),
    'collections.delete': (input, ctx) => collections.delete(input.collectionId, { actor: actorOf(ctx) }),
  };
}
