/**
 * The page's side of the engine worker: requests with a time budget. When the worker runs over the budget
 * (a hostile or pathological plan), it is terminated and a fresh one started; the page stays responsive and
 * shows that the plan took too long. Updates are coalesced: while one is being computed, only the latest
 * of the following is kept, so fast typing never queues stale work.
 */
import { spawnEngine } from './boot.js';
import type { Method, Methods, Request, Response, UpdateArgs, UpdateResult } from './protocol.js';

export class Timeout extends Error {
  constructor(readonly method: Method, readonly budgetMs: number) {
    super(`the engine took longer than ${budgetMs} ms (${method})`);
  }
}
/** a later update replaced this one before it was sent */
export class Superseded extends Error {}

interface Pending {
  method: Method;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export class EngineClient {
  private worker!: Worker;
  private ready = false;
  private ids = 0;
  private pending = new Map<number, Pending>();
  /** requests posted before the worker said it is ready (the budget starts when it is) */
  private started = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflightUpdate = false;
  private queuedUpdate: { args: UpdateArgs; resolve(v: UpdateResult): void; reject(e: unknown): void } | undefined;
  /** worker restarts after a timeout */
  restarts = 0;
  onTimeout: (e: Timeout) => void = () => {};
  onReady: () => void = () => {};

  constructor(public budgetMs = 3000) {
    this.spawn();
  }

  private spawn(): void {
    this.ready = false;
    this.worker = spawnEngine((ev: MessageEvent<Response>) => {
      const m = ev.data;
      if ('ready' in m) {
        this.ready = true;
        this.arm();
        this.onReady();
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.arm();
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
  }

  /** (re)start the budget timer for the oldest outstanding request */
  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.ready || this.pending.size === 0) return;
    this.started = performance.now();
    const first = this.pending.values().next().value!;
    this.timer = setTimeout(() => this.overrun(first.method), this.budgetMs);
  }

  private overrun(method: Method): void {
    this.worker.terminate();
    const err = new Timeout(method, this.budgetMs);
    const all = [...this.pending.values()];
    this.pending.clear();
    this.restarts++;
    this.spawn();
    for (const p of all) p.reject(err);
    this.onTimeout(err);
  }

  call<M extends Method>(method: M, args: Methods[M][0], transfer: Transferable[] = []): Promise<Methods[M][1]> {
    const id = ++this.ids;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies Request, transfer);
      if (this.pending.size === 1) this.arm();
    });
  }

  /** the latest update wins: one computed at a time, the ones typed meanwhile collapse into the newest */
  update(args: UpdateArgs): Promise<UpdateResult> {
    if (this.inflightUpdate) {
      this.queuedUpdate?.reject(new Superseded());
      return new Promise((resolve, reject) => (this.queuedUpdate = { args, resolve, reject }));
    }
    this.inflightUpdate = true;
    const done = () => {
      this.inflightUpdate = false;
      const q = this.queuedUpdate;
      this.queuedUpdate = undefined;
      if (q) this.update(q.args).then(q.resolve, q.reject);
    };
    const p = this.call('update', args);
    p.then(done, done);
    return p;
  }

  /** no request outstanding: an update sent now starts at once */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  get busyMs(): number {
    return this.pending.size && this.ready ? performance.now() - this.started : 0;
  }
}
