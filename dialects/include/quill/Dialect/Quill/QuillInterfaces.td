//===- QuillInterfaces.td - what passes may ask an op generically ---------===//
//
// The table-driven passes (quill-fuse, later prepare and convert) never
// switch on op names: what an op *is* for them (has a weight with output
// channels, is a foldable normalization, is an activation that can become a
// fused_activation) is declared here and attached to the ops in ODS.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_INTERFACES_TD
#define QUILL_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Quill_WeightedOpInterface : OpInterface<"WeightedOpInterface"> {
  let cppNamespace = "::mlir::quill";
  let description = [{
    An op computing output channels from a `weight` operand and an optional
    per-channel `bias` operand (`[C_out]`): conv, conv_transpose, linear.
    quill-fuse folds a following batch norm into them by scaling the weight
    along its output-channel axis and rewriting the bias.
  }];
  let methods = [
    InterfaceMethod<"The weight operand.", "::mlir::Value", "getWeight">,
    InterfaceMethod<"The bias operand, or null.", "::mlir::Value", "getBias">,
    InterfaceMethod<"The weight operand, to replace it.",
        "::mlir::OpOperand &", "getWeightMutable">,
    InterfaceMethod<"The (zero or one) bias operand, to set or add it.",
        "::mlir::MutableOperandRange", "getBiasMutable">,
    InterfaceMethod<[{
        The weight dimension that indexes output channels: 0 for conv and
        linear (`[C_out, ...]`), 1 for transposed convolutions
        (`[C_in, C_out / groups, ...]`).
      }], "int64_t", "getWeightOutputChannelAxis">,
    InterfaceMethod<[{
        The result dimension that indexes output channels (1 for NCHW
        convolutions, the last one for linear).
      }], "int64_t", "getResultChannelAxis">,
    InterfaceMethod<[{
        The order of float32 operations PyTorch uses to fold a batch norm
        into this op (fuse_conv_bn_weights or fuse_linear_bn_weights), so
        that the folded constants are bit-identical to PyTorch's.
      }], "::mlir::quill::BatchNormFoldRule", "getBatchNormFoldRule">,
    InterfaceMethod<[{
        Succeeds if every output channel owns its own weight slice along
        the output-channel axis, so that a per-channel scale can be folded
        into the weight; otherwise reports why through `emitError`.
      }], "::mlir::LogicalResult", "checkOutputChannelsScalable",
      (ins "::llvm::function_ref<::mlir::InFlightDiagnostic()>":$emitError),
      /*methodBody=*/"", /*defaultImplementation=*/"return ::mlir::success();">,
  ];
}

def Quill_QuantizableWeightsOpInterface
    : OpInterface<"QuantizableWeightsOpInterface"> {
  let cppNamespace = "::mlir::quill";
  let description = [{
    An op with weight matrices that quantization observes and quantizes
    with the qconfig's weight observer when its BackendConfig dtype config
    names a weight dtype (biases stay float): the `weight` of conv,
    conv_transpose, linear, embedding, embedding_bag and prelu; `w_ih` and
    `w_hh` of every layer and direction of lstm and gru. Never activations. A per-channel
    weight observer uses the op's `WeightedOpInterface` output-channel axis
    when it has one, else dimension 0 (the rows).
  }];
  let methods = [
    InterfaceMethod<"The weight operands, in operand order.",
        "::llvm::SmallVector<::mlir::OpOperand *>", "getQuantizableWeights",
        (ins), /*methodBody=*/"",
        /*defaultImplementation=*/"return {&$_op.getWeightMutable()};">,
  ];
}

def Quill_FoldableNormOpInterface : OpInterface<"FoldableNormOpInterface"> {
  let cppNamespace = "::mlir::quill";
  let description = [{
    An eval-mode per-channel normalization of operand 0,
    `y = (x - running_mean) * rsqrt(running_var + eps) * weight + bias`
    along one channel axis (batch_norm). quill-fuse folds it into the
    weight and bias of a preceding `WeightedOpInterface` op (PyTorch's
    fuse_conv_bn_eval / fuse_linear_bn_eval).
  }];
  let methods = [
    InterfaceMethod<"The running mean (`[C]`).", "::mlir::Value",
        "getRunningMean">,
    InterfaceMethod<"The running variance (`[C]`).", "::mlir::Value",
        "getRunningVar">,
    InterfaceMethod<"The affine scale gamma (`[C]`), or null for ones.",
        "::mlir::Value", "getWeight">,
    InterfaceMethod<"The affine shift beta (`[C]`), or null for zeros.",
        "::mlir::Value", "getBias">,
    InterfaceMethod<"The epsilon added to the variance.", "::llvm::APFloat",
        "getEps">,
    InterfaceMethod<"The dimension of operand 0 holding the channels.",
        "int64_t", "getChannelAxis">,
  ];
}

def Quill_FusedActivationOpInterface : OpInterface<"FusedActivationOpInterface"> {
  let cppNamespace = "::mlir::quill";
  let description = [{
    An op with an optional `fused_activation` attribute: the activation is
    applied to the op's result (PyTorch's fused modules nni.ConvReLU2d,
    nni.LinearReLU, nni.BNReLU2d).
  }];
  let methods = [
    InterfaceMethod<"The fused activation, if any.",
        "::std::optional<::mlir::quill::FusedActivation>",
        "getFusedActivation">,
    InterfaceMethod<"Sets or clears the fused activation.", "void",
        "setFusedActivation",
        (ins "::std::optional<::mlir::quill::FusedActivation>":$activation)>,
  ];
}

// The paragraph ending the description of every op with fused_activation.
class Quill_FusedActivationDoc<string fusedModules> {
  string text = [{
    The optional `fused_activation` attribute applies an activation to the
    result: `fused_activation = #quill.fused_activation<relu>` is
    `relu(op(...))` in one op (}] # fusedModules # [{). `quill-fuse`
    produces it from the op followed by `quill.relu`.
  }];
}

def Quill_FusibleActivationOpInterface : OpInterface<"FusibleActivationOpInterface"> {
  let cppNamespace = "::mlir::quill";
  let description = [{
    An elementwise activation of operand 0 that an op implementing
    `FusedActivationOpInterface` can apply itself: quill-fuse replaces
    `act(op(x))` by `op(x) {fused_activation = ...}`.
  }];
  let methods = [
    InterfaceMethod<"The fused_activation value this op becomes.",
        "::mlir::quill::FusedActivation", "getAsFusedActivation">,
  ];
}

#endif // QUILL_INTERFACES_TD
