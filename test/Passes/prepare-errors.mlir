// RUN: split-file %s %t
// RUN: quant-opt %t/load.mlir --quill-prepare="backend=x87" -verify-diagnostics
// RUN: quant-opt %t/load-qconfig.mlir --quill-prepare-qat="qconfig=no_such_preset" -verify-diagnostics
// RUN: quant-opt %t/load-json.mlir --quill-prepare="qconfig=%S/Inputs/no-such-mapping.json" -verify-diagnostics
// RUN: quant-opt %t/axis.mlir --quill-prepare="qconfig=%S/Inputs/prepare-bad-axis.json" -verify-diagnostics

// Errors fail the pass with a diagnostic: tables that do not load (on each
// function, where there is a location) and observers that cannot be built.
// Bad input-/output-quantized-idxs are in prepare-io.mlir.

//--- load.mlir
// expected-error @+1 {{quill-prepare: cannot load backend 'x87': 'x87' is neither a native backend (x86, fbgemm, qnnpack, native) nor a readable file}}
func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}

//--- load-qconfig.mlir
// expected-error @+1 {{quill-prepare-qat: cannot load qconfig 'no_such_preset': 'no_such_preset' is neither a qconfig preset (x86, fbgemm, qnnpack, onednn, qat_x86}}
func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}

//--- load-json.mlir
// expected-error-re @+1 {{quill-prepare: cannot load qconfig '{{.*}}no-such-mapping.json': {{.*}} nor a readable file}}
func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}

//--- axis.mlir
// Inputs/prepare-bad-axis.json observes activations per channel on axis 3.
func.func @f(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{quill-prepare: per-channel observer per_channel_min_max quint8 of 'quill.linear' (module "fc") has ch_axis 3 but the value has rank 2}}
  %y = quill.linear %x, %w {quill.module = "fc"} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
