//===- ActivationOps.td - elementwise activations -------------------------===//

#ifndef QUILL_ACTIVATION_OPS_TD
#define QUILL_ACTIVATION_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"
include "quill/Dialect/Quill/QuillInterfaces.td"

// An elementwise activation: the result has the input's shape; with
// quantized types the result may carry its own scale and zero point.
class Quill_ActivationOp<string mnemonic, string torchName, string formula,
                         dag extraArgs = (ins), list<Trait> traits = []>
    : Quill_PureOp<mnemonic, traits> {
  let summary = "elementwise " # mnemonic # " (`" # torchName # "`)";
  let description = "`" # formula # "`, elementwise; the result has the input's "
      "shape. Quantized input and result types may differ in scale and zero "
      "point.\n\n```mlir\n%y = quill." # mnemonic #
      " %x : tensor<2x4xf32> -> tensor<2x4xf32>\n```";
  let arguments = !con((ins Quill_Tensor:$input), extraArgs);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

// quill-fuse turns relu(op(x)) into op(x) {fused_activation = relu}.
def Quill_ReluOp : Quill_ActivationOp<"relu", "torch.nn.ReLU", "max(x, 0)",
                                      (ins), [Quill_FusibleActivationOpInterface]> {
  let extraClassDeclaration = [{
    ::mlir::quill::FusedActivation getAsFusedActivation() {
      return ::mlir::quill::FusedActivation::relu;
    }
  }];
}
def Quill_Relu6Op : Quill_ActivationOp<"relu6", "torch.nn.ReLU6",
    "min(max(x, 0), 6)">;
def Quill_HardtanhOp : Quill_ActivationOp<"hardtanh", "torch.nn.Hardtanh",
    "min(max(x, min_val), max_val)",
    (ins DefaultValuedAttr<F64Attr, "-1.0">:$min_val,
         DefaultValuedAttr<F64Attr, "1.0">:$max_val)>;
def Quill_ClampOp : Quill_ActivationOp<"clamp", "torch.clamp",
    "min(max(x, min), max); at least one bound is given, and when min > max "
    "every element becomes max (PyTorch's rule)",
    (ins OptionalAttr<F64Attr>:$min, OptionalAttr<F64Attr>:$max)>;
def Quill_LeakyReluOp : Quill_ActivationOp<"leaky_relu", "torch.nn.LeakyReLU",
    "x >= 0 ? x : negative_slope * x",
    (ins DefaultValuedAttr<F64Attr, "0.01">:$negative_slope)>;
def Quill_EluOp : Quill_ActivationOp<"elu", "torch.nn.ELU",
    "x > 0 ? x : alpha * (exp(x) - 1)",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)>;
def Quill_GeluOp : Quill_ActivationOp<"gelu", "torch.nn.GELU",
    "x * Phi(x), or its tanh approximation when approximate = tanh",
    (ins DefaultValuedAttr<Quill_GeluApproximateAttr,
                           "::mlir::quill::GeluApproximate::none">:$approximate)>;
def Quill_HardswishOp : Quill_ActivationOp<"hardswish", "torch.nn.Hardswish",
    "x * relu6(x + 3) / 6">;
def Quill_HardsigmoidOp : Quill_ActivationOp<"hardsigmoid",
    "torch.nn.Hardsigmoid", "relu6(x + 3) / 6">;
def Quill_SigmoidOp : Quill_ActivationOp<"sigmoid", "torch.nn.Sigmoid",
    "1 / (1 + exp(-x))">;
def Quill_TanhOp : Quill_ActivationOp<"tanh", "torch.nn.Tanh", "tanh(x)">;
def Quill_SiluOp : Quill_ActivationOp<"silu", "torch.nn.SiLU",
    "x * sigmoid(x)">;
def Quill_SoftmaxOp : Quill_ActivationOp<"softmax", "torch.nn.Softmax",
    "exp(x) / sum(exp(x)) along dim (-rank <= dim < rank)",
    (ins I64Attr:$dim)>;

def Quill_PreluOp : Quill_PureOp<"prelu",
    [Quill_QuantizableWeightsOpInterface]> {
  let summary = "parametric ReLU (`torch.nn.PReLU`)";
  let description = [{
    `x >= 0 ? x : weight[c] * x`, where `c` is the channel (dimension 1) of
    the element. `weight` is 1-d with one element or one per channel; an
    input of rank below 2 has a single channel.

    ```mlir
    %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$input, Quill_FloatTensor:$weight);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_ACTIVATION_OPS_TD
