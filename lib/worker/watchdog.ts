/**
 * Notices a worker that stopped without a word. A worker that throws fires an `error` event, but
 * one that closes itself, or is killed, just goes quiet: messages to it vanish and an answer never
 * comes. While work is outstanding the watchdog pings every `intervalMs`; the worker answers a ping
 * between any two pieces of its work, and any message from it counts as an answer. Silence for
 * `deadAfterMs` (longer than the longest single step the worker takes) declares it dead.
 */
export interface WatchdogOptions {
  intervalMs: number;
  deadAfterMs: number;
  now?: () => number;
}

/** Extra silence allowed while the worker is known to be busy with one long step (a large tape). */
export type Grace = () => number;

export class Watchdog {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private nextPing = 0;
  private readonly now: () => number;

  constructor(
    private readonly ping: (id: number) => void,
    private readonly onDead: () => void,
    private readonly options: WatchdogOptions,
    private readonly grace: Grace = () => 0,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Work is outstanding: start watching (idempotent; a watch starts with a clean slate). */
  watch(): void {
    if (this.timer !== undefined) return;
    this.lastHeard = this.now();
    this.timer = setInterval(() => this.check(), this.options.intervalMs);
  }

  /** Nothing is outstanding: stop watching. */
  rest(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The worker said something: it is alive. */
  heard(): void {
    this.lastHeard = this.now();
  }

  private check() {
    if (this.now() - this.lastHeard >= this.options.deadAfterMs + this.grace()) {
      this.rest();
      this.onDead();
      return;
    }
    this.ping(++this.nextPing);
  }
}
