// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the PoolOps.td group: max_pool1d/2d/3d, avg_pool1d/2d/3d,
// adaptive_avg_pool1d/2d/3d, mean. Output sizes are PyTorch 1.13's
// (pooling_output_shape, ceil_mode included); errors are in pool-errors.mlir.

//===----------------------------------------------------------------------===//
// max_pool1d/2d/3d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @max_pool2d_defaults
func.func @max_pool2d_defaults(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  // stride defaults to kernel_size and stays absent.
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// CHECK-LABEL: func.func @max_pool2d_explicit_defaults_elided
func.func @max_pool2d_explicit_defaults_elided(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  // padding 0, dilation 1 and ceil_mode false are elided; an explicit stride
  // (optional, no default) is kept even when it equals the kernel.
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                            padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = false}
      : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// CHECK-LABEL: func.func @max_pool2d_resnet
func.func @max_pool2d_resnet(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  // ResNet maxpool: k3 s2 p1, 112 -> 56.
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @max_pool2d_ceil_mode
func.func @max_pool2d_ceil_mode(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  // GoogLeNet maxpool: k3 s2 ceil_mode gives ceil(109 / 2) + 1 = 56 (floor: 55).
  // CHECK: quill.max_pool2d %{{.*}} {ceil_mode = true, kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, ceil_mode = true}
      : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @max_pool2d_floor_mode
func.func @max_pool2d_floor_mode(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x55x55xf32> {
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x55x55xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>}
      : tensor<1x64x112x112xf32> -> tensor<1x64x55x55xf32>
  return %y : tensor<1x64x55x55xf32>
}

// CHECK-LABEL: func.func @max_pool2d_all_attributes
func.func @max_pool2d_all_attributes(%x: tensor<1x2x10x11xf32>) -> tensor<1x2x5x12xf32> {
  // H: ceil((10 + 2 - 2*2 - 1) / 2) + 1 = 5 (floor: 4); W: (11 + 2 - 1 - 1) / 1 + 1 = 12.
  // CHECK: quill.max_pool2d %{{.*}} {ceil_mode = true, dilation = array<i64: 2, 1>, kernel_size = array<i64: 3, 2>, padding = array<i64: 1, 1>, stride = array<i64: 2, 1>} : tensor<1x2x10x11xf32> -> tensor<1x2x5x12xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 2, 1>, padding = array<i64: 1, 1>,
                            dilation = array<i64: 2, 1>, ceil_mode = true}
      : tensor<1x2x10x11xf32> -> tensor<1x2x5x12xf32>
  return %y : tensor<1x2x5x12xf32>
}

// CHECK-LABEL: func.func @max_pool2d_unbatched
func.func @max_pool2d_unbatched(%x: tensor<4x8x8xf32>) -> tensor<4x4x4xf32> {
  // [C, H, W] input, as nn.MaxPool2d accepts.
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>} : tensor<4x8x8xf32> -> tensor<4x4x4xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<4x8x8xf32> -> tensor<4x4x4xf32>
  return %y : tensor<4x4x4xf32>
}

// CHECK-LABEL: func.func @max_pool2d_dynamic
func.func @max_pool2d_dynamic(%x: tensor<?x4x?x9xf32>) -> tensor<?x4x?x4xf32> {
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<?x4x?x9xf32> -> tensor<?x4x?x4xf32>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<?x4x?x9xf32> -> tensor<?x4x?x4xf32>
  return %y : tensor<?x4x?x4xf32>
}

// CHECK-LABEL: func.func @max_pool2d_quantized
func.func @max_pool2d_quantized(%x: tensor<1x64x112x112x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<1x64x56x56x!quant.uniform<u8:f32, 0.1:128>> {
  // The result keeps the input's scale and zero point.
  // CHECK: quill.max_pool2d %{{.*}} {kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<1x64x112x112x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x64x56x56x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : tensor<1x64x112x112x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x64x56x56x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x64x56x56x!quant.uniform<u8:f32, 0.1:128>>
}

// CHECK-LABEL: func.func @max_pool1d_default_stride
func.func @max_pool1d_default_stride(%x: tensor<1x4x10xf32>) -> tensor<1x4x3xf32> {
  // stride = kernel = 3: (10 - 3) / 3 + 1 = 3.
  // CHECK: quill.max_pool1d %{{.*}} {kernel_size = array<i64: 3>} : tensor<1x4x10xf32> -> tensor<1x4x3xf32>
  %y = quill.max_pool1d %x {kernel_size = array<i64: 3>} : tensor<1x4x10xf32> -> tensor<1x4x3xf32>
  return %y : tensor<1x4x3xf32>
}

// CHECK-LABEL: func.func @max_pool1d_ceil_mode_last_window_dropped
func.func @max_pool1d_ceil_mode_last_window_dropped(%x: tensor<1x1x5xf32>) -> tensor<1x1x3xf32> {
  // ceil((5 + 2 - 1 - 1) / 2) + 1 = 4, but the 4th window would start at
  // 6 >= 5 + 1 (inside the right padding) and is dropped: 3.
  // CHECK: quill.max_pool1d %{{.*}} {ceil_mode = true, kernel_size = array<i64: 2>, padding = array<i64: 1>, stride = array<i64: 2>} : tensor<1x1x5xf32> -> tensor<1x1x3xf32>
  %y = quill.max_pool1d %x {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 1>, ceil_mode = true}
      : tensor<1x1x5xf32> -> tensor<1x1x3xf32>
  return %y : tensor<1x1x3xf32>
}

// CHECK-LABEL: func.func @max_pool1d_unbatched_dilated
func.func @max_pool1d_unbatched_dilated(%x: tensor<4x10xf32>) -> tensor<4x6xf32> {
  // [C, L] input; (10 + 2 - 3*2 - 1) / 1 + 1 = 6. Padding 1 <= 3 / 2.
  // CHECK: quill.max_pool1d %{{.*}} {dilation = array<i64: 3>, kernel_size = array<i64: 3>, padding = array<i64: 1>, stride = array<i64: 1>} : tensor<4x10xf32> -> tensor<4x6xf32>
  %y = quill.max_pool1d %x {kernel_size = array<i64: 3>, stride = array<i64: 1>, padding = array<i64: 1>, dilation = array<i64: 3>}
      : tensor<4x10xf32> -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// CHECK-LABEL: func.func @max_pool3d_torch_doc
func.func @max_pool3d_torch_doc(%x: tensor<20x16x50x44x31xf32>) -> tensor<20x16x24x43x15xf32> {
  // nn.MaxPool3d((3, 2, 2), stride=(2, 1, 2)).
  // CHECK: quill.max_pool3d %{{.*}} {kernel_size = array<i64: 3, 2, 2>, stride = array<i64: 2, 1, 2>} : tensor<20x16x50x44x31xf32> -> tensor<20x16x24x43x15xf32>
  %y = quill.max_pool3d %x {kernel_size = array<i64: 3, 2, 2>, stride = array<i64: 2, 1, 2>}
      : tensor<20x16x50x44x31xf32> -> tensor<20x16x24x43x15xf32>
  return %y : tensor<20x16x24x43x15xf32>
}

// CHECK-LABEL: func.func @max_pool3d_all_attributes_quantized
func.func @max_pool3d_all_attributes_quantized(%x: tensor<1x2x8x8x9x!quant.uniform<i8:f32, 0.5:-7>>)
    -> tensor<1x2x4x4x5x!quant.uniform<i8:f32, 0.5:-7>> {
  // D, H: ceil((8 + 2 - 2*2 - 1) / 2) + 1 = 4 (floor: 3);
  // W (dilation 1): ceil((9 + 2 - 2 - 1) / 2) + 1 = 5.
  // CHECK: quill.max_pool3d %{{.*}} {ceil_mode = true, dilation = array<i64: 2, 2, 1>, kernel_size = array<i64: 3, 3, 3>, padding = array<i64: 1, 1, 1>, stride = array<i64: 2, 2, 2>} : tensor<1x2x8x8x9x!quant.uniform<i8:f32, 5.000000e-01:-7>> -> tensor<1x2x4x4x5x!quant.uniform<i8:f32, 5.000000e-01:-7>>
  %y = quill.max_pool3d %x {kernel_size = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>,
                            padding = array<i64: 1, 1, 1>, dilation = array<i64: 2, 2, 1>, ceil_mode = true}
      : tensor<1x2x8x8x9x!quant.uniform<i8:f32, 0.5:-7>> -> tensor<1x2x4x4x5x!quant.uniform<i8:f32, 0.5:-7>>
  return %y : tensor<1x2x4x4x5x!quant.uniform<i8:f32, 0.5:-7>>
}

//===----------------------------------------------------------------------===//
// avg_pool1d/2d/3d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @avg_pool2d_defaults
func.func @avg_pool2d_defaults(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  // count_include_pad (default true) and ceil_mode (default false) are elided.
  // CHECK: quill.avg_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>, count_include_pad = true, ceil_mode = false,
                            padding = array<i64: 0, 0>}
      : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// CHECK-LABEL: func.func @avg_pool2d_all_attributes
func.func @avg_pool2d_all_attributes(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x5x5xf32> {
  // ceil((8 + 2 - 3) / 2) + 1 = 5 (floor: 4); the 5th window starts at 8 < 8 + 1.
  // CHECK: quill.avg_pool2d %{{.*}} {ceil_mode = true, count_include_pad = false, divisor_override = 4 : i64, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x5x5xf32>
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
                            ceil_mode = true, count_include_pad = false, divisor_override = 4 : i64}
      : tensor<1x3x8x8xf32> -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// CHECK-LABEL: func.func @avg_pool2d_unbatched_dynamic
func.func @avg_pool2d_unbatched_dynamic(%x: tensor<?x?x7xf32>) -> tensor<?x?x3xf32> {
  // CHECK: quill.avg_pool2d %{{.*}} {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<?x?x7xf32> -> tensor<?x?x3xf32>
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<?x?x7xf32> -> tensor<?x?x3xf32>
  return %y : tensor<?x?x3xf32>
}

// CHECK-LABEL: func.func @avg_pool2d_quantized
func.func @avg_pool2d_quantized(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.avg_pool2d %{{.*}} {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>}
      : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>
}

// CHECK-LABEL: func.func @avg_pool1d_torch_doc
func.func @avg_pool1d_torch_doc(%x: tensor<1x1x7xf32>) -> tensor<1x1x3xf32> {
  // nn.AvgPool1d(3, stride=2) on [[[1, 2, 3, 4, 5, 6, 7]]] -> [[[2, 4, 6]]].
  // CHECK: quill.avg_pool1d %{{.*}} {kernel_size = array<i64: 3>, stride = array<i64: 2>} : tensor<1x1x7xf32> -> tensor<1x1x3xf32>
  %y = quill.avg_pool1d %x {kernel_size = array<i64: 3>, stride = array<i64: 2>} : tensor<1x1x7xf32> -> tensor<1x1x3xf32>
  return %y : tensor<1x1x3xf32>
}

// CHECK-LABEL: func.func @avg_pool1d_unbatched_all_attributes
func.func @avg_pool1d_unbatched_all_attributes(%x: tensor<4x6xf32>) -> tensor<4x4xf32> {
  // ceil((6 + 2 - 3) / 2) + 1 = 4; the last window starts at 6 < 6 + 1.
  // CHECK: quill.avg_pool1d %{{.*}} {ceil_mode = true, count_include_pad = false, divisor_override = 2 : i64, kernel_size = array<i64: 3>, padding = array<i64: 1>, stride = array<i64: 2>} : tensor<4x6xf32> -> tensor<4x4xf32>
  %y = quill.avg_pool1d %x {kernel_size = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>,
                            ceil_mode = true, count_include_pad = false, divisor_override = 2 : i64}
      : tensor<4x6xf32> -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}

// CHECK-LABEL: func.func @avg_pool3d_torch_doc
func.func @avg_pool3d_torch_doc(%x: tensor<20x16x50x44x31xf32>) -> tensor<20x16x24x43x15xf32> {
  // nn.AvgPool3d((3, 2, 2), stride=(2, 1, 2)).
  // CHECK: quill.avg_pool3d %{{.*}} {kernel_size = array<i64: 3, 2, 2>, stride = array<i64: 2, 1, 2>} : tensor<20x16x50x44x31xf32> -> tensor<20x16x24x43x15xf32>
  %y = quill.avg_pool3d %x {kernel_size = array<i64: 3, 2, 2>, stride = array<i64: 2, 1, 2>}
      : tensor<20x16x50x44x31xf32> -> tensor<20x16x24x43x15xf32>
  return %y : tensor<20x16x24x43x15xf32>
}

// CHECK-LABEL: func.func @avg_pool3d_input_equals_kernel_quantized
func.func @avg_pool3d_input_equals_kernel_quantized(%x: tensor<2x3x3x3x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<2x3x3x3x!quant.uniform<u8:f32, 0.1:128>> {
  // Unbatched [C, D, H, W]; each input size equals the kernel, which avg_pool3d requires.
  // CHECK: quill.avg_pool3d %{{.*}} {count_include_pad = false, kernel_size = array<i64: 3, 3, 3>, padding = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>} : tensor<2x3x3x3x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x3x3x3x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.avg_pool3d %x {kernel_size = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>,
                            padding = array<i64: 1, 1, 1>, count_include_pad = false}
      : tensor<2x3x3x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x3x3x3x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<2x3x3x3x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// adaptive_avg_pool1d/2d/3d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @adaptive_avg_pool2d_global
func.func @adaptive_avg_pool2d_global(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  // ResNet's avgpool.
  // CHECK: quill.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 1, 1>} : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
  return %y : tensor<1x512x1x1xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_torch_doc
func.func @adaptive_avg_pool2d_torch_doc(%x: tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32> {
  // nn.AdaptiveAvgPool2d((5, 7)).
  // CHECK: quill.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 5, 7>} : tensor<1x64x8x9xf32> -> tensor<1x64x5x7xf32>
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 5, 7>} : tensor<1x64x8x9xf32> -> tensor<1x64x5x7xf32>
  return %y : tensor<1x64x5x7xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_upsampling_unbatched
func.func @adaptive_avg_pool2d_upsampling_unbatched(%x: tensor<4x3x3xf32>) -> tensor<4x5x5xf32> {
  // An output larger than the input is allowed (overlapping windows).
  // CHECK: quill.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 5, 5>} : tensor<4x3x3xf32> -> tensor<4x5x5xf32>
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 5, 5>} : tensor<4x3x3xf32> -> tensor<4x5x5xf32>
  return %y : tensor<4x5x5xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_dynamic
func.func @adaptive_avg_pool2d_dynamic(%x: tensor<?x?x?x?xf32>) -> tensor<?x?x1x1xf32> {
  // CHECK: quill.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 1, 1>} : tensor<?x?x?x?xf32> -> tensor<?x?x1x1xf32>
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<?x?x?x?xf32> -> tensor<?x?x1x1xf32>
  return %y : tensor<?x?x1x1xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_quantized
func.func @adaptive_avg_pool2d_quantized(%x: tensor<1x512x7x7x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<1x512x1x1x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.adaptive_avg_pool2d %{{.*}} {output_size = array<i64: 1, 1>} : tensor<1x512x7x7x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x512x1x1x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>}
      : tensor<1x512x7x7x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x512x1x1x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x512x1x1x!quant.uniform<u8:f32, 0.1:128>>
}

// CHECK-LABEL: func.func @adaptive_avg_pool1d_torch_doc
func.func @adaptive_avg_pool1d_torch_doc(%x: tensor<1x64x8xf32>) -> tensor<1x64x5xf32> {
  // nn.AdaptiveAvgPool1d(5).
  // CHECK: quill.adaptive_avg_pool1d %{{.*}} {output_size = array<i64: 5>} : tensor<1x64x8xf32> -> tensor<1x64x5xf32>
  %y = quill.adaptive_avg_pool1d %x {output_size = array<i64: 5>} : tensor<1x64x8xf32> -> tensor<1x64x5xf32>
  return %y : tensor<1x64x5xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool1d_unbatched
func.func @adaptive_avg_pool1d_unbatched(%x: tensor<64x?xf32>) -> tensor<64x1xf32> {
  // CHECK: quill.adaptive_avg_pool1d %{{.*}} {output_size = array<i64: 1>} : tensor<64x?xf32> -> tensor<64x1xf32>
  %y = quill.adaptive_avg_pool1d %x {output_size = array<i64: 1>} : tensor<64x?xf32> -> tensor<64x1xf32>
  return %y : tensor<64x1xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool3d_torch_doc
func.func @adaptive_avg_pool3d_torch_doc(%x: tensor<1x64x8x9x10xf32>) -> tensor<1x64x5x7x9xf32> {
  // nn.AdaptiveAvgPool3d((5, 7, 9)).
  // CHECK: quill.adaptive_avg_pool3d %{{.*}} {output_size = array<i64: 5, 7, 9>} : tensor<1x64x8x9x10xf32> -> tensor<1x64x5x7x9xf32>
  %y = quill.adaptive_avg_pool3d %x {output_size = array<i64: 5, 7, 9>} : tensor<1x64x8x9x10xf32> -> tensor<1x64x5x7x9xf32>
  return %y : tensor<1x64x5x7x9xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool3d_quantized_unbatched
func.func @adaptive_avg_pool3d_quantized_unbatched(%x: tensor<2x4x4x4x!quant.uniform<i8:f32, 0.2:3>>)
    -> tensor<2x1x1x1x!quant.uniform<i8:f32, 0.2:3>> {
  // CHECK: quill.adaptive_avg_pool3d %{{.*}} {output_size = array<i64: 1, 1, 1>} : tensor<2x4x4x4x!quant.uniform<i8:f32, 2.000000e-01:3>> -> tensor<2x1x1x1x!quant.uniform<i8:f32, 2.000000e-01:3>>
  %y = quill.adaptive_avg_pool3d %x {output_size = array<i64: 1, 1, 1>}
      : tensor<2x4x4x4x!quant.uniform<i8:f32, 0.2:3>> -> tensor<2x1x1x1x!quant.uniform<i8:f32, 0.2:3>>
  return %y : tensor<2x1x1x1x!quant.uniform<i8:f32, 0.2:3>>
}

//===----------------------------------------------------------------------===//
// mean
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @mean_spatial_keepdim
func.func @mean_spatial_keepdim(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x1x1xf32> {
  // CHECK: quill.mean %{{.*}} {dims = array<i64: 2, 3>, keepdim = true} : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
  %y = quill.mean %x {dims = array<i64: 2, 3>, keepdim = true} : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
  return %y : tensor<1x4x1x1xf32>
}

// CHECK-LABEL: func.func @mean_negative_dim
func.func @mean_negative_dim(%x: tensor<2x3x4xf32>) -> tensor<2x3xf32> {
  // keepdim false (the default) is elided.
  // CHECK: quill.mean %{{.*}} {dims = array<i64: -1>} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  %y = quill.mean %x {dims = array<i64: -1>, keepdim = false} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @mean_unordered_mixed_sign_dims
func.func @mean_unordered_mixed_sign_dims(%x: tensor<2x3x4xf32>) -> tensor<2xf32> {
  // CHECK: quill.mean %{{.*}} {dims = array<i64: -1, 1>} : tensor<2x3x4xf32> -> tensor<2xf32>
  %y = quill.mean %x {dims = array<i64: -1, 1>} : tensor<2x3x4xf32> -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// CHECK-LABEL: func.func @mean_all_dims
func.func @mean_all_dims(%x: tensor<2x3x4xf32>) -> tensor<f32> {
  // Empty dims (the default, elided) reduce every dimension to a rank-0 result.
  // CHECK: quill.mean %{{.*}} : tensor<2x3x4xf32> -> tensor<f32>
  %y = quill.mean %x {dims = array<i64>} : tensor<2x3x4xf32> -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @mean_all_dims_keepdim
func.func @mean_all_dims_keepdim(%x: tensor<2x3x4xf32>) -> tensor<1x1x1xf32> {
  // CHECK: quill.mean %{{.*}} {keepdim = true} : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
  %y = quill.mean %x {keepdim = true} : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
  return %y : tensor<1x1x1xf32>
}

// CHECK-LABEL: func.func @mean_rank0
func.func @mean_rank0(%x: tensor<f32>) -> tensor<f32> {
  // As in PyTorch, a rank-0 input accepts dim 0 (and -1).
  // CHECK: quill.mean %{{.*}} {dims = array<i64: 0>, keepdim = true} : tensor<f32> -> tensor<f32>
  %y = quill.mean %x {dims = array<i64: 0>, keepdim = true} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @mean_dynamic
func.func @mean_dynamic(%x: tensor<?x4x?xf32>) -> tensor<?x4xf32> {
  // CHECK: quill.mean %{{.*}} {dims = array<i64: 2>} : tensor<?x4x?xf32> -> tensor<?x4xf32>
  %y = quill.mean %x {dims = array<i64: 2>} : tensor<?x4x?xf32> -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @mean_quantized
func.func @mean_quantized(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x4x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.mean %{{.*}} {dims = array<i64: -2, -1>} : tensor<1x4x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.mean %x {dims = array<i64: -2, -1>}
      : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x4x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x4x!quant.uniform<u8:f32, 0.1:128>>
}
