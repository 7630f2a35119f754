import type { MLP, Regularization } from '../src/index.js';

// Independent reference: the TensorFlow Playground's engine (nn.ts) as scalar, object-per-node
// code — one Node per unit, one Link per weight, per-point forward/backward with accumulators,
// updateWeights every batchSize points counted within the epoch — written from its description.

type Fn = { output: (x: number) => number; der: (x: number) => number };
const FNS: Record<string, Fn> = {
  tanh: { output: (x) => Math.tanh(x), der: (x) => 1 - Math.tanh(x) ** 2 },
  relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: {
    output: (x) => 1 / (1 + Math.exp(-x)),
    der: (x) => {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s);
    },
  },
  linear: { output: (x) => x, der: () => 1 },
};
const REG_DER: Record<Regularization, ((w: number) => number) | null> = {
  none: null,
  l1: (w) => (w < 0 ? -1 : w > 0 ? 1 : 0),
  l2: (w) => w,
};

export class RefNode {
  inputLinks: RefLink[] = [];
  outputs: RefLink[] = [];
  totalInput = 0;
  output = 0;
  outputDer = 0;
  inputDer = 0;
  accInputDer = 0;
  numAccumulatedDers = 0;
  constructor(
    public bias: number,
    public fn: Fn,
  ) {}
}

export class RefLink {
  isDead = false;
  accErrorDer = 0;
  numAccumulatedDers = 0;
  constructor(
    public source: RefNode,
    public dest: RefNode,
    public weight: number,
  ) {}
}

export class RefPlayground {
  readonly net: RefNode[][];
  constructor(
    model: MLP,
    hidden: string,
    output: string,
    public reg: Regularization,
  ) {
    const inputs = Array.from(
      { length: model.layers[0] as number },
      () => new RefNode(0, FNS['linear'] as Fn),
    );
    this.net = [inputs];
    for (let l = 0; l < model.depth; l++) {
      const w = model.getWeights(l).toArray() as number[][]; // [nIn][nOut]: w[i][j] = link i → j
      const b = model.getBias(l).toArray() as number[];
      const fn = FNS[l === model.depth - 1 ? output : hidden] as Fn;
      const prev = this.net[l] as RefNode[];
      const layer = b.map((bias, j) => {
        const node = new RefNode(bias, fn);
        prev.forEach((src, i) => {
          const link = new RefLink(src, node, (w[i] as number[])[j] as number);
          src.outputs.push(link);
          node.inputLinks.push(link);
        });
        return node;
      });
      this.net.push(layer);
    }
  }

  forward(x: readonly number[]): number {
    (this.net[0] as RefNode[]).forEach((node, i) => (node.output = x[i] as number));
    for (const layer of this.net.slice(1)) {
      for (const node of layer) {
        node.totalInput = node.bias;
        for (const link of node.inputLinks) node.totalInput += link.weight * link.source.output;
        node.output = node.fn.output(node.totalInput);
      }
    }
    return (this.net.at(-1) as RefNode[])[0]!.output;
  }

  backward(target: number): void {
    const out = (this.net.at(-1) as RefNode[])[0]!;
    out.outputDer = out.output - target;
    for (let l = this.net.length - 1; l >= 1; l--) {
      const layer = this.net[l] as RefNode[];
      for (const node of layer) {
        node.inputDer = node.outputDer * node.fn.der(node.totalInput);
        node.accInputDer += node.inputDer;
        node.numAccumulatedDers++;
      }
      for (const node of layer) {
        for (const link of node.inputLinks) {
          if (link.isDead) continue;
          link.accErrorDer += node.inputDer * link.source.output;
          link.numAccumulatedDers++;
        }
      }
      if (l === 1) continue;
      for (const node of this.net[l - 1] as RefNode[]) {
        node.outputDer = 0;
        for (const link of node.outputs) node.outputDer += link.weight * link.dest.inputDer;
      }
    }
  }

  update(lr: number, regRate: number): void {
    const der = REG_DER[this.reg];
    for (const layer of this.net.slice(1)) {
      for (const node of layer) {
        if (node.numAccumulatedDers > 0) {
          node.bias -= (lr * node.accInputDer) / node.numAccumulatedDers;
          node.accInputDer = 0;
          node.numAccumulatedDers = 0;
        }
        for (const link of node.inputLinks) {
          if (link.isDead) continue;
          const regulDer = der === null ? 0 : der(link.weight);
          if (link.numAccumulatedDers > 0) {
            link.weight = link.weight - (lr / link.numAccumulatedDers) * link.accErrorDer;
            const next = link.weight - lr * regRate * regulDer;
            if (this.reg === 'l1' && link.weight * next < 0) {
              link.weight = 0;
              link.isDead = true;
            } else {
              link.weight = next;
            }
            link.accErrorDer = 0;
            link.numAccumulatedDers = 0;
          }
        }
      }
    }
  }

  /** The Playground's oneStep. */
  epoch(
    x: readonly (readonly number[])[],
    y: readonly number[],
    lr: number,
    regRate: number,
    batchSize: number,
  ): void {
    x.forEach((point, i) => {
      this.forward(point);
      this.backward(y[i] as number);
      if ((i + 1) % batchSize === 0) this.update(lr, regRate);
    });
  }

  loss(x: readonly (readonly number[])[], y: readonly number[]): number {
    let s = 0;
    x.forEach((p, i) => (s += 0.5 * (this.forward(p) - (y[i] as number)) ** 2));
    return s / x.length;
  }

  deadCount(): number {
    return this.net
      .flat()
      .reduce((c, node) => c + node.inputLinks.filter((l) => l.isDead).length, 0);
  }
}
