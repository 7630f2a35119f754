import { useEffect, useState } from 'react';
import type { Screen } from '../terminal-screen.js';

/** Size of the screen the dashboard draws on, updated when it is resized. */
export function useTerminalSize(screen: Screen): { width: number; height: number } {
  const [size, setSize] = useState(() => screen.size());
  useEffect(() => {
    const update = (): void => {
      const next = screen.size();
      setSize((old) => (old.width === next.width && old.height === next.height ? old : next));
    };
    update();
    return screen.onResize(update);
  }, [screen]);
  return size;
}
