import type { FocusEvent } from 'react';

/** Fields the app itself is putting the cursor in (a dialog opening on its first field). */
const placing = new WeakSet<EventTarget>();

/** Put the cursor in a field for the user, as a dialog does on opening: that alone does not make the field theirs. */
export function placeCursor(field: HTMLElement | null | undefined): void {
  if (!field) return;
  placing.add(field);
  try {
    field.focus();
  } finally {
    placing.delete(field);
  }
}

/**
 * The events by which a field becomes the user's, so that a late answer from
 * main leaves it alone: a click, a key, or the cursor arriving in it. The last
 * matters: Tab (or a click) selects the text to be typed over, and a value
 * replaced under that selection would have the user's typing appended to it.
 */
export function touchProps(onTouch: () => void) {
  return {
    onPointerDown: onTouch,
    onKeyDown: onTouch,
    onFocus: (e: FocusEvent) => {
      if (!placing.has(e.currentTarget)) onTouch();
    },
  };
}
