import onnxProto from 'onnx-proto';

/** The protobufjs classes of the official ONNX schema (onnx.proto), from `onnx-proto`. @internal */
export const proto = onnxProto.onnx;
/** ONNX TensorProto.DataType codes used here. @internal */
export const FLOAT = onnxProto.onnx.TensorProto.DataType.FLOAT;
/** @internal */
export const DOUBLE = onnxProto.onnx.TensorProto.DataType.DOUBLE;
/** @internal */
export const INT64 = onnxProto.onnx.TensorProto.DataType.INT64;
