// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=x86" | FileCheck %s
// Preparing a prepared graph changes nothing: every observer is reused.
// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=x86" | quant-opt --quill-prepare="backend=x86 qconfig=x86" | FileCheck %s
// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=x86" --quill-verify-graph -o /dev/null

// Every observation type of the x86 BackendConfig under PyTorch's
// get_default_qconfig_mapping("x86"): activations HistogramObserver quint8
// with reduce_range ([0, 127]), weights PerChannelMinMaxObserver qint8
// per_channel_symmetric (ch_axis 0), ConvTranspose weights MinMaxObserver
// per_tensor_symmetric, fixed-qparams ops their fixed observer.
//
// What PyTorch 1.13's prepare_fx inserts for the equivalent module is what
// is checked here. Module weights are operands, so their observers are in
// the graph (PyTorch runs qconfig.weight at convert). Observers PyTorch
// makes one instance carry one id (share-qparams ops, cat).
//
// Observers are inserted right after the value they observe, block
// arguments' in argument order (PyTorch's placeholders); ids follow program
// order (inputs in operand order, then the output).

//===----------------------------------------------------------------------===//
// OutputUseDifferentObserverAsInput: conv, linear, conv_transpose
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "conv"}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>, quill.module = "conv"}
// The bias stays float (its target dtype is float32).
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %[[X]], %[[WO]], %arg1
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 2 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "conv"}
// CHECK-NEXT: return %[[YO]]
func.func @conv(%x: tensor<1x3x8x8xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %w = arith.constant dense<1.0> : tensor<4x3x3x3xf32>
  %y = quill.conv2d %x, %w, %b {padding = array<i64: 1, 1>, quill.module = "conv", quill.module_type = "torch.nn.Conv2d"}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @linear
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>}
// CHECK-NEXT: %[[B:.*]] = arith.constant
// CHECK-NEXT: %[[Y:.*]] = quill.linear %[[X]], %[[WO]], %[[B]]
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 2 : i64
// CHECK-NEXT: return %[[YO]]
func.func @linear(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<0.5> : tensor<3x4xf32>
  %b = arith.constant dense<0.25> : tensor<3xf32>
  %y = quill.linear %x, %w, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// The x86 mapping gives ConvTranspose per-tensor weights (fbgemm has no
// per-channel transposed convolution).
// CHECK-LABEL: func.func @conv_transpose
// CHECK: quill.observe %{{.*}} {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
// CHECK: quill.conv_transpose2d
// CHECK-NEXT: quill.observe {{.*}}id = 2 : i64
func.func @conv_transpose(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x6x6xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2x3x3xf32>
  %y = quill.conv_transpose2d %x, %w : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}

//===----------------------------------------------------------------------===//
// OutputShareObserverWithInput: the input's observer, once more
//===----------------------------------------------------------------------===//

// conv -> max_pool -> flatten -> linear: the pool and flatten outputs are
// observed by the conv's output observer (one id: one observer, fed in
// program order, as PyTorch's shared instance), so the linear input needs
// no observer of its own.
// CHECK-LABEL: func.func @share_chain
// CHECK: %[[C:.*]] = quill.conv2d
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 2 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[P:.*]] = quill.max_pool2d %[[CO]]
// CHECK-NEXT: %[[PO:.*]] = quill.observe %[[P]] {id = 2 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[F:.*]] = quill.flatten %[[PO]]
// CHECK-NEXT: %[[FO:.*]] = quill.observe %[[F]] {id = 2 : i64
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 3 : i64
// CHECK-NEXT: %[[L:.*]] = quill.linear %[[FO]], %[[WO]]
// CHECK-NEXT: %[[LO:.*]] = quill.observe %[[L]] {id = 4 : i64
// CHECK-NEXT: return %[[LO]]
func.func @share_chain(%x: tensor<1x2x4x4xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %p = quill.max_pool2d %c {kernel_size = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %f = quill.flatten %p {start_dim = 1 : i64} : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
  %lw = arith.constant dense<1.0> : tensor<3x8xf32>
  %l = quill.linear %f, %lw : (tensor<1x8xf32>, tensor<3x8xf32>) -> tensor<1x3xf32>
  return %l : tensor<1x3xf32>
}

// A share-qparams op whose input is float observes its input, as PyTorch
// does (nn.MaxPool2d on a graph input gets activation_post_process_0 on the
// input, and its output observer is the same instance).
// CHECK-LABEL: func.func @share_float_input
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "relu"}
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[X]]
// CHECK-NEXT: %[[RO:.*]] = quill.observe %[[R]] {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "relu"}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64
// CHECK-NEXT: %[[L:.*]] = quill.linear %[[RO]], %[[WO]]
// CHECK-NEXT: quill.observe %[[L]] {id = 2 : i64
func.func @share_float_input(%x: tensor<1x8xf32>) -> tensor<1x3xf32> {
  %r = quill.relu %x {quill.module = "relu"} : tensor<1x8xf32> -> tensor<1x8xf32>
  %w = arith.constant dense<1.0> : tensor<3x8xf32>
  %l = quill.linear %r, %w : (tensor<1x8xf32>, tensor<3x8xf32>) -> tensor<1x3xf32>
  return %l : tensor<1x3xf32>
}

