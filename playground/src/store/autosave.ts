/**
 * Autosave: the plan, the table, the example it started from and the language go to localStorage shortly
 * after every change (and at once when the page is hidden or closed); the next visit restores them. A share
 * link in the address bar wins over the saved work.
 */
import { SharedStateSchema, type SharedState } from './share.js';

const KEY = 'kpi-playground/v1';
const DELAY_MS = 400;

let timer: ReturnType<typeof setTimeout> | undefined;
let pending: (() => SharedState) | undefined;
let onState: (s: { saved: boolean; at?: Date }) => void = () => {};

export function onSaveState(f: typeof onState): void {
  onState = f;
}

export function loadSaved(): SharedState | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const p = SharedStateSchema.safeParse(JSON.parse(raw));
    return p.success ? p.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveNow(): void {
  clearTimeout(timer);
  const get = pending;
  pending = undefined;
  if (!get) return;
  try {
    localStorage.setItem(KEY, JSON.stringify(get()));
    onState({ saved: true, at: new Date() });
  } catch {
    // storage full or blocked (private mode): the work stays unsaved, and the marker says so
    onState({ saved: false });
  }
}

/** the work changed: save it soon */
export function changed(get: () => SharedState): void {
  pending = get;
  onState({ saved: false });
  clearTimeout(timer);
  timer = setTimeout(saveNow, DELAY_MS);
}

export function clearSaved(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing saved */
  }
}

addEventListener('pagehide', saveNow);
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && saveNow());
