/** Activation codes shared by the fused kernels of both dtypes (mlp-kernels-f64.ts, mlp-kernels-f32.ts). */
export const LINEAR = 0;
export const SIGMOID = 1;
export const TANH = 2;
export const RELU = 3;
export const LEAKY_RELU = 4;
export const SOFTMAX = 5;
