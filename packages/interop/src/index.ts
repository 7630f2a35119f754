export { InteropError } from './errors.js';
export { type OnnxDtype, type OnnxExportOptions } from './onnx-builder.js';
export { toOnnx, type OnnxExportable } from './onnx-export.js';
export { fromOnnx } from './onnx-import.js';
