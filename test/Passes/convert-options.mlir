// RUN: not quant-opt %s --quill-convert="backend=nope" 2>&1 | FileCheck %s --check-prefix=BACKEND
// RUN: not quant-opt %s --quill-convert="numerics=fbgemm" 2>&1 | FileCheck %s --check-prefix=NUMERICS
// RUN: quant-opt %s --quill-convert="backend=x86 numerics=qnnpack" | FileCheck %s --check-prefix=OVERRIDE

// BACKEND: error: cannot load backend 'nope'
// NUMERICS: error: numerics must be 'onednn' or 'qnnpack', got 'fbgemm'
// OVERRIDE: attributes {quill.numerics = "qnnpack"}
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
