/**
 * The engine worker, started before anything else of the page's script is evaluated (main.ts imports this
 * first): it parses and warms the core on the other core while the page evaluates Monaco, so the first
 * scores follow the editor instead of waiting for it. Messages that arrive before the client takes the
 * worker over are kept for it.
 */
import EngineWorker from './worker.ts?worker&inline';

let early: { worker: Worker; queue: MessageEvent[] } | undefined = start();

function start(): { worker: Worker; queue: MessageEvent[] } {
  const worker = new EngineWorker();
  const queue: MessageEvent[] = [];
  worker.onmessage = (ev) => queue.push(ev);
  return { worker, queue };
}

/** a new engine worker: the one started early the first time, then fresh ones (after a timeout) */
export function spawnEngine(onmessage: (ev: MessageEvent) => void): Worker {
  const e = early ?? start();
  early = undefined;
  e.worker.onmessage = onmessage;
  for (const ev of e.queue) onmessage(ev);
  return e.worker;
}
