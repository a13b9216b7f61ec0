import { describe, expect, it } from 'vitest';
import { DEMO_SIM_RATE, demoSimulatorFlags } from '../../../src/main/cli/demo-simulator';
import { demoSeedItems, demoTestOptions } from '../../../src/main/cli/demo-test-options';
import { UsageError } from '../../../src/main/cli/options';

describe('demo simulator flags', () => {
  it('is on at the default rate unless told otherwise', () => {
    expect(demoSimulatorFlags({}, {})).toEqual({ enabled: true, ratePerMinute: DEMO_SIM_RATE, speed: 1 });
    expect(demoSimulatorFlags({ 'no-simulator': true }, {}).enabled).toBe(false);
    expect(demoSimulatorFlags({}, { INSTINCT_SIMULATOR: 'off' }).enabled).toBe(false);
  });

  it('takes --sim-rate (or INSTINCT_SIM_RATE) and refuses what is not a positive number', () => {
    expect(demoSimulatorFlags({ 'sim-rate': '90' }, { INSTINCT_SIM_RATE: '5' }).ratePerMinute).toBe(90);
    expect(demoSimulatorFlags({}, { INSTINCT_SIM_RATE: '2.5' }).ratePerMinute).toBe(2.5);
    for (const bad of ['0', '-3', 'fast', '']) expect(() => demoSimulatorFlags({ 'sim-rate': bad }, {})).toThrow(UsageError);
  });

  it('takes INSTINCT_SIM_SPEED (faster shoppers for the e2e tests) and refuses what is not a factor in (0, 100]', () => {
    expect(demoSimulatorFlags({}, { INSTINCT_SIM_SPEED: '4' }).speed).toBe(4);
    expect(demoSimulatorFlags({}, { INSTINCT_SIM_SPEED: '0.5' }).speed).toBe(0.5);
    for (const bad of ['0', '-1', '101', 'fast', '']) expect(() => demoSimulatorFlags({}, { INSTINCT_SIM_SPEED: bad })).toThrow(UsageError);
  });
});

describe('demo test options', () => {
  it('sets the fine-tune selection budget from INSTINCT_FINETUNE_AUTO_BUDGET_S only when given, and refuses a bad one', () => {
    expect(demoTestOptions({})).toEqual({});
    expect(demoTestOptions({ INSTINCT_FINETUNE_AUTO_BUDGET_S: '30' })).toEqual({ fineTune: { autoBudgetSeconds: 30 } });
    for (const bad of ['0', '-5', 'soon', '', '3601']) expect(() => demoTestOptions({ INSTINCT_FINETUNE_AUTO_BUDGET_S: bad })).toThrow(UsageError);
  });

  it('seeds a smaller demo shop from INSTINCT_DEMO_ITEMS only when given, and refuses a bad count', () => {
    expect(demoSeedItems({})).toEqual({});
    expect(demoSeedItems({ INSTINCT_DEMO_ITEMS: '1500' })).toEqual({ items: 1500 });
    for (const bad of ['199', '5001', '1.5', 'many', '']) expect(() => demoSeedItems({ INSTINCT_DEMO_ITEMS: bad })).toThrow(UsageError);
  });
});
