/** A scoring helper on the other end of a real MessageChannel (structured clone and transfer, as between workers). Node only. */
import { MessageChannel } from 'node:worker_threads';
import { createScorerHandler, type ScorerPort, type ScorerRequest } from '../worker';

export function startHelperChannel() {
  const { port1, port2 } = new MessageChannel();
  const requests: ScorerRequest[] = [];
  const errorListeners: ((event: never) => void)[] = [];
  let silent = false;
  let terminated = false;
  const handle = createScorerHandler((message, transfer) => port2.postMessage(message, transfer as never));
  port2.on('message', (request: ScorerRequest) => {
    requests.push(request);
    if (!silent) void handle(request);
  });
  const close = () => {
    port1.close();
    port2.close();
  };
  const port: ScorerPort = {
    postMessage: (message, transfer) => port1.postMessage(message, transfer as never),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message') port1.on('message', (data) => listener({ data } as never));
      else errorListeners.push(listener);
    },
    terminate: () => {
      terminated = true;
      close();
    },
  };
  /** Stands for the helper's worker dying (an uncaught error). */
  const crash = (message: string) => errorListeners.forEach((l) => l({ message } as never));
  /** Stands for the helper closing itself: it goes quiet, no error. */
  const silence = () => {
    silent = true;
  };
  return { port, requests, crash, silence, close, isTerminated: () => terminated };
}
