/** Synchronous work between two yields to the event loop, so requests are answered during long work. */
const SLICE_MS = 15;

/** One run of scheduled work, as the work sees it. */
export interface Run {
  /** A newer schedule or a cancel has superseded this run: it stops at its next slice. */
  superseded(): boolean;
  /** Calls `step` on each item, yielding to the event loop every SLICE_MS; false once superseded. */
  slices<T>(items: Iterable<T>, step: (item: T) => void): Promise<boolean>;
  /** Yields to the event loop once; false once superseded. */
  pause(): Promise<boolean>;
}

const yieldToEventLoop: () => Promise<void> = typeof setImmediate === 'function' ? () => new Promise((resolve) => setImmediate(resolve)) : messageYield();

/** A Web Worker has no setImmediate, and a nested timer waits 4 ms: it yields by a message to itself instead. */
function messageYield(): () => Promise<void> {
  // Typed as a browser's channel: Node's types know only its EventEmitter side.
  const channel = new MessageChannel() as unknown as { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: unknown): void } };
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(undefined);
    });
}

/**
 * One kind of debounced work (a lint pass). `schedule` runs it after a delay and supersedes the
 * run in progress, which stops at its next slice; `flush` runs what is due now and waits until
 * nothing is due.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private due = false;
  private running: Promise<void> | undefined;

  constructor(private readonly work: (run: Run) => Promise<void>) {}

  schedule(delay: number): void {
    this.generation++;
    this.due = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), delay);
  }

  /** Stops the run in progress and drops what was due. */
  cancel(): void {
    this.generation++;
    this.due = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Whether a run is due or in progress. */
  get busy(): boolean {
    return this.due || this.running !== undefined;
  }

  /** Runs the work now if it is due and waits until no run is due or in progress. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.due) await this.runNow();
      else if (this.running) await this.running;
      else return;
    }
  }

  private runNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    const pause = async () => {
      await yieldToEventLoop();
      return !superseded();
    };
    const running = this.work({ superseded, slices: (items, step) => inSlices(items, step, pause, superseded), pause }).finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }
}

async function inSlices<T>(items: Iterable<T>, step: (item: T) => void, pause: () => Promise<boolean>, superseded: () => boolean): Promise<boolean> {
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart > SLICE_MS) {
      if (!(await pause())) return false;
      sliceStart = performance.now();
    }
    step(item);
  }
  return !superseded();
}
