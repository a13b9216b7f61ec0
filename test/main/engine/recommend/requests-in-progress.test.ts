import { describe, expect, it } from 'vitest';
import { RequestsInProgress } from '../../../../src/main/engine/recommend/requests-in-progress';

describe('RequestsInProgress', () => {
  it('counts requests begun and not yet ended, each ending once however often it is told', () => {
    const requests = new RequestsInProgress();
    const a = requests.begin();
    const b = requests.begin();
    expect(requests.count).toBe(2);
    a();
    a();
    expect(requests.count).toBe(1);
    b();
    expect(requests.count).toBe(0);
  });
});
