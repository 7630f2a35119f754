import { formatShape, TensorError } from './errors.js';
import { broadcastShapes, broadcastStrides, sameShape, sizeOf } from './shape.js';
import { allocate, type DType, Tensor, type TypedArray } from './tensor.js';
import { assertTensor } from './validate.js';

type Binary = (x: number, y: number) => number;
type Unary = (x: number) => number;

/** Op codes with dedicated loops (no per-element call); OTHER calls `f`. */
enum Code {
  ADD,
  SUB,
  MUL,
  DIV,
  OTHER,
}

/** od[po + j·so] = f(ad[pa + j·sa], bd[pb + j·sb]) for j < len, with inlined loops for + − × ÷. */
function line(
  code: Code,
  f: Binary,
  len: number,
  od: TypedArray,
  po: number,
  so: number,
  ad: TypedArray,
  pa: number,
  sa: number,
  bd: TypedArray,
  pb: number,
  sb: number,
): void {
  switch (code) {
    case Code.ADD:
      for (let j = 0; j < len; j++)
        od[po + j * so] = (ad[pa + j * sa] as number) + (bd[pb + j * sb] as number);
      return;
    case Code.SUB:
      for (let j = 0; j < len; j++)
        od[po + j * so] = (ad[pa + j * sa] as number) - (bd[pb + j * sb] as number);
      return;
    case Code.MUL:
      for (let j = 0; j < len; j++)
        od[po + j * so] = (ad[pa + j * sa] as number) * (bd[pb + j * sb] as number);
      return;
    case Code.DIV:
      for (let j = 0; j < len; j++)
        od[po + j * so] = (ad[pa + j * sa] as number) / (bd[pb + j * sb] as number);
      return;
    default:
      for (let j = 0; j < len; j++)
        od[po + j * so] = f(ad[pa + j * sa] as number, bd[pb + j * sb] as number);
  }
}

function asTensor(op: string, v: Tensor | number, name: string): Tensor {
  if (typeof v === 'number') return new Tensor(new Float64Array([v]), []);
  assertTensor(op, v, name);
  return v;
}

function checkOut(op: string, out: Tensor | undefined, shape: readonly number[]): void {
  if (out === undefined) return;
  assertTensor(op, out, 'out');
  if (!sameShape(out.shape, shape)) {
    throw new TensorError(
      op,
      `out must have the broadcast shape ${formatShape(shape)}, got ${formatShape(out.shape)}`,
    );
  }
  if (out.strides.some((s, i) => s === 0 && (out.shape[i] as number) > 1)) {
    throw new TensorError(op, 'out must not be a broadcast view (it has zero strides)');
  }
}

/** Applies f element-wise with broadcasting. @internal */
function binary(
  op: string,
  f: Binary,
  av: Tensor | number,
  bv: Tensor | number,
  out?: Tensor,
  code: Code = Code.OTHER,
): Tensor {
  const a = asTensor(op, av, 'a');
  const b = asTensor(op, bv, 'b');
  const shape = broadcastShapes(op, a.shape, b.shape);
  checkOut(op, out, shape);
  const f32 =
    (typeof av === 'number' || av.dtype === 'float32') &&
    (typeof bv === 'number' || bv.dtype === 'float32');
  const dtype: DType =
    f32 && !(typeof av === 'number' && typeof bv === 'number') ? 'float32' : 'float64';
  const o = out ?? new Tensor(allocate(dtype, sizeOf(shape)), shape);
  const n = sizeOf(shape);
  if (n === 0) return o;
  const ad = a.data;
  const bd = b.data;
  const od = o.data;
  // Fast path: everything contiguous with the same shape.
  if (
    a.isContiguous() &&
    b.isContiguous() &&
    o.isContiguous() &&
    sameShape(a.shape, shape) &&
    sameShape(b.shape, shape)
  ) {
    line(code, f, n, od, o.offset, 1, ad, a.offset, 1, bd, b.offset, 1);
    return o;
  }
  const nd = shape.length;
  if (nd === 0) {
    od[o.offset] = f(ad[a.offset] as number, bd[b.offset] as number);
    return o;
  }
  const as = broadcastStrides(a.shape, a.strides, shape);
  const bs = broadcastStrides(b.shape, b.strides, shape);
  const os = o.strides;
  const len = shape[nd - 1] as number;
  const sa = as[nd - 1] as number;
  const sb = bs[nd - 1] as number;
  const so = os[nd - 1] as number;
  const idx = new Array<number>(nd).fill(0);
  let pa = a.offset;
  let pb = b.offset;
  let po = o.offset;
  for (let r = 0, outer = n / len; r < outer; r++) {
    line(code, f, len, od, po, so, ad, pa, sa, bd, pb, sb);
    for (let ax = nd - 2; ax >= 0; ax--) {
      idx[ax] = (idx[ax] as number) + 1;
      pa += as[ax] as number;
      pb += bs[ax] as number;
      po += os[ax] as number;
      if ((idx[ax] as number) < (shape[ax] as number)) break;
      const d = shape[ax] as number;
      pa -= (as[ax] as number) * d;
      pb -= (bs[ax] as number) * d;
      po -= (os[ax] as number) * d;
      idx[ax] = 0;
    }
  }
  return o;
}

