//===- ElementwiseOps.td - arithmetic, cat and stack ----------------------===//

#ifndef QUILL_ELEMENTWISE_OPS_TD
#define QUILL_ELEMENTWISE_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"
include "quill/Dialect/Quill/QuillInterfaces.td"

// Tensor-tensor with numpy broadcasting, or tensor-scalar:
//   quill.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
//   quill.add %a, 2.5 : (tensor<2x3xf32>) -> tensor<2x3xf32>
class Quill_BinaryOp<string mnemonic, string torchName, string formula,
                     dag extraArgs = (ins), list<Trait> traits = [],
                     string extraDoc = "">
    : Quill_PureOp<mnemonic, traits> {
  let summary = "elementwise " # mnemonic # " (`" # torchName # "`)";
  let description = "`" # formula # "`. The right operand is a tensor, "
      "broadcast with the left one by numpy rules, or a scalar literal "
      "(`scalar`). For `x + scalar` on quantized tensors Quill follows the "
      "reference model: the result shares the input's scale and zero point "
      "and saturates.\n\n```mlir\n%y = quill." # mnemonic #
      " %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>\n"
      "%z = quill." # mnemonic # " %a, 2.5 : (tensor<2x3xf32>) -> tensor<2x3xf32>\n```" # extraDoc;
  let arguments = !con((ins Quill_Tensor:$lhs, Optional<Quill_Tensor>:$rhs,
                            OptionalAttr<F64Attr>:$scalar), extraArgs);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` custom<OperandOrScalar>($rhs, $scalar) attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

// add and mul may carry a relu: PyTorch's add-relu / mul-relu patterns
// become one quantized op (quantized::add_relu, quantized::mul_relu).
defvar Quill_BinaryReluDoc = [{

    The optional `fused_activation = #quill.fused_activation<relu>` applies
    relu to the result in one op: `quill-convert` folds the backend's
    add-relu and mul-relu patterns (PyTorch's `quantized::add_relu`,
    `quantized::mul_relu`) into it.
  }];

def Quill_AddOp : Quill_BinaryOp<"add", "torch.add", "lhs + alpha * rhs",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha,
         OptionalAttr<Quill_FusedActivationAttr>:$fused_activation),
    [Quill_FusedActivationOpInterface], Quill_BinaryReluDoc>;
def Quill_SubOp : Quill_BinaryOp<"sub", "torch.sub", "lhs - alpha * rhs",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)>;
def Quill_MulOp : Quill_BinaryOp<"mul", "torch.mul", "lhs * rhs",
    (ins OptionalAttr<Quill_FusedActivationAttr>:$fused_activation),
    [Quill_FusedActivationOpInterface], Quill_BinaryReluDoc>;
def Quill_DivOp : Quill_BinaryOp<"div", "torch.div",
    "lhs / rhs, then rounded toward zero (trunc) or down (floor) when "
    "rounding_mode says so",
    (ins DefaultValuedAttr<Quill_DivRoundingModeAttr,
                           "::mlir::quill::DivRoundingMode::true_div">:$rounding_mode)>;

def Quill_CatOp : Quill_PureOp<"cat"> {
  let summary = "concatenation along a dimension (`torch.cat`)";
  let description = [{
    All inputs have the same rank and equal sizes except along `dim`
    (`-rank <= dim < rank`). Quantized inputs and the result share one scale
    and zero point once converted (PyTorch's cat needs no requantization).

    ```mlir
    %y = quill.cat %a, %b {dim = 1 : i64}
        : (tensor<1x2x4xf32>, tensor<1x3x4xf32>) -> tensor<1x5x4xf32>
    ```
  }];
  let arguments = (ins Variadic<Quill_Tensor>:$inputs, I64Attr:$dim);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Quill_StackOp : Quill_PureOp<"stack"> {
  let summary = "stacking along a new dimension (`torch.stack`)";
  let description = [{
    All inputs have the same shape; the result inserts a dimension of size
    `len(inputs)` at `dim` (`-(rank+1) <= dim <= rank`).

    ```mlir
    %y = quill.stack %a, %b {dim = 0 : i64}
        : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x4xf32>
    ```
  }];
  let arguments = (ins Variadic<Quill_Tensor>:$inputs, I64Attr:$dim);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_ELEMENTWISE_OPS_TD
