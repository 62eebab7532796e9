/**
 * Lets a worker read the messages that arrived while it computed: they are tasks, and awaiting a promise
 * alone does not run them. In a browser, a message the worker sends itself is a task queued behind
 * them; unlike a timer it is not held to 4 ms when repeated (a big book's evaluation looks dozens of
 * times a second). Node (the tests) has setImmediate for this. A pause of `ms` (to let the page paint)
 * is a timer.
 */
export function messagesRead(ms = 0): Promise<void> {
  if (ms > 0) return new Promise((resolve) => setTimeout(resolve, ms));
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    readers.push(resolve);
    selfPort().postMessage(null);
  });
}

const readers: (() => void)[] = [];
let toSelf: MessagePort | undefined;

function selfPort(): MessagePort {
  if (!toSelf) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => readers.shift()?.();
    toSelf = channel.port2;
  }
  return toSelf;
}
