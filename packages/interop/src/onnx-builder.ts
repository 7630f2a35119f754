import type { onnx } from 'onnx-proto';
import { InteropError } from './errors.js';
import { DOUBLE, FLOAT, INT64, proto } from './onnx-proto.js';

/** Element type of an exported graph. */
export type OnnxDtype = 'float32' | 'float64';

/** Options of the ONNX exporters. */
export interface OnnxExportOptions {
  /** Graph element type (default: the model's own dtype; float64 for the classical models). */
  readonly dtype?: OnnxDtype;
  /** Graph name (default: the model's type). */
  readonly name?: string;
  /** Model doc string (default: a one-line description of the model). */
  readonly docString?: string;
  /** Name of the graph input (default `"input"`). */
  readonly inputName?: string;
  /** Default-domain opset version, ≥ 17 (default 17). */
  readonly opset?: number;
}

/** Version written into `producer_version`. @internal */
export const PRODUCER_VERSION = '0.0.0';

type Attr = number | readonly number[] | string;

/** Builds an ONNX graph node by node with the onnx-proto classes. @internal */
export class GraphBuilder {
  readonly elemType: number;
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inits: onnx.ITensorProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(readonly dtype: OnnxDtype) {
    this.elemType = dtype === 'float32' ? FLOAT : DOUBLE;
  }

  /** A fresh value name with the given prefix. */
  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Adds a float initializer (converted to the graph's dtype) and returns its name. */
  constant(name: string, data: ArrayLike<number>, dims: readonly number[]): string {
    const values = Array.from(data);
    const t: onnx.ITensorProto = { name, dims: [...dims], dataType: this.elemType };
    const buf =
      this.dtype === 'float32' ? toFloat32('toOnnx', name, values) : Float64Array.from(values);
    t.rawData = new Uint8Array(littleEndian(buf));
    this.inits.push(t);
    return name;
  }

  /** Adds an int64 initializer. */
  int64(name: string, data: readonly number[]): string {
    this.inits.push({ name, dims: [data.length], dataType: INT64, int64Data: [...data] });
    return name;
  }

  /** Appends a node; returns its first output. */
  node(
    opType: string,
    inputs: readonly string[],
    output: string,
    attrs: Record<string, Attr> = {},
    docString?: string,
  ): string {
    const attribute: onnx.IAttributeProto[] = Object.entries(attrs).map(([name, v]) => {
      if (typeof v === 'string')
        return {
          name,
          type: proto.AttributeProto.AttributeType.STRING,
          s: new TextEncoder().encode(v),
        };
      if (typeof v === 'number') {
        return Number.isInteger(v) && !name.startsWith('alpha') && name !== 'beta'
          ? { name, type: proto.AttributeProto.AttributeType.INT, i: v }
          : { name, type: proto.AttributeProto.AttributeType.FLOAT, f: v };
      }
      return { name, type: proto.AttributeProto.AttributeType.INTS, ints: [...v] };
    });
    this.nodes.push({
      opType,
      input: [...inputs],
      output: [output],
      name: output,
      attribute,
      ...(docString === undefined ? {} : { docString }),
    });
    return output;
  }

  /** Declares the graph input [batch, width] with a symbolic batch dimension. */
  input(name: string, width: number, docString: string): string {
    this.inputs.push(valueInfo(name, this.elemType, width, docString));
    return name;
  }

  /** Declares a graph output [batch, width] (width null: [batch]) of the given element type. */
  output(name: string, width: number | null, docString: string, elemType = this.elemType): void {
    this.outputs.push(valueInfo(name, elemType, width, docString));
  }

  /** Serialises the model. */
  encode(meta: {
    name: string;
    docString: string;
    opset: number;
    metadata?: Record<string, string>;
  }): Uint8Array {
    const model = proto.ModelProto.create({
      irVersion: 8,
      producerName: '@termgrad/interop',
      producerVersion: PRODUCER_VERSION,
      domain: 'dev.termgrad',
      modelVersion: 1,
      docString: meta.docString,
      opsetImport: [{ domain: '', version: meta.opset }],
      metadataProps: Object.entries(meta.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: meta.name,
        docString: meta.docString,
        node: this.nodes,
        initializer: this.inits,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return proto.ModelProto.encode(model).finish();
  }
}

function valueInfo(
  name: string,
  elemType: number,
  width: number | null,
  docString: string,
): onnx.IValueInfoProto {
  const dim: onnx.TensorShapeProto.IDimension[] = [{ dimParam: 'batch' }];
  if (width !== null) dim.push({ dimValue: width });
  return { name, docString, type: { tensorType: { elemType, shape: { dim } } } };
}

/**
 * Rounds values to float32 for a float32 export; a finite value beyond the float32 range (which
 * would silently become ±Infinity) is an error naming the tensor and index. Tiny values round to
 * float32 subnormals or zero, as in any float32 computation. @internal
 */
export function toFloat32(op: string, name: string, values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values);
  for (let i = 0; i < out.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(out[i] as number) && Number.isFinite(v))
      throw new InteropError(
        op,
        `${name}[${i}] = ${v} is outside the float32 range (±3.4028234663852886e+38); export it as float64 or rescale the model`,
      );
  }
  return out;
}

/** The bytes of a typed array in little-endian order (whatever the platform's order). @internal */
export function littleEndian(a: Float32Array | Float64Array): ArrayBuffer {
  const size = a.BYTES_PER_ELEMENT;
  const out = new ArrayBuffer(a.length * size);
  const view = new DataView(out);
  for (let i = 0; i < a.length; i++) {
    if (size === 4) view.setFloat32(i * 4, a[i] as number, true);
    else view.setFloat64(i * 8, a[i] as number, true);
  }
  return out;
}
