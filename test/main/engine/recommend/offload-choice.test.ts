import { describe, expect, it } from 'vitest';
import { OffloadChoice } from '../../../../src/main/engine/recommend/offload-choice';

describe('OffloadChoice', () => {
  it('keeps a lone list on the engine’s thread and sends a list away while another is in flight', () => {
    const choice = new OffloadChoice();
    const first = choice.start();
    expect(choice.choose('recommend').offload).toBe(false);
    expect(choice.choose('search').offload).toBe(false);
    const second = choice.start();
    expect(choice.choose('recommend')).toEqual({ offload: true });
    expect(choice.choose('search')).toEqual({ offload: true });
    second();
    first();
  });

  it('is alone while no other request is in flight here or in progress over HTTP', () => {
    const choice = new OffloadChoice();
    const first = choice.start();
    expect(choice.alone()).toBe(true);
    const second = choice.start();
    expect(choice.alone()).toBe(false);
    second();
    expect(choice.alone()).toBe(true);
    const a = choice.transportRequests.begin();
    const b = choice.transportRequests.begin();
    expect(choice.alone()).toBe(false);
    b();
    expect(choice.alone()).toBe(true);
    a();
    first();
  });

  it('does not count a request waiting for another thread’s work as in flight', async () => {
    const choice = new OffloadChoice();
    const waiting = choice.start();
    let release!: () => void;
    const away = choice.away(new Promise<void>((r) => (release = r)));
    const lone = choice.start();
    expect(choice.choose('recommend').offload).toBe(false);
    lone();
    release();
    await away;
    const other = choice.start();
    expect(choice.choose('recommend').offload).toBe(true);
    other();
    waiting();
  });

  it('sends lists away while the HTTP server has more than one request in progress', () => {
    const choice = new OffloadChoice();
    const end = choice.start();
    const a = choice.transportRequests.begin();
    expect(choice.choose('search').offload).toBe(false);
    const b = choice.transportRequests.begin();
    expect(choice.choose('search').offload).toBe(true);
    a();
    b();
    end();
  });
});
