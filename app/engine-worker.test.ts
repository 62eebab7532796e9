import { describe, expect, it } from 'vitest';
import type { InitRequest, WorkerRequest, WorkerResponse } from '@/lib/worker';
import { EarlyWorker } from './engine-worker';

/** A worker's page side: what the page posted, and a way to make the worker speak. */
class FakeWorker extends EventTarget {
  posted: WorkerRequest[] = [];
  terminated = false;
  postMessage(message: WorkerRequest) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(data: WorkerResponse) {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
  fail(message: string) {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

const init: InitRequest = {
  type: 'init',
  manifestUrl: '/models/m.json',
  portfolioUrl: '/p.csv',
  portfolioName: 'p',
  wasmPaths: 'http://127.0.0.1:3000/ort/',
  scorers: 2,
  pins: {},
};
const pong = (id: number): WorkerResponse => ({ type: 'pong', id }) as WorkerResponse;

describe('the engine worker started before the dashboard', () => {
  it('is sent its init at once, and the client’s own init is not sent twice', () => {
    const fake = new FakeWorker();
    const early = new EarlyWorker(fake as unknown as Worker, init);
    early.postMessage(init);
    early.postMessage({ type: 'ping', id: 7 });
    expect(fake.posted).toEqual([init, { type: 'ping', id: 7 }]);
    early.terminate();
    expect(fake.terminated).toBe(true);
  });

  it('keeps what the worker said before anyone listened, in order, for the first listener; then passes everything on', async () => {
    const fake = new FakeWorker();
    const early = new EarlyWorker(fake as unknown as Worker, init);
    fake.say(pong(1));
    fake.fail('the worker could not load');
    fake.say(pong(2));
    const heard: unknown[] = [];
    early.addEventListener('message', (e) => heard.push(e.data));
    expect(heard).toEqual([]); // not while the listener's owner is still setting itself up
    await Promise.resolve();
    expect(heard).toEqual([pong(1), pong(2)]);
    const failures: unknown[] = [];
    early.addEventListener('error', (e) => failures.push(e.message));
    await Promise.resolve();
    expect(failures).toEqual(['the worker could not load']);
    fake.say(pong(3));
    fake.fail('again');
    expect(heard).toEqual([pong(1), pong(2), pong(3)]);
    expect(failures).toEqual(['the worker could not load', 'again']);
  });
});
