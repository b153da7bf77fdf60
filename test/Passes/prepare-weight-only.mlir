// RUN: split-file %s %t
// RUN: quant-opt %t/weight-only.mlir --quill-prepare="backend=x86 qconfig=weight_only_embedding" -verify-diagnostics | FileCheck %t/weight-only.mlir
// RUN: quant-opt %t/weight-only.mlir --quill-prepare="backend=x86 qconfig=weight_only_embedding_4bit" | FileCheck %t/weight-only.mlir --check-prefix=FOUR
// RUN: quant-opt %t/x86.mlir --quill-prepare="backend=x86 qconfig=x86" -verify-diagnostics | FileCheck %t/x86.mlir

// Weight-only entries (embedding, embedding_bag: input_output_observed =
// false) observe the weight and nothing else. The weight is the entry's
// input_type_to_index "weight" or, as here, the op's constant operand
// (module parameters are constants in an imported graph).

//--- weight-only.mlir
// float_qparams_weight_only_qconfig(_4bit) is an object-type rule for the
// embeddings only: everything else has no QConfig and stays as it is.

// CHECK-LABEL: func.func @embeddings
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 0 : i64, observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>, quill.module = "emb"}
// CHECK-NEXT: %[[E:.*]] = quill.embedding_bag %arg0, %[[WO]] offsets %arg1 {mode = #quill.embedding_bag_mode<sum>, quill.module = "emb", quill.module_type = "torch.nn.EmbeddingBag"}
// CHECK-NEXT: %[[V:.*]] = arith.constant
// CHECK-NEXT: %[[VO:.*]] = quill.observe %[[V]] {id = 1 : i64
// CHECK-NEXT: %[[F:.*]] = quill.embedding %arg2, %[[VO]]
// CHECK-NEXT: %[[LW:.*]] = arith.constant
// CHECK-NEXT: %[[L:.*]] = quill.linear %[[E]], %[[LW]]
// CHECK-NEXT: return %[[L]], %[[F]]

// FOUR-LABEL: func.func @embeddings
// FOUR: quill.observe %cst {id = 0 : i64, observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams>, quill.module = "emb"}
func.func @embeddings(%idx: tensor<6xi64>, %off: tensor<2xi64>, %tok: tensor<3xi64>) -> (tensor<2x3xf32>, tensor<3x4xf32>) {
  %w = arith.constant dense<1.0> : tensor<10x4xf32>
  %e = quill.embedding_bag %idx, %w offsets %off {mode = #quill.embedding_bag_mode<sum>, quill.module = "emb", quill.module_type = "torch.nn.EmbeddingBag"}
      : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  %v = arith.constant dense<2.0> : tensor<10x4xf32>
  %f = quill.embedding %tok, %v : (tensor<3xi64>, tensor<10x4xf32>) -> tensor<3x4xf32>
  %lw = arith.constant dense<1.0> : tensor<3x4xf32>
  %l = quill.linear %e, %lw : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %l, %f : tensor<2x3xf32>, tensor<3x4xf32>
}

//--- x86.mlir
// The x86 QConfig's qint8 weights are no weight-only dtype: the embedding
// stays float; the linear after it is quantized as usual.

// CHECK-LABEL: func.func @embedding_bag
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[E:.*]] = quill.embedding_bag %arg0, %[[W]] offsets %arg1
// CHECK-NEXT: %[[EO:.*]] = quill.observe %[[E]] {id = 0 : i64
func.func @embedding_bag(%idx: tensor<6xi64>, %off: tensor<2xi64>) -> tensor<2x3xf32> {
  %w = arith.constant dense<1.0> : tensor<10x4xf32>
  // expected-remark-re @+1 {{quill-prepare: 'quill.embedding_bag' (module "emb") stays float: backend 'x86' entry #{{[0-9]+}} (quill.embedding_bag) accepts no dtype config for its QConfig: dtype config #0: weight_dtype quint8 does not match the weight's qint8; dtype config #1: weight_dtype quint4x2 does not match the weight's qint8}}
  %e = quill.embedding_bag %idx, %w offsets %off {mode = #quill.embedding_bag_mode<sum>, quill.module = "emb"}
      : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  %lw = arith.constant dense<1.0> : tensor<3x4xf32>
  %l = quill.linear %e, %lw : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %l : tensor<2x3xf32>
}
