import { describe, expect, it } from 'vitest';
import { trainingSessionOptions } from '../../../../src/main/engine/training/onnx/training-session-options';

describe('training graphs\' ONNX Runtime session options', () => {
  it('turn the memory pattern off (input shapes change every step) and keep the CPU arena and the thread count', () => {
    const options = trainingSessionOptions(1);
    expect(options.enableMemPattern).toBe(false);
    expect(options.enableCpuMemArena).not.toBe(false);
    expect(options.intraOpNumThreads).toBe(1);
    expect(trainingSessionOptions(2).intraOpNumThreads).toBe(2);
    expect(options.interOpNumThreads).toBe(1);
  });
});
