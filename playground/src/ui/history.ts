/** Undo/redo for the sample table: a snapshot before each change (a paste, a row added or removed, a cell edit). */
import type { TableData } from '../engine/protocol.js';
import { $ } from './dom.js';

const LIMIT = 100;
const undoStack: TableData[] = [];
const redoStack: TableData[] = [];
const copy = (t: TableData): TableData => ({ columns: [...t.columns], rows: t.rows.map((r) => [...r]) });

function sync(): void {
  $<HTMLButtonElement>('#undo').disabled = undoStack.length === 0;
  $<HTMLButtonElement>('#redo').disabled = redoStack.length === 0;
}

/** remember the table as it is before a change */
export function remember(t: TableData): void {
  undoStack.push(copy(t));
  if (undoStack.length > LIMIT) undoStack.shift();
  redoStack.length = 0;
  sync();
}

export function undo(current: TableData): TableData | undefined {
  const t = undoStack.pop();
  if (t) redoStack.push(copy(current));
  sync();
  return t;
}

export function redo(current: TableData): TableData | undefined {
  const t = redoStack.pop();
  if (t) undoStack.push(copy(current));
  sync();
  return t;
}

export function clearHistory(): void {
  undoStack.length = 0;
  redoStack.length = 0;
  sync();
}
