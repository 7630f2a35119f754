import type { Random } from '@termgrad/tensor';

/**
 * A seeded stratified split of row indices: each class's rows are shuffled and the first
 * round(fraction · count) go to training, then both lists are shuffled. Same rng state, same split.
 * @param labels class index of each row, 0..K−1.
 * @internal
 */
export function stratifiedIndices(
  labels: ArrayLike<number>,
  numClasses: number,
  fraction: number,
  rng: Random,
): { train: number[]; test: number[] } {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i] as number]?.push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const group of byClass) {
    rng.shuffle(group);
    const k = Math.round(fraction * group.length);
    for (let i = 0; i < group.length; i++) (i < k ? train : test).push(group[i] as number);
  }
  rng.shuffle(train);
  rng.shuffle(test);
  return { train, test };
}
