//===- quant-opt.cpp - the quill optimizer driver -------------------------===//
//
// mlir-opt with the dialects a Quill graph uses and every quill pass.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "quill/Dialect/Quill/QuillDialect.h"
#include "quill/Passes/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<mlir::quill::QuillDialect, mlir::quant::QuantDialect,
                  mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect>();
  mlir::quill::registerQuillPasses();
  // Generic cleanups (-canonicalize, -cse, -symbol-dce ...) for pipelines;
  // see DESIGN.md before canonicalizing a reference-quantized graph.
  mlir::registerTransformsPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Quill quantization compiler\n", registry));
}
