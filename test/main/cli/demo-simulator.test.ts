import { describe, expect, it } from 'vitest';
import { DEMO_SIM_RATE, demoSimulatorFlags } from '../../../src/main/cli/demo-simulator';
import { UsageError } from '../../../src/main/cli/options';

describe('demo simulator flags', () => {
  it('is on at the default rate unless told otherwise', () => {
    expect(demoSimulatorFlags({}, {})).toEqual({ enabled: true, ratePerMinute: DEMO_SIM_RATE });
    expect(demoSimulatorFlags({ 'no-simulator': true }, {}).enabled).toBe(false);
    expect(demoSimulatorFlags({}, { INSTINCT_SIMULATOR: 'off' }).enabled).toBe(false);
  });

  it('takes --sim-rate (or INSTINCT_SIM_RATE) and refuses what is not a positive number', () => {
    expect(demoSimulatorFlags({ 'sim-rate': '90' }, { INSTINCT_SIM_RATE: '5' }).ratePerMinute).toBe(90);
    expect(demoSimulatorFlags({}, { INSTINCT_SIM_RATE: '2.5' }).ratePerMinute).toBe(2.5);
    for (const bad of ['0', '-3', 'fast', '']) expect(() => demoSimulatorFlags({ 'sim-rate': bad }, {})).toThrow(UsageError);
  });
});
