import { LogisticRegression } from './src/index.js';
import { twoClouds } from './test/helpers.js';
const { x, t } = twoClouds(200, 44, 1);
for (const o of [{ solver: 'gd' as const }, { solver: 'gd' as const, lineSearch: 'fixed' as const, learningRate: 1 }]) {
  const m = new LogisticRegression({ lambda: 1, maxIter: 3000, tol: 1e-6, ...o }).fit(x, t); console.log(m.fitInfo);
}
const m = new LogisticRegression({ onIteration: (i) => { if (i.iteration % 5 === 0) console.log(i); } }).fit([[-2], [-1], [0], [1], [1], [2], [3], [4]], [0, 0, 0, 0, 1, 1, 1, 1]);
console.log(m.fitInfo, m.weights, m.bias);
