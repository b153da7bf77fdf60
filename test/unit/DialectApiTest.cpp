// The dialect used as a C++ library: build ops with the generated builders
// and check that the verifiers accept and reject them as the IR tests do.

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include <catch2/catch.hpp>

using namespace mlir;

namespace {
struct Fixture {
  MLIRContext ctx;
  OpBuilder b{&ctx};
  OwningOpRef<ModuleOp> module;
  std::string diagnostics;
  ScopedDiagnosticHandler handler{&ctx, [this](Diagnostic &d) {
                                    diagnostics += d.str();
                                    return success();
                                  }};

  Fixture() {
    ctx.loadDialect<quill::QuillDialect, func::FuncDialect>();
    module = ModuleOp::create(b.getUnknownLoc());
    b.setInsertionPointToEnd(module->getBody());
  }
  RankedTensorType f32(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getF32Type());
  }
  // A function whose arguments have the given types; the builder is left
  // inside its body.
  Block *function(ArrayRef<Type> inputs) {
    auto fn = func::FuncOp::create(b, b.getUnknownLoc(), "f",
                                   b.getFunctionType(inputs, {}));
    Block *body = fn.addEntryBlock();
    b.setInsertionPointToStart(body);
    return body;
  }
};
} // namespace

TEST_CASE("a conv2d built through the C++ API verifies", "[dialect]") {
  Fixture f;
  Block *body = f.function({f.f32({1, 3, 8, 8}), f.f32({4, 3, 3, 3})});
  auto conv = quill::Conv2dOp::create(
      f.b, f.b.getUnknownLoc(), f.f32({1, 4, 4, 4}), body->getArgument(0),
      body->getArgument(1), /*bias=*/Value(), f.b.getDenseI64ArrayAttr({2, 2}),
      f.b.getDenseI64ArrayAttr({1, 1}), f.b.getDenseI64ArrayAttr({1, 1}),
      f.b.getI64IntegerAttr(1),
      /*fused_activation=*/nullptr);
  func::ReturnOp::create(f.b, f.b.getUnknownLoc());
  CHECK(succeeded(verify(*f.module)));
  CHECK(f.diagnostics.empty());
  // PyTorch's defaults are the attribute defaults.
  CHECK(conv.getGroups() == 1);
}

TEST_CASE("a conv2d with a wrong result shape is rejected with the inferred "
          "shape",
          "[dialect]") {
  Fixture f;
  Block *body = f.function({f.f32({1, 3, 8, 8}), f.f32({4, 3, 3, 3})});
  quill::Conv2dOp::create(
      f.b, f.b.getUnknownLoc(), f.f32({1, 4, 8, 8}), body->getArgument(0),
      body->getArgument(1), Value(), f.b.getDenseI64ArrayAttr({1, 1}),
      f.b.getDenseI64ArrayAttr({0, 0}), f.b.getDenseI64ArrayAttr({1, 1}),
      f.b.getI64IntegerAttr(1),
      /*fused_activation=*/nullptr);
  func::ReturnOp::create(f.b, f.b.getUnknownLoc());
  CHECK(failed(verify(*f.module)));
  CHECK_THAT(f.diagnostics,
             Catch::Contains("does not match the inferred shape [1, 4, 6, 6]"));
}

TEST_CASE("observer specs default like PyTorch's constructors", "[dialect]") {
  Fixture f;
  auto spec = quill::ObserverSpecAttr::get(&f.ctx, quill::ObserverKind::min_max,
                                           quill::QDType::quint8);
  CHECK(spec.getQscheme() == quill::QScheme::per_tensor_affine);
  CHECK(spec.getEpsValue() == 1.1920928955078125e-07); // torch.finfo(float32).eps
  CHECK(spec.getAveragingConstantValue() == 0.01);
  CHECK(spec.getBins() == 2048);
  CHECK_FALSE(spec.isPerChannel());
  std::string text;
  llvm::raw_string_ostream os(text);
  os << Attribute(spec);
  CHECK(text == "#quill.observer<min_max, quint8>");
}
