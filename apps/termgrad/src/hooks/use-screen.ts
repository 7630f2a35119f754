import { useLayoutEffect } from 'react';
import type { Screen } from '../terminal-screen.js';

/**
 * Draws `rows` (made for width × height) on the screen after every render that changed them. The
 * rows bypass Ink's renderer (see TerminalScreen); drawing in a layout effect puts a frame on the
 * terminal as soon as React commits the state it shows.
 */
export function useScreen(
  screen: Screen,
  rows: readonly string[],
  width: number,
  height: number,
): void {
  useLayoutEffect(() => {
    screen.draw(rows, width, height);
  }, [screen, rows, width, height]);
}
