//===- QuillAttrs.td - enums and attributes of the quill dialect ----------===//

#ifndef QUILL_ATTRS_TD
#define QUILL_ATTRS_TD

include "quill/Dialect/Quill/QuillDialect.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums (spelled as in PyTorch)
//===----------------------------------------------------------------------===//

class Quill_Enum<string name, string summary, list<string> cases>
    : I32EnumAttr<name, summary,
        !foreach(i, !range(!size(cases)), I32EnumAttrCase<cases[i], i>)> {
  let cppNamespace = "::mlir::quill";
  let genSpecializedAttr = 0;
}

// Case values are list positions: append new cases, never reorder.
def Quill_GeluApproximate : Quill_Enum<"GeluApproximate",
    "approximation of gelu", ["none", "tanh"]>;
def Quill_PadMode : Quill_Enum<"PadMode", "padding mode of pad",
    ["constant", "reflect", "replicate", "circular"]>;
def Quill_InterpolateMode : Quill_Enum<"InterpolateMode",
    "interpolation mode",
    ["nearest", "nearest_exact", "linear", "bilinear", "bicubic", "trilinear"]>;
def Quill_EmbeddingBagMode : Quill_Enum<"EmbeddingBagMode",
    "reduction of embedding_bag", ["sum", "mean", "max"]>;
def Quill_DivRoundingMode : Quill_Enum<"DivRoundingMode",
    "rounding of div", ["true_div", "trunc", "floor"]>;
def Quill_ObserverKind : Quill_Enum<"ObserverKind", "observer class",
    ["min_max", "moving_average_min_max", "per_channel_min_max",
     "moving_average_per_channel_min_max", "histogram", "histogram_torch113",
     "placeholder", "fixed_qparams", "noop", "recording", "reuse_input"]>;
def Quill_QDType : Quill_Enum<"QDType", "quantized dtype of an observer",
    ["quint8", "qint8", "qint32", "quint4x2", "float16", "float32"]>;
def Quill_QScheme : Quill_Enum<"QScheme", "quantization scheme",
    ["per_tensor_affine", "per_tensor_symmetric", "per_channel_affine",
     "per_channel_symmetric", "per_channel_affine_float_qparams"]>;
def Quill_FakeQuantKind : Quill_Enum<"FakeQuantKind", "fake-quantize class",
    ["fake_quantize", "fused_moving_avg_obs_fake_quantize",
     "fixed_qparams_fake_quantize", "learnable_fake_quantize"]>;
// The activation an op applies to its own result (PyTorch's fused modules
// nni.ConvReLU2d, nni.LinearReLU, nni.BNReLU2d ...).
def Quill_FusedActivation : Quill_Enum<"FusedActivation",
    "activation applied to an op's result", ["relu"]>;
// How a weighted op folds a following batch norm, in PyTorch's float32
// order: `conv` as fuse_conv_bn_weights, `linear` as fuse_linear_bn_weights.
def Quill_BatchNormFoldRule : Quill_Enum<"BatchNormFoldRule",
    "order of operations of batch-norm folding", ["conv", "linear"]>;

class Quill_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<Quill_Dialect, info, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def Quill_GeluApproximateAttr : Quill_EnumAttr<Quill_GeluApproximate, "gelu_approximate">;
def Quill_PadModeAttr : Quill_EnumAttr<Quill_PadMode, "pad_mode">;
def Quill_InterpolateModeAttr : Quill_EnumAttr<Quill_InterpolateMode, "interpolate_mode">;
def Quill_EmbeddingBagModeAttr : Quill_EnumAttr<Quill_EmbeddingBagMode, "embedding_bag_mode">;
def Quill_DivRoundingModeAttr : Quill_EnumAttr<Quill_DivRoundingMode, "rounding_mode">;
def Quill_FakeQuantKindAttr : Quill_EnumAttr<Quill_FakeQuantKind, "fake_quant_kind">;
def Quill_FusedActivationAttr : Quill_EnumAttr<Quill_FusedActivation, "fused_activation">;
def Quill_QDTypeAttr : Quill_EnumAttr<Quill_QDType, "qdtype">;

//===----------------------------------------------------------------------===//
// Observer spec
//===----------------------------------------------------------------------===//

def Quill_ObserverSpecAttr : AttrDef<Quill_Dialect, "ObserverSpec"> {
  let mnemonic = "observer";
  let summary = "an observer's class and constructor arguments";
  let description = [{
    Mirrors the constructor of a `torch.ao.quantization` observer:

    ```mlir
    #quill.observer<histogram, quint8, reduce_range = true>
    #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 0>
    #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>
    ```

    After `kind` and `dtype` come keyword fields, each optional:
    `qscheme` (default `per_tensor_affine`, `per_channel_affine` for the
    per-channel kinds), `quant_min`/`quant_max`
    (default: the dtype's full range, see `calculate_qmin_qmax`),
    `reduce_range` (default false), `eps` (default float32 epsilon,
    1.1920928955078125e-07), `ch_axis` (default 0), `averaging_constant`
    (default 0.01), `bins` (default 2048), `scale`/`zero_point` (fixed-qparams
    observers only), `is_dynamic` (default false). Fields equal to their
    default are not printed.
  }];
  let parameters = (ins
    "ObserverKind":$kind,
    "QDType":$dtype,
    "QScheme":$qscheme,
    "std::optional<int64_t>":$quantMin,
    "std::optional<int64_t>":$quantMax,
    "bool":$reduceRange,
    "::mlir::FloatAttr":$eps,
    "int64_t":$chAxis,
    "::mlir::FloatAttr":$averagingConstant,
    "int64_t":$bins,
    "::mlir::FloatAttr":$scale,
    "std::optional<int64_t>":$zeroPoint,
    "bool":$isDynamic
  );
  // Float fields are f64 FloatAttrs (a null `scale` is absent): attribute
  // storage needs hashable parameters, and double is not.
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    static constexpr double kDefaultEps = 1.1920928955078125e-07;
    static constexpr double kDefaultAveragingConstant = 0.01;
    static constexpr int64_t kDefaultBins = 2048;
    /// A spec with every keyword field at its default.
    static ObserverSpecAttr get(::mlir::MLIRContext *ctx, ObserverKind kind,
                                QDType dtype);
    /// The constructor's default qscheme: per_channel_affine for the
    /// per-channel kinds, per_tensor_affine otherwise.
    static QScheme getDefaultQScheme(ObserverKind kind);
    /// Whether a fake-quantize module of class `fakeQuant` can wrap this
    /// observer (the asserts of PyTorch's FakeQuantize constructors).
    ::mlir::LogicalResult verifyFakeQuant(
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
        FakeQuantKind fakeQuant) const;
    bool isPerChannel() const;
    /// What calibration leaves behind: the uniform kinds (min/max family
    /// and histograms) keep min/max statistics, the histogram kinds also a
    /// histogram; they and fixed_qparams give a scale and zero point.
    bool keepsMinMax() const;
    bool keepsHistogram() const;
    bool hasQParams() const;
    double getEpsValue() const { return getEps().getValueAsDouble(); }
    double getAveragingConstantValue() const {
      return getAveragingConstant().getValueAsDouble();
    }
    /// The fixed scale of a fixed_qparams observer.
    std::optional<double> getScaleValue() const {
      if (!getScale())
        return std::nullopt;
      return getScale().getValueAsDouble();
    }
  }];
}

#endif // QUILL_ATTRS_TD
