// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the NormOps.td group: batch_norm, layer_norm, group_norm,
// instance_norm, with and without their optional operands. Errors are in
// norm-errors.mlir.

//===----------------------------------------------------------------------===//
// batch_norm (eval form: running statistics always present)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @batch_norm2d_affine
func.func @batch_norm2d_affine(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>,
                               %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // The default eps (1e-05) is elided.
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} weight %{{.*}} bias %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.batch_norm %x, %mean, %var weight %g bias %b {eps = 1.0e-05 : f64}
      : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @batch_norm2d_no_affine
func.func @batch_norm2d_no_affine(%x: tensor<2x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<2x4x8x8xf32> {
  // nn.BatchNorm2d(4, affine=False), non-default eps.
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} {eps = 1.000000e-03 : f64} : (tensor<2x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x8x8xf32>
  %y = quill.batch_norm %x, %mean, %var {eps = 1.0e-03 : f64}
      : (tensor<2x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x8x8xf32>
  return %y : tensor<2x4x8x8xf32>
}

// CHECK-LABEL: func.func @batch_norm_weight_only
func.func @batch_norm_weight_only(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>,
                                  %g: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // F.batch_norm(weight=g, bias=None).
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} weight %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.batch_norm %x, %mean, %var weight %g
      : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @batch_norm_bias_only
func.func @batch_norm_bias_only(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>,
                                %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.batch_norm %x, %mean, %var bias %b
      : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @batch_norm1d_2d_input
func.func @batch_norm1d_2d_input(%x: tensor<20x100xf32>, %mean: tensor<100xf32>, %var: tensor<100xf32>) -> tensor<20x100xf32> {
  // nn.BatchNorm1d(100) on [N, C].
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<20x100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100xf32>
  %y = quill.batch_norm %x, %mean, %var : (tensor<20x100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100xf32>
  return %y : tensor<20x100xf32>
}

// CHECK-LABEL: func.func @batch_norm1d_3d_input
func.func @batch_norm1d_3d_input(%x: tensor<20x100x7xf32>, %mean: tensor<100xf32>, %var: tensor<100xf32>) -> tensor<20x100x7xf32> {
  // nn.BatchNorm1d(100) on [N, C, L].
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<20x100x7xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x7xf32>
  %y = quill.batch_norm %x, %mean, %var : (tensor<20x100x7xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x7xf32>
  return %y : tensor<20x100x7xf32>
}

// CHECK-LABEL: func.func @batch_norm3d
func.func @batch_norm3d(%x: tensor<20x100x35x45x10xf32>, %mean: tensor<100xf32>, %var: tensor<100xf32>,
                        %g: tensor<100xf32>, %b: tensor<100xf32>) -> tensor<20x100x35x45x10xf32> {
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} weight %{{.*}} bias %{{.*}} {eps = 1.000000e-01 : f64} : (tensor<20x100x35x45x10xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45x10xf32>
  %y = quill.batch_norm %x, %mean, %var weight %g bias %b {eps = 0.1 : f64}
      : (tensor<20x100x35x45x10xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>)
      -> tensor<20x100x35x45x10xf32>
  return %y : tensor<20x100x35x45x10xf32>
}

// CHECK-LABEL: func.func @batch_norm_fused_relu
func.func @batch_norm_fused_relu(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>,
                                 %x3: tensor<1x4x2x2x2xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x2x2x2xf32>) {
  // nni.BNReLU2d and nni.BNReLU3d: relu applied to the batch norm's result.
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} {eps = 1.000000e-03 : f64, fused_activation = #quill.fused_activation<relu>} : (tensor<1x4x2x2x2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2x2xf32>
  %y = quill.batch_norm %x, %mean, %var {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y3 = quill.batch_norm %x3, %mean, %var {eps = 1.0e-03 : f64, fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x4x2x2x2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2x2xf32>
  return %y, %y3 : tensor<1x4x8x8xf32>, tensor<1x4x2x2x2xf32>
}

// CHECK-LABEL: func.func @batch_norm_dynamic
func.func @batch_norm_dynamic(%x: tensor<?x?x?x?xf32>, %mean: tensor<4xf32>, %var: tensor<?xf32>) -> tensor<?x4x?x?xf32> {
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x?x?x?xf32>, tensor<4xf32>, tensor<?xf32>) -> tensor<?x4x?x?xf32>
  %y = quill.batch_norm %x, %mean, %var : (tensor<?x?x?x?xf32>, tensor<4xf32>, tensor<?xf32>) -> tensor<?x4x?x?xf32>
  return %y : tensor<?x4x?x?xf32>
}

// CHECK-LABEL: func.func @batch_norm_quantized
func.func @batch_norm_quantized(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, %mean: tensor<4xf32>,
                                %var: tensor<4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>)
    -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.05:100>> {
  // quantized::batch_norm2d: int8 data, float statistics, its own output qparams.
  // CHECK: quill.batch_norm %{{.*}}, %{{.*}}, %{{.*}} weight %{{.*}} bias %{{.*}} : (tensor<1x4x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 5.000000e-02:100>>
  %y = quill.batch_norm %x, %mean, %var weight %g bias %b
      : (tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.05:100>>
  return %y : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.05:100>>
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @layer_norm_affine
func.func @layer_norm_affine(%x: tensor<2x16xf32>, %g: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<2x16xf32> {
  // CHECK: quill.layer_norm %{{.*}} weight %{{.*}} bias %{{.*}} {normalized_shape = array<i64: 16>} : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  %y = quill.layer_norm %x weight %g bias %b {normalized_shape = array<i64: 16>}
      : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// CHECK-LABEL: func.func @layer_norm_image
func.func @layer_norm_image(%x: tensor<20x5x10x10xf32>, %g: tensor<5x10x10xf32>, %b: tensor<5x10x10xf32>) -> tensor<20x5x10x10xf32> {
  // torch docs: nn.LayerNorm([C, H, W]) on [N, C, H, W]; non-default eps.
  // CHECK: quill.layer_norm %{{.*}} weight %{{.*}} bias %{{.*}} {eps = 9.9999999999999995E-7 : f64, normalized_shape = array<i64: 5, 10, 10>} : (tensor<20x5x10x10xf32>, tensor<5x10x10xf32>, tensor<5x10x10xf32>) -> tensor<20x5x10x10xf32>
  %y = quill.layer_norm %x weight %g bias %b {normalized_shape = array<i64: 5, 10, 10>, eps = 1.0e-06 : f64}
      : (tensor<20x5x10x10xf32>, tensor<5x10x10xf32>, tensor<5x10x10xf32>) -> tensor<20x5x10x10xf32>
  return %y : tensor<20x5x10x10xf32>
}

// CHECK-LABEL: func.func @layer_norm_no_affine
func.func @layer_norm_no_affine(%x: tensor<4x7x32xf32>) -> tensor<4x7x32xf32> {
  // elementwise_affine=False; normalizing over the whole input is allowed.
  // CHECK: quill.layer_norm %{{.*}} {normalized_shape = array<i64: 4, 7, 32>} : (tensor<4x7x32xf32>) -> tensor<4x7x32xf32>
  %y = quill.layer_norm %x {normalized_shape = array<i64: 4, 7, 32>} : (tensor<4x7x32xf32>) -> tensor<4x7x32xf32>
  return %y : tensor<4x7x32xf32>
}

// CHECK-LABEL: func.func @layer_norm_weight_only
func.func @layer_norm_weight_only(%x: tensor<4x7x32xf32>, %g: tensor<32xf32>) -> tensor<4x7x32xf32> {
  // CHECK: quill.layer_norm %{{.*}} weight %{{.*}} {normalized_shape = array<i64: 32>} : (tensor<4x7x32xf32>, tensor<32xf32>) -> tensor<4x7x32xf32>
  %y = quill.layer_norm %x weight %g {normalized_shape = array<i64: 32>} : (tensor<4x7x32xf32>, tensor<32xf32>) -> tensor<4x7x32xf32>
  return %y : tensor<4x7x32xf32>
}

// CHECK-LABEL: func.func @layer_norm_bias_only
func.func @layer_norm_bias_only(%x: tensor<4x7x32xf32>, %b: tensor<32xf32>) -> tensor<4x7x32xf32> {
  // CHECK: quill.layer_norm %{{.*}} bias %{{.*}} {normalized_shape = array<i64: 32>} : (tensor<4x7x32xf32>, tensor<32xf32>) -> tensor<4x7x32xf32>
  %y = quill.layer_norm %x bias %b {normalized_shape = array<i64: 32>} : (tensor<4x7x32xf32>, tensor<32xf32>) -> tensor<4x7x32xf32>
  return %y : tensor<4x7x32xf32>
}

// CHECK-LABEL: func.func @layer_norm_dynamic
func.func @layer_norm_dynamic(%x: tensor<?x?x768xf32>, %g: tensor<768xf32>, %b: tensor<?xf32>) -> tensor<?x?x768xf32> {
  // BERT-style [batch, seq, hidden] with unknown batch and sequence.
  // CHECK: quill.layer_norm %{{.*}} weight %{{.*}} bias %{{.*}} {eps = 9.9999999999999998E-13 : f64, normalized_shape = array<i64: 768>} : (tensor<?x?x768xf32>, tensor<768xf32>, tensor<?xf32>) -> tensor<?x?x768xf32>
  %y = quill.layer_norm %x weight %g bias %b {normalized_shape = array<i64: 768>, eps = 1.0e-12 : f64}
      : (tensor<?x?x768xf32>, tensor<768xf32>, tensor<?xf32>) -> tensor<?x?x768xf32>
  return %y : tensor<?x?x768xf32>
}

// CHECK-LABEL: func.func @layer_norm_quantized
func.func @layer_norm_quantized(%x: tensor<2x16x!quant.uniform<i8:f32, 0.1:-1>>, %g: tensor<16xf32>, %b: tensor<16xf32>)
    -> tensor<2x16x!quant.uniform<i8:f32, 0.02:3>> {
  // quantized::layer_norm: float affine parameters, own output qparams.
  // CHECK: quill.layer_norm %{{.*}} weight %{{.*}} bias %{{.*}} {normalized_shape = array<i64: 16>} : (tensor<2x16x!quant.uniform<i8:f32, 1.000000e-01:-1>>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x!quant.uniform<i8:f32, 2.000000e-02:3>>
  %y = quill.layer_norm %x weight %g bias %b {normalized_shape = array<i64: 16>}
      : (tensor<2x16x!quant.uniform<i8:f32, 0.1:-1>>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x16x!quant.uniform<i8:f32, 0.02:3>>
  return %y : tensor<2x16x!quant.uniform<i8:f32, 0.02:3>>
}

//===----------------------------------------------------------------------===//
// group_norm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @group_norm_torch_doc
func.func @group_norm_torch_doc(%x: tensor<20x6x10x10xf32>, %g: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<20x6x10x10xf32> {
  // nn.GroupNorm(3, 6) on [20, 6, 10, 10].
  // CHECK: quill.group_norm %{{.*}} weight %{{.*}} bias %{{.*}} {num_groups = 3 : i64} : (tensor<20x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
  %y = quill.group_norm %x weight %g bias %b {num_groups = 3 : i64}
      : (tensor<20x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
  return %y : tensor<20x6x10x10xf32>
}

// CHECK-LABEL: func.func @group_norm_no_affine_eps
func.func @group_norm_no_affine_eps(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  // nn.GroupNorm(4, 4, eps=1e-3, affine=False) (like InstanceNorm).
  // CHECK: quill.group_norm %{{.*}} {eps = 1.000000e-03 : f64, num_groups = 4 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.group_norm %x {num_groups = 4 : i64, eps = 1.0e-03 : f64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @group_norm_weight_only_2d
func.func @group_norm_weight_only_2d(%x: tensor<3x6xf32>, %g: tensor<6xf32>) -> tensor<3x6xf32> {
  // Rank 2 ([N, C]) is the smallest input; one group (like LayerNorm).
  // CHECK: quill.group_norm %{{.*}} weight %{{.*}} {num_groups = 1 : i64} : (tensor<3x6xf32>, tensor<6xf32>) -> tensor<3x6xf32>
  %y = quill.group_norm %x weight %g {num_groups = 1 : i64} : (tensor<3x6xf32>, tensor<6xf32>) -> tensor<3x6xf32>
  return %y : tensor<3x6xf32>
}

// CHECK-LABEL: func.func @group_norm_bias_only_5d
func.func @group_norm_bias_only_5d(%x: tensor<2x8x3x4x5xf32>, %b: tensor<8xf32>) -> tensor<2x8x3x4x5xf32> {
  // CHECK: quill.group_norm %{{.*}} bias %{{.*}} {num_groups = 2 : i64} : (tensor<2x8x3x4x5xf32>, tensor<8xf32>) -> tensor<2x8x3x4x5xf32>
  %y = quill.group_norm %x bias %b {num_groups = 2 : i64} : (tensor<2x8x3x4x5xf32>, tensor<8xf32>) -> tensor<2x8x3x4x5xf32>
  return %y : tensor<2x8x3x4x5xf32>
}

// CHECK-LABEL: func.func @group_norm_dynamic
func.func @group_norm_dynamic(%x: tensor<?x?x?x?xf32>, %g: tensor<32xf32>, %b: tensor<32xf32>) -> tensor<?x32x?x?xf32> {
  // Unknown channels: divisibility by num_groups cannot be checked.
  // CHECK: quill.group_norm %{{.*}} weight %{{.*}} bias %{{.*}} {num_groups = 8 : i64} : (tensor<?x?x?x?xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<?x32x?x?xf32>
  %y = quill.group_norm %x weight %g bias %b {num_groups = 8 : i64}
      : (tensor<?x?x?x?xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<?x32x?x?xf32>
  return %y : tensor<?x32x?x?xf32>
}

// CHECK-LABEL: func.func @group_norm_quantized
func.func @group_norm_quantized(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, %g: tensor<4xf32>, %b: tensor<4xf32>)
    -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.2:128>> {
  // CHECK: quill.group_norm %{{.*}} weight %{{.*}} bias %{{.*}} {num_groups = 2 : i64} : (tensor<1x4x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 2.000000e-01:128>>
  %y = quill.group_norm %x weight %g bias %b {num_groups = 2 : i64}
      : (tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.2:128>>
}

//===----------------------------------------------------------------------===//
// instance_norm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @instance_norm2d_default
func.func @instance_norm2d_default(%x: tensor<20x100x35x45xf32>) -> tensor<20x100x35x45xf32> {
  // nn.InstanceNorm2d(100): no affine parameters, no running statistics.
  // CHECK: quill.instance_norm %{{.*}} : (tensor<20x100x35x45xf32>) -> tensor<20x100x35x45xf32>
  %y = quill.instance_norm %x {eps = 1.0e-05 : f64} : (tensor<20x100x35x45xf32>) -> tensor<20x100x35x45xf32>
  return %y : tensor<20x100x35x45xf32>
}

// CHECK-LABEL: func.func @instance_norm2d_affine
func.func @instance_norm2d_affine(%x: tensor<1x4x8x8xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: quill.instance_norm %{{.*}} weight %{{.*}} bias %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.instance_norm %x weight %g bias %b : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @instance_norm1d_running_stats
func.func @instance_norm1d_running_stats(%x: tensor<20x100x40xf32>, %mean: tensor<100xf32>, %var: tensor<100xf32>) -> tensor<20x100x40xf32> {
  // nn.InstanceNorm1d(100, track_running_stats=True) in eval; non-default eps.
  // CHECK: quill.instance_norm %{{.*}} running_mean %{{.*}} running_var %{{.*}} {eps = 1.000000e-03 : f64} : (tensor<20x100x40xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x40xf32>
  %y = quill.instance_norm %x running_mean %mean running_var %var {eps = 1.0e-03 : f64}
      : (tensor<20x100x40xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x40xf32>
  return %y : tensor<20x100x40xf32>
}

// CHECK-LABEL: func.func @instance_norm3d_all_operands
func.func @instance_norm3d_all_operands(%x: tensor<2x4x3x5x6xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>,
                                        %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<2x4x3x5x6xf32> {
  // CHECK: quill.instance_norm %{{.*}} weight %{{.*}} bias %{{.*}} running_mean %{{.*}} running_var %{{.*}} : (tensor<2x4x3x5x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x3x5x6xf32>
  %y = quill.instance_norm %x weight %g bias %b running_mean %mean running_var %var
      : (tensor<2x4x3x5x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x3x5x6xf32>
  return %y : tensor<2x4x3x5x6xf32>
}

// CHECK-LABEL: func.func @instance_norm_weight_and_running_stats
func.func @instance_norm_weight_and_running_stats(%x: tensor<1x4x8x8xf32>, %g: tensor<4xf32>,
                                                  %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // Every optional operand is independent: weight without bias here.
  // CHECK: quill.instance_norm %{{.*}} weight %{{.*}} running_mean %{{.*}} running_var %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.instance_norm %x weight %g running_mean %mean running_var %var
      : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @instance_norm_bias_only_dynamic
func.func @instance_norm_bias_only_dynamic(%x: tensor<?x?x?x?xf32>, %b: tensor<4xf32>) -> tensor<?x4x?x?xf32> {
  // CHECK: quill.instance_norm %{{.*}} bias %{{.*}} : (tensor<?x?x?x?xf32>, tensor<4xf32>) -> tensor<?x4x?x?xf32>
  %y = quill.instance_norm %x bias %b : (tensor<?x?x?x?xf32>, tensor<4xf32>) -> tensor<?x4x?x?xf32>
  return %y : tensor<?x4x?x?xf32>
}

// CHECK-LABEL: func.func @instance_norm_quantized
func.func @instance_norm_quantized(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, %g: tensor<4xf32>, %b: tensor<4xf32>)
    -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.03:120>> {
  // CHECK: quill.instance_norm %{{.*}} weight %{{.*}} bias %{{.*}} : (tensor<1x4x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 3.000000e-02:120>>
  %y = quill.instance_norm %x weight %g bias %b
      : (tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4xf32>, tensor<4xf32>)
      -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.03:120>>
  return %y : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.03:120>>
}
