import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Size of the terminal, updated on 'resize'. Fixed `width`/`height` props win (tests). */
export function useTerminalSize(fixed?: { width?: number; height?: number }): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = (): { width: number; height: number } => ({
    width: fixed?.width ?? (stdout.columns > 0 ? stdout.columns : 100),
    height: fixed?.height ?? (stdout.rows > 0 ? stdout.rows : 30),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout, fixed?.width, fixed?.height]);
  return size;
}
