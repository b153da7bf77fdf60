// RUN: quant-opt %quill_src/examples/cnn_float.mlir --quill-fuse="backend=x86" --quill-prepare="backend=x86 qconfig=x86" | FileCheck %s
// RUN: quant-opt %quill_src/examples/cnn_float.mlir --quill-fuse="backend=x86" --quill-prepare="backend=x86 qconfig=x86" --quill-verify-graph -o /dev/null

// The repository's example (scripts/gen_example_cnn.py: conv1 -> bn1 ->
// relu1 -> pool -> conv2 -> relu2 -> avgpool -> flatten -> fc) through
// fuse and prepare. PyTorch 1.13's prepare_fx(model,
// get_default_qconfig_mapping("x86"), backend_config=x86) on the same
// module observes (activation_post_process_<n>, HistogramObserver
// reduce_range):
//   0: x                              -> Quill id 0
//   1: conv1 (ConvReLU2d)             -> Quill id 2
//   2: pool, same instance as 1       -> Quill id 2 again
//   3: conv2 (ConvReLU2d)             -> Quill id 4
//   4: avgpool, same instance as 3    -> Quill id 4 again
//   5: flatten (the fc input)         -> Quill id 4 again: see below
//   6: fc                             -> Quill id 6
// and per-channel weight observers at convert (Quill ids 1, 3, 5).
//
// Difference: 1.13's table lists torch.flatten but not nn.Flatten, so in
// PyTorch the flatten module is unmatched, stays float and fc observes its
// input with a new observer (5). Quill's quill.flatten entry covers both
// spellings, so flatten shares conv2's observer, as PyTorch does for
// torch.flatten(x, 1).

// CHECK-LABEL: func.func @cnn_float
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "conv1"}
// CHECK: %[[W2:.*]] = quill.observe %{{.*}} {id = 3 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>, quill.module = "conv2"}
// CHECK: %[[WFC:.*]] = quill.observe %{{.*}} {id = 5 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>, quill.module = "fc"}
// CHECK: %[[W1:.*]] = quill.observe %{{.*}} {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>, quill.module = "conv1"}
// CHECK: %[[C1:.*]] = quill.conv2d %[[X]], %[[W1]], %{{.*}} {fused_activation = #quill.fused_activation<relu>
// CHECK-NEXT: %[[C1O:.*]] = quill.observe %[[C1]] {id = 2 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "conv1"}
// CHECK-NEXT: %[[P:.*]] = quill.max_pool2d %[[C1O]]
// CHECK-NEXT: %[[PO:.*]] = quill.observe %[[P]] {id = 2 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "pool"}
// CHECK-NEXT: %[[C2:.*]] = quill.conv2d %[[PO]], %[[W2]], %{{.*}} {fused_activation = #quill.fused_activation<relu>
// CHECK-NEXT: %[[C2O:.*]] = quill.observe %[[C2]] {id = 4 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "conv2"}
// CHECK-NEXT: %[[A:.*]] = quill.adaptive_avg_pool2d %[[C2O]]
// CHECK-NEXT: %[[AO:.*]] = quill.observe %[[A]] {id = 4 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "avgpool"}
// CHECK-NEXT: %[[F:.*]] = quill.flatten %[[AO]]
// CHECK-NEXT: %[[FO:.*]] = quill.observe %[[F]] {id = 4 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "flatten"}
// CHECK-NEXT: %[[L:.*]] = quill.linear %[[FO]], %[[WFC]], %{{.*}} {quill.module = "fc"
// CHECK-NEXT: %[[LO:.*]] = quill.observe %[[L]] {id = 6 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "fc"}
// CHECK-NEXT: return %[[LO]]
