export { TermgradError } from '@termgrad/tensor';
export { InteropError } from './errors.js';
export type { OnnxDtype, OnnxExportOptions } from './onnx-builder.js';
export { type OnnxExportable, toOnnx } from './onnx-export.js';
export { fromOnnx } from './onnx-import.js';
export {
  fromTfjs,
  type TfjsArtifacts,
  type TfjsModelJson,
  type TfjsWeightSpec,
  tfjsIOHandler,
  tfjsModelJson,
  toTfjs,
} from './tfjs.js';
