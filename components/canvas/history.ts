/** Snapshot undo/redo: immutable snapshots, so undo hands back the very objects it saved. */

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** Consecutive checkpoints with the same key (typing in one field) make one undo step. */
  lastKey: string | null;
}

const LIMIT = 100;

export const createHistory = <T>(present: T): History<T> => ({ past: [], present, future: [], lastKey: null });

/** Records the present as an undo point before a change; a repeated key coalesces into the previous point. */
export function checkpoint<T>(h: History<T>, key: string | null = null): History<T> {
  if (key !== null && key === h.lastKey) return { ...h, future: [] };
  return { past: [...h.past, h.present].slice(-LIMIT), present: h.present, future: [], lastKey: key };
}

/** A change worth undoing. */
export const commit = <T>(h: History<T>, next: T, key: string | null = null): History<T> =>
  next === h.present ? h : { ...checkpoint(h, key), present: next };

/** A change not worth its own undo step (selection, measuring, positions mid-drag). */
export const replace = <T>(h: History<T>, next: T): History<T> => (next === h.present ? h : { ...h, present: next });

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest, lastKey: null };
}
