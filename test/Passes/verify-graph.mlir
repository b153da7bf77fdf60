// RUN: quant-opt %s --allow-unregistered-dialect --quill-verify-graph | FileCheck %s
// RUN: quant-opt %s --allow-unregistered-dialect --quill-verify-graph -o %t.verified
// RUN: quant-opt %s --allow-unregistered-dialect -o %t.plain
// RUN: diff %t.verified %t.plain
// RUN: not quant-opt %s --allow-unregistered-dialect --quill-verify-graph=require-quill-only=true 2>&1 | FileCheck %s --check-prefix=STRICT

// quill-verify-graph on graphs it accepts: the pass changes nothing (the
// output equals the unverified round trip). With require-quill-only the
// only complaint is the one foreign op; func, arith, tensor and quant ops
// are allowed.

// STRICT: error: op 'foo.bar' is not understood by Quill (dialect 'foo')
// STRICT-NOT: error:

// CHECK-LABEL: func.func @clean_graph
// CHECK-SAME: (%{{.*}}: tensor<1x16xf32>, %{{.*}}: tensor<8x16x!quant.uniform<i8:f32:0, {{.*}}>>, %{{.*}}: tensor<4x!quant.uniform<i8<-127:127>:f32, 1.000000e-01:-127>>)
func.func @clean_graph(%x: tensor<1x16xf32>,
    %wq: tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2}>>,
    %edge: tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:-127>>) -> tensor<1x8xf32> {
  // Unique ids across observe and fake_quant.
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>} : tensor<1x16xf32>
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>} : tensor<1x16xf32>
  // CHECK: quill.fake_quant %{{.*}} {id = 1 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<1x16xf32>
  %1 = quill.fake_quant %0 {id = 1 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<1x16xf32>
  // CHECK: arith.constant {quill.module = "fc.weight"} dense<5.000000e-02> : tensor<8x16xf32>
  %w = arith.constant {quill.module = "fc.weight"} dense<0.05> : tensor<8x16xf32>
  // CHECK: quill.linear %{{.*}}, %{{.*}} {quill.module = "fc", quill.module_type = "torch.nn.Linear"} : (tensor<1x16xf32>, tensor<8x16xf32>) -> tensor<1x8xf32>
  %2 = quill.linear %1, %w {quill.module = "fc", quill.module_type = "torch.nn.Linear"} : (tensor<1x16xf32>, tensor<8x16xf32>) -> tensor<1x8xf32>
  // CHECK: quill.observe %{{.*}} {id = 2 : i64, observer = #quill.observer<min_max, quint8>} : tensor<1x8xf32>
  %3 = quill.observe %2 {id = 2 : i64, observer = #quill.observer<min_max, quint8>} : tensor<1x8xf32>
  return %3 : tensor<1x8xf32>
}

// CHECK-LABEL: func.func @ids_are_per_function
func.func @ids_are_per_function(%x: tensor<4xf32>) -> tensor<4xf32> {
  // Ids 0 and 1 are reused from @clean_graph: uniqueness is per function.
  // CHECK: {id = 1 : i64, observer = #quill.observer<min_max, quint8>}
  %0 = quill.observe %x {id = 1 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  // CHECK: {id = 0 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8>}
  %1 = quill.fake_quant %0 {id = 0 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func.func @quantized_non_quill_ops
func.func @quantized_non_quill_ops(%x: tensor<4xf32>, %dyn: tensor<?x3x!quant.uniform<u8:f32:1, {0.1:0, 0.2:128, 0.3:255}>>) -> (tensor<4xf32>, tensor<4x!quant.uniform<u8:f32, 0.1:3>>, tensor<2x?x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) {
  // Well-formed quantized types on quant, tensor and arith ops; an unknown
  // per-axis size cannot be counted and passes.
  // CHECK: quant.qcast %{{.*}} : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 1.000000e-01:3>>
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.1:3>>
  // CHECK: quant.dcast %{{.*}} : tensor<4x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<4xf32>
  %d = quant.dcast %q : tensor<4x!quant.uniform<u8:f32, 0.1:3>> to tensor<4xf32>
  // CHECK: arith.constant dense_resource<weights> : tensor<4x!quant.uniform<u8:f32, 1.000000e-01:3>>
  %c = arith.constant dense_resource<weights> : tensor<4x!quant.uniform<u8:f32, 0.1:3>>
  %n = arith.constant 5 : index
  // CHECK: tensor.empty(%{{.*}}) : tensor<2x?x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01}>>
  %e = tensor.empty(%n) : tensor<2x?x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  return %d, %c, %e : tensor<4xf32>, tensor<4x!quant.uniform<u8:f32, 0.1:3>>, tensor<2x?x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
}

// A declaration with well-formed quantized types.
// CHECK-LABEL: func.func private @external
// CHECK-SAME: (tensor<4x!quant.uniform<u8:f32, 1.000000e-01:255>>) -> tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-128>>
func.func private @external(tensor<4x!quant.uniform<u8:f32, 0.1:255>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:-128>>

// One id on several equal observers is one shared observer (PyTorch's
// instance shared along share-qparams ops).
// CHECK-LABEL: func.func @shared_observer
func.func @shared_observer(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  // CHECK: quill.observe %{{.*}} {id = 4 : i64
  %0 = quill.observe %x {id = 4 : i64, observer = #quill.observer<histogram, quint8>} : tensor<1x2x4x4xf32>
  %1 = quill.max_pool2d %0 {kernel_size = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  // CHECK: quill.observe %{{.*}} {id = 4 : i64
  %2 = quill.observe %1 {id = 4 : i64, observer = #quill.observer<histogram, quint8>} : tensor<1x2x2x2xf32>
  return %2 : tensor<1x2x2x2xf32>
}

// CHECK-LABEL: func.func @foreign_op_by_default
func.func @foreign_op_by_default(%x: tensor<4xf32>) -> tensor<4xf32> {
  // Without require-quill-only, ops of other dialects pass.
  // CHECK: "foo.bar"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %0 = "foo.bar"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x0400000001020304"
    }
  }
#-}
