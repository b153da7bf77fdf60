// RUN: split-file %s %t
// RUN: quant-opt %t/fold.mlir --quill-fuse="backend=x86" -split-input-file -verify-diagnostics
// RUN: quant-opt %t/qconfig.mlir --quill-fuse="backend=x86 qconfig=%S/Inputs/fuse-qconfig.json" -verify-diagnostics
// RUN: quant-opt %t/unsupported.mlir --quill-fuse="backend=%S/Inputs/unsupported-fusions.json" -split-input-file -verify-diagnostics
// RUN: quant-opt %t/load.mlir --quill-fuse="backend=%S/Inputs/no-such-backend.json" -verify-diagnostics
// RUN: quant-opt %t/load-name.mlir --quill-fuse="backend=x87" -verify-diagnostics
// RUN: quant-opt %t/load-qconfig.mlir --quill-fuse="qconfig=no_such_preset" -verify-diagnostics

// quill-fuse errors: each one fails the pass with a diagnostic on the op at
// fault, naming the table entry that matched.

//--- fold.mlir
// Batch-norm folding needs constants and a per-channel weight layout.

func.func @bn_stats_not_constant(%x: tensor<1x2x4x4xf32>, %var: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %mean = arith.constant dense<0.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w {quill.module = "conv1"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // The entry's index is its position in the x86 table.
  // expected-error-re @+1 {{quill-fuse (backend 'x86' entry #{{[0-9]+}} quill.batch_norm[rank 4](quill.conv2d)): cannot fold 'quill.batch_norm' (module "bn1") into 'quill.conv2d' (module "conv1"): operand 'running_var' of 'quill.batch_norm' (module "bn1") is not a constant f32 tensor (dense or dense_resource)}}
  %n = quill.batch_norm %c, %mean, %var {quill.module = "bn1"} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

func.func @bn_gamma_not_constant(%x: tensor<1x2x4x4xf32>, %g: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.conv2d': operand 'weight' of 'quill.batch_norm' is not a constant f32 tensor}}
  %n = quill.batch_norm %c, %s, %s weight %g : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

func.func @conv_weight_not_constant(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.conv2d': operand 'weight' of 'quill.conv2d' is not a constant f32 tensor (dense or dense_resource)}}
  %n = quill.batch_norm %c, %s, %s : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

func.func @conv_bias_not_constant(%x: tensor<1x2x4x4xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w, %b : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.conv2d': operand 'bias' of 'quill.conv2d' is not a constant f32 tensor (dense or dense_resource)}}
  %n = quill.batch_norm %c, %s, %s : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

func.func @grouped_conv_transpose(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  // groups = 2: weight [C_in = 4, C_out / groups = 2, 1, 1]; channel c of the
  // output is not one slice along dimension 1. PyTorch 1.13 cannot fold it.
  %w = arith.constant dense<1.0> : tensor<4x2x1x1xf32>
  %s = arith.constant dense<1.0> : tensor<4xf32>
  %c = quill.conv_transpose2d %x, %w {groups = 2 : i64} : (tensor<1x4x3x3xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x3x3xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.conv_transpose2d': a grouped transposed convolution (groups = 2) spreads each output channel over the weight's groups; PyTorch 1.13 cannot fold a batch norm into it either}}
  %n = quill.batch_norm %c, %s, %s : (tensor<1x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  return %n : tensor<1x4x3x3xf32>
}

// -----

func.func @linear_3d_batch_norm1d(%x: tensor<2x5x4xf32>) -> tensor<2x5x3xf32> {
  // BatchNorm1d on [N, L, C] normalizes L (dimension 1), not the linear's
  // output features (dimension 2); PyTorch's fuse_linear_bn_eval fails too.
  %w = arith.constant dense<1.0> : tensor<3x4xf32>
  %s = arith.constant dense<1.0> : tensor<5xf32>
  %l = quill.linear %x, %w : (tensor<2x5x4xf32>, tensor<3x4xf32>) -> tensor<2x5x3xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.linear': 'quill.batch_norm' normalizes dimension 1 but the output channels of 'quill.linear' are dimension 2}}
  %n = quill.batch_norm %l, %s, %s : (tensor<2x5x3xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5x3xf32>
  return %n : tensor<2x5x3xf32>
}

// -----

func.func @quantized_weight(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  // Fusion runs on the float graph: a quantized weight cannot be folded.
  %w = arith.constant dense<1> : tensor<2x2x1x1xi8>
  %wq = quant.scast %w : tensor<2x2x1x1xi8> to tensor<2x2x1x1x!quant.uniform<i8:f32, 0.5>>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %wq : (tensor<1x2x4x4xf32>, tensor<2x2x1x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x4x4xf32>
  // expected-error @+1 {{operand 'weight' of 'quill.conv2d' is not a constant f32 tensor}}
  %n = quill.batch_norm %c, %s, %s : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

func.func @channel_count_mismatch(%x: tensor<1x2x4x4xf32>) -> tensor<1x?x4x4xf32> {
  // A dynamic channel dimension hides the mismatch from the verifiers.
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s = arith.constant dense<1.0> : tensor<3xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x?x4x4xf32>
  // expected-error @+1 {{operand 'running_mean' of 'quill.batch_norm' has 3 values for 2 output channels}}
  %n = quill.batch_norm %c, %s, %s : (tensor<1x?x4x4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x?x4x4xf32>
  return %n : tensor<1x?x4x4xf32>
}

//--- qconfig.mlir
// Inputs/fuse-qconfig.json gives "qnnpack_part" another QConfig than the
// global one: a linear and a relu from the two sides cannot be one
// nni.LinearReLU (PyTorch's prepare raises the same).

func.func @unequal_qconfigs(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-note @+1 {{'quill.linear' (module "head.fc") is here}}
  %l = quill.linear %x, %w {quill.module = "head.fc"} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  // expected-error-re @+1 {{quill-fuse (backend 'x86' entry #{{[0-9]+}} quill.relu(quill.linear)): 'quill.relu' (module "qnnpack_part.relu") and 'quill.linear' (module "head.fc") would be fused but have different QConfigs; give them the same one}}
  %r = quill.relu %l {quill.module = "qnnpack_part.relu"} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

//--- unsupported.mlir
// Inputs/unsupported-fusions.json: fusion entries that load (they are valid
// BackendConfig entries) but that Quill cannot fold into one op.

func.func @add_is_not_foldable(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>, %y: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // expected-error @+1 {{quill-fuse (backend 'unsupported_fusions' entry #0 quill.relu(quill.add(quill.conv2d, *))): cannot fuse 'quill.add' into 'quill.conv2d': it is neither a foldable normalization nor a fusible activation}}
  %a = quill.add %c, %y : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %a : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// -----

func.func @tree_is_not_a_chain(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c1 = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %c2 = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // expected-error @+1 {{entry #1 quill.mul(quill.conv2d, quill.conv2d)): only a chain of ops, each reading the previous one as its first operand, can be fused into one op}}
  %m = quill.mul %c1, %c2 : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %m : tensor<1x2x4x4xf32>
}

// -----

func.func @batch_norm_after_relu(%x: tensor<1x2x4xf32>) -> tensor<1x2x4xf32> {
  // bn(relu(conv)) is not conv with new weights: relu comes in between.
  %w = arith.constant dense<1.0> : tensor<2x2x1xf32>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv1d %x, %w : (tensor<1x2x4xf32>, tensor<2x2x1xf32>) -> tensor<1x2x4xf32>
  %r = quill.relu %c : tensor<1x2x4xf32> -> tensor<1x2x4xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.conv1d': the activation relu comes before the normalization}}
  %n = quill.batch_norm %r, %s, %s : (tensor<1x2x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  return %n : tensor<1x2x4xf32>
}

// -----

func.func @root_without_fused_activation(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // expected-error @+1 {{quill-fuse (backend 'unsupported_fusions' entry #3 quill.relu(quill.matmul)): 'quill.matmul' has no fused_activation attribute to take 'quill.relu'}}
  %r = quill.relu %y : tensor<2x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @root_without_weight(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %s = arith.constant dense<1.0> : tensor<4xf32>
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // expected-error @+1 {{cannot fold 'quill.batch_norm' into 'quill.matmul': 'quill.matmul' has no weight (it is no WeightedOpInterface)}}
  %n = quill.batch_norm %y, %s, %s : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %n : tensor<2x4xf32>
}

//--- load.mlir
// expected-error @+1 {{quill-fuse: cannot load backend}}
func.func @bad_backend_path(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

//--- load-name.mlir
// expected-error @+1 {{quill-fuse: cannot load backend 'x87'}}
func.func @unknown_backend_name(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

//--- load-qconfig.mlir
// expected-error @+1 {{quill-fuse: cannot load qconfig 'no_such_preset'}}
func.func @unknown_qconfig(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