// gelu has no entry in the x86 table: it stays float, silently, as in
// PyTorch, and the pool after it observes its input.
// CHECK-LABEL: func.func @share_after_float_op
// CHECK-NEXT: %[[G:.*]] = quill.gelu %arg0
// CHECK-NEXT: %[[GO:.*]] = quill.observe %[[G]] {id = 0 : i64
// CHECK-NEXT: %[[P:.*]] = quill.avg_pool2d %[[GO]]
// CHECK-NEXT: %[[PO:.*]] = quill.observe %[[P]] {id = 0 : i64
// CHECK-NEXT: return %[[PO]]
func.func @share_after_float_op(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %g = quill.gelu %x : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %p = quill.avg_pool2d %g {kernel_size = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  return %p : tensor<1x2x2x2xf32>
}

// cat: PyTorch observes float inputs, then makes every input's observer
// and the output's one instance, the first input's: here the second
// input's observer (id 1 when inserted) becomes id 0.
// CHECK-LABEL: func.func @cat
// CHECK-NEXT: %[[A:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[B:.*]] = quill.observe %arg1 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[C:.*]] = quill.cat %[[A]], %[[B]]
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: return %[[CO]]
func.func @cat(%a: tensor<1x2xf32>, %b: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %y : tensor<1x5xf32>
}

// The inputs' observers are repointed wherever they are: the output
// observers of both convs (ids 2 and 4) and the one on %y (5) become id 2,
// the first input's; %x's observer, read by the convs, is not a cat input.
// CHECK-LABEL: func.func @cat_merge
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[Y:.*]] = quill.observe %arg1 {id = 2 : i64
// CHECK: %[[C1:.*]] = quill.conv2d %[[X]]
// CHECK-NEXT: %[[C1O:.*]] = quill.observe %[[C1]] {id = 2 : i64
// CHECK: %[[C2:.*]] = quill.conv2d %[[X]]
// CHECK-NEXT: %[[C2O:.*]] = quill.observe %[[C2]] {id = 2 : i64
// CHECK-NEXT: %[[C:.*]] = quill.cat %[[C1O]], %[[Y]], %[[C2O]]
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 2 : i64
// CHECK-NEXT: return %[[CO]]
func.func @cat_merge(%x: tensor<1x2x4x4xf32>, %y: tensor<1x2x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %w1 = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c1 = quill.conv2d %x, %w1 : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %w2 = arith.constant dense<2.0> : tensor<2x2x1x1xf32>
  %c2 = quill.conv2d %x, %w2 : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %y2 = quill.cat %c1, %y, %c2 {dim = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %y2 : tensor<1x6x4x4xf32>
}

//===----------------------------------------------------------------------===//
// Binary ops: num_tensor_args_to_observation_type
//===----------------------------------------------------------------------===//

// Two tensor operands: each input and the output observed.
// CHECK-LABEL: func.func @add
// CHECK-NEXT: %[[A:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[B:.*]] = quill.observe %arg1 {id = 1 : i64
// CHECK-NEXT: %[[Y:.*]] = quill.add %[[A]], %[[B]]
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 2 : i64
// CHECK-NEXT: return %[[YO]]
func.func @add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = quill.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// One tensor operand (x * 2.5): the output shares the input's observer.
// CHECK-LABEL: func.func @mul_scalar
// CHECK-NEXT: %[[A:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[Y:.*]] = quill.mul %[[A]], 2.5
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 0 : i64
// CHECK-NEXT: return %[[YO]]
func.func @mul_scalar(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = quill.mul %a, 2.5 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// add -> relu is one match (root add): inputs at the add, output after relu.
// CHECK-LABEL: func.func @add_relu
// CHECK-NEXT: %[[A:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[B:.*]] = quill.observe %arg1 {id = 1 : i64
// CHECK-NEXT: %[[Y:.*]] = quill.add %[[A]], %[[B]]
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[Y]]
// CHECK-NEXT: %[[RO:.*]] = quill.observe %[[R]] {id = 2 : i64
// CHECK-NEXT: return %[[RO]]
func.func @add_relu(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = quill.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %r = quill.relu %y : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @matmul
// CHECK-NEXT: quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: quill.observe %arg1 {id = 1 : i64
// CHECK-NEXT: quill.matmul
// CHECK-NEXT: quill.observe {{.*}}id = 2 : i64
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

//===----------------------------------------------------------------------===//
// Fixed-qparams ops
//===----------------------------------------------------------------------===//

// The default mapping gives sigmoid default_fixed_qparams_range_0to1_observer;
// PyTorch observes a float input with it too (it is the QConfig's activation).
// CHECK-LABEL: func.func @sigmoid
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
// CHECK-NEXT: %[[Y:.*]] = quill.sigmoid %[[X]]
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 1 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
// CHECK-NEXT: return %[[YO]]
func.func @sigmoid(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = quill.sigmoid %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// An input already quantized to quint8 is not observed again; tanh's fixed
// observer is default_fixed_qparams_range_neg1to1_observer.
// CHECK-LABEL: func.func @conv_tanh
// CHECK: %[[C:.*]] = quill.conv2d
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 2 : i64, observer = #quill.observer<histogram
// CHECK-NEXT: %[[T:.*]] = quill.tanh %[[CO]]
// CHECK-NEXT: quill.observe %[[T]] {id = 3 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.0078125, zero_point = 128>}
func.func @conv_tanh(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %t = quill.tanh %c : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %t : tensor<1x2x4x4xf32>
}

//===----------------------------------------------------------------------===//
// Parameters that are not weights; unfused chains
//===----------------------------------------------------------------------===//

// A batch norm's statistics live in PyTorch's module: never observed.
// CHECK-LABEL: func.func @batch_norm
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: arith.constant
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[Y:.*]] = quill.batch_norm %[[X]], %cst, %cst_0
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 1 : i64
// CHECK-NEXT: return %[[YO]]
func.func @batch_norm(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %m = arith.constant dense<0.0> : tensor<2xf32>
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %y = quill.batch_norm %x, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// group_norm's dtype config names no weight dtype: its weight and bias stay
// float (PyTorch's NON_QUANTIZABLE_WEIGHT_OPS).
// CHECK-LABEL: func.func @group_norm
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[Y:.*]] = quill.group_norm %[[X]] weight %arg1 bias %arg2
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 1 : i64
// CHECK-NEXT: return %[[YO]]
func.func @group_norm(%x: tensor<1x4x2x2xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<1x4x2x2xf32> {
  %y = quill.group_norm %x weight %g bias %b {num_groups = 2 : i64} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return %y : tensor<1x4x2x2xf32>
}

// Unfused conv -> batch_norm -> relu is one match of the chain entry: the
// conv's input and weight, then the relu's output (run quill-fuse first for
// post-training quantization: the folded weight is what gets quantized).
// CHECK-LABEL: func.func @conv_bn_relu_unfused
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64
// CHECK-NEXT: arith.constant
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %[[X]], %[[WO]]
// CHECK-NEXT: %[[N:.*]] = quill.batch_norm %[[C]]
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[N]]
// CHECK-NEXT: %[[RO:.*]] = quill.observe %[[R]] {id = 2 : i64
// CHECK-NEXT: return %[[RO]]
func.func @conv_bn_relu_unfused(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %m = arith.constant dense<0.0> : tensor<2xf32>
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %n = quill.batch_norm %c, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %n : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

//===----------------------------------------------------------------------===//
// Reuse: one observer per value and spec; ids after the existing ones
//===----------------------------------------------------------------------===//

// Two convs read %x and share one weight: one observer each.
// CHECK-LABEL: func.func @reuse
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64
// CHECK-NEXT: %[[C1:.*]] = quill.conv2d %[[X]], %[[WO]]
// CHECK-NEXT: quill.observe %[[C1]] {id = 2 : i64
// CHECK-NEXT: %[[C2:.*]] = quill.conv2d %[[X]], %[[WO]]
// CHECK-NEXT: quill.observe %[[C2]] {id = 3 : i64
// CHECK-NEXT: return
func.func @reuse(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c1 = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %c2 = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %c1, %c2 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// An observer already in the graph with the same spec is used (and moved
// before its new user); new ids continue after the largest one.
// CHECK-LABEL: func.func @existing_observer
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 7 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 8 : i64
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %[[X]], %[[WO]]
// CHECK-NEXT: quill.observe %[[C]] {id = 9 : i64
func.func @existing_observer(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %o = quill.observe %x {id = 7 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>} : tensor<1x2x4x4xf32>
  return %c, %o : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}
