import { describe, expect, it } from 'vitest';
import { defaultServingWorkers, servingWorkersFromEnv } from '../../../../src/main/engine/serving/serving-setup';

describe('how many serving workers', () => {
  it('is one on two cores or more, none on one core', () => {
    expect(defaultServingWorkers(1)).toBe(0);
    expect(defaultServingWorkers(2)).toBe(1);
    expect(defaultServingWorkers(16)).toBe(1);
  });

  it('takes INSTINCT_SERVING_WORKERS when it is a whole number, else the default', () => {
    expect(servingWorkersFromEnv({ INSTINCT_SERVING_WORKERS: '0' })).toBe(0);
    expect(servingWorkersFromEnv({ INSTINCT_SERVING_WORKERS: '3' })).toBe(3);
    for (const bad of ['', ' ', '-1', '1.5', 'two']) expect(servingWorkersFromEnv({ INSTINCT_SERVING_WORKERS: bad })).toBe(defaultServingWorkers());
    expect(servingWorkersFromEnv({})).toBe(defaultServingWorkers());
  });
});
