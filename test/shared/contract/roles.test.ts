import { describe, expect, it } from 'vitest';
import { canCall, METHOD_NAMES, METHOD_ROLES, ROLES } from '../../../src/shared/contract';

describe('the role table', () => {
  it('names a role for every contract method, and nothing else', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) expect(ROLES).toContain(METHOD_ROLES[method]);
  });

  it('lets no viewer change anything: every method that writes by its name needs more', () => {
    const writes = METHOD_NAMES.filter((m) => /\.(set|create|update|delete|rollback|promote|start|stop|configure|configureReward|train|resume|erase|apply|revoke|upsert|cancel|ingest|text|importText|activate|autotune|export|reveal)$/.test(m));
    expect(writes.length).toBeGreaterThan(30);
    for (const method of writes) expect([method, canCall('viewer', method)]).toEqual([method, false]);
  });

  it('keeps models, imports, privacy and users for admins', () => {
    for (const method of ['models.promote', 'finetune.start', 'import.text', 'catalog.upsert', 'shoppers.erase', 'shoppers.export', 'retention.set', 'users.create', 'users.revoke', 'users.list'] as const) {
      expect([method, canCall('merchandiser', method), canCall('admin', method)]).toEqual([method, false, true]);
    }
    for (const method of ['weights.set', 'rules.create', 'experiments.create', 'experiments.stop', 'exploration.configure', 'tuning.autotune'] as const) {
      expect([method, canCall('viewer', method), canCall('merchandiser', method)]).toEqual([method, false, true]);
    }
  });
});