/** Applies f element-wise. @internal */
function unary(op: string, f: Unary, a: Tensor, out?: Tensor): Tensor {
  assertTensor(op, a);
  checkOut(op, out, a.shape);
  const o = out ?? new Tensor(allocate(a.dtype, a.size), a.shape);
  if (a.isContiguous() && o.isContiguous()) {
    const ad = a.data;
    const od = o.data;
    const ao = a.offset;
    const oo = o.offset;
    for (let i = 0, n = a.size; i < n; i++) od[oo + i] = f(ad[ao + i] as number);
    return o;
  }
  return binary(op, (x) => f(x), a, 0, o);
}

/**
 * Element-wise a + b with NumPy broadcasting (trailing axes aligned; axes of length 1 stretch).
 * Either operand may be a number. The result is float32 only if every tensor operand is float32.
 * @param out optional destination with the broadcast shape (may be `a` or `b` itself); it is written and returned.
 * @throws {TensorError} `add: shapes cannot be broadcast together, got [2,3] and [4]`.
 * @example
 * ```ts
 * add(tensor([[1], [2]]), tensor([10, 20])).toArray(); // [[11, 21], [12, 22]]
 * ```
 */
export function add(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('add', (x, y) => x + y, a, b, out, Code.ADD);
}
/** Element-wise a − b with broadcasting; see {@link add}. @example `sub(tensor([3]), 1).toArray(); // [2]` */
export function sub(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('sub', (x, y) => x - y, a, b, out, Code.SUB);
}
/** Element-wise a · b with broadcasting; see {@link add}. @example `mul(tensor([2, 3]), 2).toArray(); // [4, 6]` */
export function mul(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('mul', (x, y) => x * y, a, b, out, Code.MUL);
}
/** Element-wise a / b with broadcasting (IEEE: x/0 = ±Infinity, 0/0 = NaN); see {@link add}. @example `div(tensor([1]), 4).toArray(); // [0.25]` */
export function div(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('div', (x, y) => x / y, a, b, out, Code.DIV);
}
/** Element-wise a^b (`Math.pow`) with broadcasting; see {@link add}. @example `pow(tensor([2, 3]), 2).toArray(); // [4, 9]` */
export function pow(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('pow', Math.pow, a, b, out);
}
/** Element-wise max(a, b) with broadcasting (NaN if either is NaN); see {@link add}. @example `maximum(tensor([1, 5]), 3).toArray(); // [3, 5]` */
export function maximum(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('maximum', Math.max, a, b, out);
}
/** Element-wise min(a, b) with broadcasting (NaN if either is NaN); see {@link add}. @example `minimum(tensor([1, 5]), 3).toArray(); // [1, 3]` */
export function minimum(a: Tensor | number, b: Tensor | number, out?: Tensor): Tensor {
  return binary('minimum', Math.min, a, b, out);
}

/** Element-wise −a. @param out optional destination of the same shape. @example `neg(tensor([1])).toArray(); // [-1]` */
export function neg(a: Tensor, out?: Tensor): Tensor {
  return unary('neg', (x) => -x, a, out);
}
/** Element-wise eˣ. @example `exp(tensor([0])).toArray(); // [1]` */
export function exp(a: Tensor, out?: Tensor): Tensor {
  return unary('exp', Math.exp, a, out);
}
/** Element-wise natural log (IEEE: log 0 = −Infinity, log of a negative = NaN). @example `log(tensor([1])).toArray(); // [0]` */
export function log(a: Tensor, out?: Tensor): Tensor {
  return unary('log', Math.log, a, out);
}
/** Element-wise square root (NaN for negatives). @example `sqrt(tensor([9])).toArray(); // [3]` */
export function sqrt(a: Tensor, out?: Tensor): Tensor {
  return unary('sqrt', Math.sqrt, a, out);
}
/** Element-wise |a|. @example `abs(tensor([-2])).toArray(); // [2]` */
export function abs(a: Tensor, out?: Tensor): Tensor {
  return unary('abs', Math.abs, a, out);
}
/** Element-wise a². @example `square(tensor([-3])).toArray(); // [9]` */
export function square(a: Tensor, out?: Tensor): Tensor {
  return unary('square', (x) => x * x, a, out);
}
/** Element-wise tanh. @example `tanh(tensor([0])).toArray(); // [0]` */
export function tanh(a: Tensor, out?: Tensor): Tensor {
  return unary('tanh', Math.tanh, a, out);
}
/**
 * Element-wise logistic sigmoid σ(x) = 1 / (1 + e^(−x)), evaluated without overflow for large |x|.
 * @example `sigmoid(tensor([0])).toArray(); // [0.5]`
 */
export function sigmoid(a: Tensor, out?: Tensor): Tensor {
  return unary(
    'sigmoid',
    (x) => {
      if (x >= 0) return 1 / (1 + Math.exp(-x));
      const e = Math.exp(x);
      return e / (1 + e);
    },
    a,
    out,
  );
}
/** Element-wise max(0, a). @example `relu(tensor([-1, 2])).toArray(); // [0, 2]` */
export function relu(a: Tensor, out?: Tensor): Tensor {
  return unary('relu', (x) => (x > 0 ? x : x === x ? 0 : x), a, out);
}

/**
 * A new tensor (same shape and dtype) with fn applied to each element; `flatIndex` is the
 * row-major position.
 * @example
 * ```ts
 * map(tensor([1, 2]), (v, i) => v * 10 + i).toArray(); // [10, 21]
 * ```
 */
export function map(a: Tensor, fn: (value: number, flatIndex: number) => number): Tensor {
  assertTensor('map', a);
  if (typeof fn !== 'function')
    throw new TensorError('map', `fn must be a function, got ${typeof fn}`);
  const src = a.toTypedArray();
  const out = allocate(a.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = fn(src[i] as number, i);
  return new Tensor(out, a.shape);
}
