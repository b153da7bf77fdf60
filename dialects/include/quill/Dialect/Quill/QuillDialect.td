//===- QuillDialect.td - the quill dialect and its shared constraints -----===//
//
// Everything every op group needs: the dialect, the op base class, the tensor
// type constraints and the attribute helpers.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_DIALECT_TD
#define QUILL_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Dialect/Quant/IR/QuantBase.td"

def Quill_Dialect : Dialect {
  let name = "quill";
  let cppNamespace = "::mlir::quill";
  let summary = "Float and quantized neural-network graphs with PyTorch semantics";
  let description = [{
    The `quill` dialect holds a neural-network graph with the semantics of the
    PyTorch op of the same name (NCHW layout, PyTorch's defaults and shape
    rules). Ops that Quill runs in int8 accept upstream `!quant.uniform`
    element types; every op verifies that such types are well formed (zero
    points inside the storage range, per-axis dimension and scale count), a
    check the upstream parser does not make.

    Any op may carry the discardable attributes `quill.module` (the PyTorch
    module path, e.g. `"layer1.0.conv1"`) and `quill.module_type` (e.g.
    `"torch.nn.Conv2d"`), read by QConfigMapping rules. A function may carry
    `quill.numerics` (`"onednn"` or `"qnnpack"`: the integer rules its
    quantized ops follow, set by `quill-convert`) and
    `quill.input_quantized_idxs` / `quill.output_quantized_idxs` (arrays of
    argument / result positions that are quantized, set by `quill-prepare`).
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Discardable attribute names shared with the importers.
    static constexpr ::llvm::StringLiteral kModuleAttrName = "quill.module";
    static constexpr ::llvm::StringLiteral kModuleTypeAttrName =
        "quill.module_type";
    static constexpr ::llvm::StringLiteral kNumericsAttrName = "quill.numerics";
    static constexpr ::llvm::StringLiteral kInputQuantizedIdxsAttrName =
        "quill.input_quantized_idxs";
    static constexpr ::llvm::StringLiteral kOutputQuantizedIdxsAttrName =
        "quill.output_quantized_idxs";
  }];
}

//===----------------------------------------------------------------------===//
// Traits and base op
//===----------------------------------------------------------------------===//

// Verifies every `!quant.uniform` operand and result type (see
// QuillTraits.h): upstream accepts out-of-range zero points.
def Quill_ValidQuantizedTypes : NativeOpTrait<"ValidQuantizedTypes"> {
  let cppNamespace = "::mlir::quill::OpTrait";
}

class Quill_Op<string mnemonic, list<Trait> traits = []>
    : Op<Quill_Dialect, mnemonic,
         !listconcat(traits, [Quill_ValidQuantizedTypes])>;

// Ops without side effects; observers are not Pure (they record statistics).
class Quill_PureOp<string mnemonic, list<Trait> traits = []>
    : Quill_Op<mnemonic, !listconcat(traits, [Pure])>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Quill_Float : AnyTypeOf<[F16, BF16, F32, F64]>;

// A tensor Quill may run in float or in int8 (upstream quant types).
def Quill_Tensor : RankedTensorOf<[Quill_Float, quant_QuantizedType]>;
// A tensor that stays float (no quantized kernel in PyTorch either).
def Quill_FloatTensor : RankedTensorOf<[Quill_Float]>;
// Bias: float, or int32 once quantized with scale s_x*s_w (qnnpack rule).
def Quill_BiasTensor : RankedTensorOf<[Quill_Float, I32, quant_QuantizedType]>;
// Indices and offsets (embedding, embedding_bag).
def Quill_IndexTensor : RankedTensorOf<[I32, I64]>;
// Masks (attention): bool or float additive mask.
def Quill_MaskTensor : RankedTensorOf<[I1, Quill_Float]>;

//===----------------------------------------------------------------------===//
// Attribute helpers
//===----------------------------------------------------------------------===//

// An i64 array attribute with a default (e.g. "{1, 1}" for a 2-d stride).
class Quill_I64ArrayDefault<string default>
    : DefaultValuedAttr<DenseI64ArrayAttr, default>;

// "{1, 1}" style default lists for n spatial dimensions.
class Quill_Splat<string v, int n> {
  string value = "{" # !interleave(!listsplat(v, n), ", ") # "}";
}

#endif // QUILL_DIALECT_TD
