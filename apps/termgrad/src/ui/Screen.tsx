import { Box, Text } from 'ink';
import { memo } from 'react';

/** One screen row; memoised so unchanged rows are not re-rendered by React. */
const Row = memo(function Row({ text }: { readonly text: string }) {
  return <Text wrap="truncate-end">{text === '' ? ' ' : text}</Text>;
});

/** Draws pre-rendered rows (from the pure views), one Text per row with a stable key. */
export const Screen = memo(function Screen({ rows }: { readonly rows: readonly string[] }) {
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Row key={i} text={row} />
      ))}
    </Box>
  );
});
