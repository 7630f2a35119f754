export { InteropError } from './errors.js';
export { type OnnxDtype, type OnnxExportOptions } from './onnx-builder.js';
export { toOnnx, type OnnxExportable } from './onnx-export.js';
export { fromOnnx } from './onnx-import.js';
export { fromTfjs, tfjsIOHandler, tfjsModelJson, toTfjs, type TfjsArtifacts, type TfjsModelJson, type TfjsWeightSpec } from './tfjs.js';
