/** The catalogue's collections (migration 011): merchandiser-curated item sets, every change audited. */
import type { Database, Statement } from 'better-sqlite3';
import { COLLECTIONS_MAX, ContractError, SaveCollectionRequest, type Collection, type CollectionDetail, type FieldIssue } from '../../../shared/contract';
import type { AuditedBy, AuditLog } from '../store/audit-log';

interface CollectionRow {
  collection_id: string;
  name: string;
  item_count: number;
  created_at: number;
  updated_at: number;
}

const toCollection = (r: CollectionRow): Collection => ({ collectionId: r.collection_id, name: r.name, itemCount: r.item_count, createdAt: r.created_at, updatedAt: r.updated_at });
/** At most this many unknown or repeated items are named one by one in a refusal. */
const MAX_NAMED_ISSUES = 20;

export interface CollectionStoreDeps {
  readonly audit?: AuditLog;
  /** The rules scoped to a collection: it cannot be deleted while one is. */
  readonly rulesUsing: (collectionId: string) => readonly string[];
  readonly clock?: () => number;
}

/** Items are counted and listed only while they are in the catalogue; an item removed later drops out of every collection's list. */
const SELECT_COLLECTION = `SELECT c.collection_id, c.name, c.created_at, c.updated_at,
  (SELECT count(*) FROM collection_items ci JOIN items i ON i.item_id = ci.item_id WHERE ci.collection_id = c.collection_id) AS item_count
  FROM collections c`;

export class CollectionStore {
  private readonly all: Statement<[], CollectionRow>;
  private readonly one: Statement<[string], CollectionRow>;
  private readonly memberRows: Statement<[string], { item_id: string }>;
  private readonly itemExists: Statement<[string]>;
  private readonly exists: Statement<[string]>;
  private readonly clock: () => number;

  constructor(
    private readonly db: Database,
    private readonly deps: CollectionStoreDeps,
  ) {
    this.clock = deps.clock ?? Date.now;
    this.all = db.prepare(`${SELECT_COLLECTION} ORDER BY c.name COLLATE NOCASE, c.collection_id`);
    this.one = db.prepare(`${SELECT_COLLECTION} WHERE c.collection_id = ?`);
    this.memberRows = db.prepare('SELECT ci.item_id FROM collection_items ci JOIN items i ON i.item_id = ci.item_id WHERE ci.collection_id = ? ORDER BY ci.position');
    this.itemExists = db.prepare('SELECT 1 FROM items WHERE item_id = ?');
    this.exists = db.prepare('SELECT 1 FROM collections WHERE collection_id = ?');
  }

  list(): Collection[] {
    return this.all.all().map(toCollection);
  }

  get(collectionId: string): CollectionDetail {
    return { collection: this.require(collectionId), itemIds: this.memberRows.all(collectionId).map((r) => r.item_id) };
  }

  /**
   * The collection's items in the catalogue, in the merchandiser's order; undefined for no such
   * collection. On the list path (a collection's list, a rule that targets one): no item count.
   */
  members(collectionId: string): string[] | undefined {
    if (this.exists.get(collectionId) === undefined) return undefined;
    return this.memberRows.all(collectionId).map((r) => r.item_id);
  }

  /** Creates the collection or replaces its name and items, in one transaction. */
  save(input: SaveCollectionRequest, by: AuditedBy = {}): Collection {
    const req = SaveCollectionRequest.parse(input);
    const issues = this.itemIssues(req.itemIds);
    if (issues.length > 0) throw new ContractError('bad_request', `collection: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
    const before = this.one.get(req.collectionId);
    if (!before && (this.db.prepare('SELECT count(*) AS n FROM collections').get() as { n: number }).n >= COLLECTIONS_MAX) {
      throw new ContractError('conflict', `at most ${COLLECTIONS_MAX} collections: delete one first`);
    }
    const beforeItems = before ? new Set(this.memberRows.all(req.collectionId).map((r) => r.item_id)) : new Set<string>();
    const now = this.clock();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO collections (collection_id, name, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(collection_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at')
        .run(req.collectionId, req.name, now, now);
      this.db.prepare('DELETE FROM collection_items WHERE collection_id = ?').run(req.collectionId);
      const insert = this.db.prepare('INSERT INTO collection_items (collection_id, item_id, position) VALUES (?, ?, ?)');
      req.itemIds.forEach((itemId, i) => insert.run(req.collectionId, itemId, i));
    })();
    const after = new Set(req.itemIds);
    const added = req.itemIds.filter((id) => !beforeItems.has(id));
    const removed = [...beforeItems].filter((id) => !after.has(id));
    this.deps.audit?.record(by.actor ?? 'operator', before ? 'collections.update' : 'collections.create', req.collectionId, {
      name: req.name,
      itemCount: req.itemIds.length,
      added,
      removed,
      ...(before ? { before: { name: before.name, itemCount: before.item_count } } : {}),
      ...by.detail,
    });
    return this.require(req.collectionId);
  }

  delete(collectionId: string, by: AuditedBy = {}): Collection {
    const existing = this.require(collectionId);
    const rules = this.deps.rulesUsing(collectionId);
    if (rules.length > 0) {
      throw new ContractError('conflict', `collection ${collectionId} is the scope of ${rules.length === 1 ? 'rule' : 'rules'} ${rules.join(', ')}: change or delete ${rules.length === 1 ? 'it' : 'them'} first`, [
        { path: 'collectionId', message: `used by ${rules.join(', ')}` },
      ]);
    }
    const itemIds = this.memberRows.all(collectionId).map((r) => r.item_id);
    this.db.prepare('DELETE FROM collections WHERE collection_id = ?').run(collectionId);
    this.deps.audit?.record(by.actor ?? 'operator', 'collections.delete', collectionId, { name: existing.name, itemIds, ...by.detail });
    return existing;
  }

  private require(collectionId: string): Collection {
    const row = this.one.get(collectionId);
    if (!row) throw new ContractError('not_found', `collectionId: no collection ${JSON.stringify(collectionId)}`, [{ path: 'collectionId', message: 'not found' }]);
    return toCollection(row);
  }

  /** Each unknown or repeated item, by its index in the request (the first MAX_NAMED_ISSUES). */
  private itemIssues(itemIds: readonly string[]): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const firstAt = new Map<string, number>();
    itemIds.forEach((itemId, i) => {
      if (issues.length >= MAX_NAMED_ISSUES) return;
      const seen = firstAt.get(itemId);
      if (seen !== undefined) issues.push({ path: `itemIds.${i}`, message: `item ${JSON.stringify(itemId)} is listed twice (first at ${seen})` });
      else if (this.itemExists.get(itemId) === undefined) issues.push({ path: `itemIds.${i}`, message: `unknown item ${JSON.stringify(itemId)}: no such item in the catalogue` });
      firstAt.set(itemId, seen ?? i);
    });
    return issues;
  }
}
