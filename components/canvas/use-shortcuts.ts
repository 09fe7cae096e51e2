'use client';
/** Editor shortcuts: Delete/Backspace, Ctrl/Cmd+C/V, Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y); ignored while typing in a field. */
import { useEffect } from 'react';
import type { EditorStore } from './store';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');

export function useShortcuts(store: EditorStore) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) store.deleteSelected();
      else if (mod && key === 'c') store.copy();
      else if (mod && key === 'v') store.paste();
      else if (mod && key === 'z' && e.shiftKey) store.redo();
      else if (mod && key === 'z') store.undo();
      else if (mod && key === 'y') store.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
