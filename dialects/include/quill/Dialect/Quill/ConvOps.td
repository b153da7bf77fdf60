//===- ConvOps.td - convolution and matrix products -----------------------===//

#ifndef QUILL_CONV_OPS_TD
#define QUILL_CONV_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"
include "quill/Dialect/Quill/QuillInterfaces.td"

// Ops that quill-fuse folds batch norms and relus into.
// Interface methods come from the generated accessors and from each op's
// extraClassDeclaration (an op's own definition hides a default one).
defvar Quill_FusionRootTraits = [
  Quill_WeightedOpInterface, Quill_FusedActivationOpInterface,
  Quill_QuantizableWeightsOpInterface];

class Quill_ConvOp<string mnemonic, int n, string torchName>
    : Quill_PureOp<mnemonic, Quill_FusionRootTraits> {
  let summary = !cast<string>(n) # "-d convolution (`" # torchName # "`)";
  let description = [{
    PyTorch convolution in NCHW layout: `input` is `[N, C_in, spatial...]`
    (or unbatched `[C_in, spatial...]`, giving an unbatched result),
    `weight` is `[C_out, C_in / groups, kernel...]`, the optional `bias` is
    `[C_out]`. Each output spatial size is
    `floor((in + 2*padding - dilation*(kernel-1) - 1) / stride) + 1`.
    Strides and dilations are positive, padding non-negative, and `groups`
    divides both channel counts. Quantized operands use `!quant.uniform`
    types (weights per-tensor or per-axis on dimension 0); a quantized bias
    may be float or i32. A `padding_mode` other than zeros is imported as an
    explicit `quill.pad` in front of the convolution.

    ```mlir
    %y = quill.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
        : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
    ```
  }] # Quill_FusedActivationDoc<"PyTorch's `nni.ConvReLU" # n # "d`, and "
                                # "`nni.ConvBnReLU" # n # "d` once the batch "
                                # "norm is folded">.text;
  let arguments = (ins
    Quill_Tensor:$input,
    Quill_Tensor:$weight,
    Optional<Quill_BiasTensor>:$bias,
    Quill_I64ArrayDefault<Quill_Splat<"1", n>.value>:$stride,
    Quill_I64ArrayDefault<Quill_Splat<"0", n>.value>:$padding,
    Quill_I64ArrayDefault<Quill_Splat<"1", n>.value>:$dilation,
    DefaultValuedAttr<I64Attr, "1">:$groups,
    OptionalAttr<Quill_FusedActivationAttr>:$fused_activation
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getWeightOutputChannelAxis() { return 0; }
    // Channels are dimension 1 of [N, C, ...], 0 of an unbatched [C, ...].
    int64_t getResultChannelAxis() {
      return ::llvm::cast<::mlir::ShapedType>(getResult().getType()).getRank() ==
                     ::llvm::cast<::mlir::ShapedType>(getWeight().getType()).getRank()
                 ? 1 : 0;
    }
    ::mlir::quill::BatchNormFoldRule getBatchNormFoldRule() {
      return ::mlir::quill::BatchNormFoldRule::conv;
    }
  }];
}

def Quill_Conv1dOp : Quill_ConvOp<"conv1d", 1, "torch.nn.Conv1d">;
def Quill_Conv2dOp : Quill_ConvOp<"conv2d", 2, "torch.nn.Conv2d">;
def Quill_Conv3dOp : Quill_ConvOp<"conv3d", 3, "torch.nn.Conv3d">;

class Quill_ConvTransposeOp<string mnemonic, int n, string torchName>
    : Quill_PureOp<mnemonic, Quill_FusionRootTraits> {
  let summary = !cast<string>(n) # "-d transposed convolution (`" # torchName # "`)";
  let description = [{
    PyTorch transposed convolution: `input` is `[N, C_in, spatial...]`,
    `weight` is `[C_in, C_out / groups, kernel...]` (per-axis quantization on
    dimension 1), the optional `bias` is `[C_out]`. Each output spatial size
    is `(in - 1)*stride - 2*padding + dilation*(kernel-1) + output_padding + 1`;
    `output_padding` must be smaller than the stride or the dilation.

    ```mlir
    %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>}
        : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x8x8xf32>
    ```

    A following batch norm folds into an ungrouped transposed convolution
    only (`groups = 1`): with groups, output channel `c` is spread over the
    weight's groups, and PyTorch 1.13's fuse_conv_bn_weights cannot fold it
    either.
  }] # Quill_FusedActivationDoc<"no fused module in PyTorch 1.13; a custom "
                                # "BackendConfig entry can fuse a following "
                                # "relu">.text;
  let arguments = (ins
    Quill_Tensor:$input,
    Quill_Tensor:$weight,
    Optional<Quill_BiasTensor>:$bias,
    Quill_I64ArrayDefault<Quill_Splat<"1", n>.value>:$stride,
    Quill_I64ArrayDefault<Quill_Splat<"0", n>.value>:$padding,
    Quill_I64ArrayDefault<Quill_Splat<"0", n>.value>:$output_padding,
    Quill_I64ArrayDefault<Quill_Splat<"1", n>.value>:$dilation,
    DefaultValuedAttr<I64Attr, "1">:$groups,
    OptionalAttr<Quill_FusedActivationAttr>:$fused_activation
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getWeightOutputChannelAxis() { return 1; }
    // Channels are dimension 1 of [N, C, ...], 0 of an unbatched [C, ...].
    int64_t getResultChannelAxis() {
      return ::llvm::cast<::mlir::ShapedType>(getResult().getType()).getRank() ==
                     ::llvm::cast<::mlir::ShapedType>(getWeight().getType()).getRank()
                 ? 1 : 0;
    }
    ::mlir::quill::BatchNormFoldRule getBatchNormFoldRule() {
      return ::mlir::quill::BatchNormFoldRule::conv;
    }
    ::mlir::LogicalResult checkOutputChannelsScalable(
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError) {
      if (getGroups() == 1)
        return ::mlir::success();
      return emitError() << "a grouped transposed convolution (groups = "
                         << getGroups() << ") spreads each output channel "
                            "over the weight's groups; PyTorch 1.13 cannot "
                            "fold a batch norm into it either";
    }
  }];
}

def Quill_ConvTranspose1dOp
    : Quill_ConvTransposeOp<"conv_transpose1d", 1, "torch.nn.ConvTranspose1d">;
def Quill_ConvTranspose2dOp
    : Quill_ConvTransposeOp<"conv_transpose2d", 2, "torch.nn.ConvTranspose2d">;
def Quill_ConvTranspose3dOp
    : Quill_ConvTransposeOp<"conv_transpose3d", 3, "torch.nn.ConvTranspose3d">;

def Quill_LinearOp : Quill_PureOp<"linear", Quill_FusionRootTraits> {
  let summary = "fully connected layer (`torch.nn.Linear`)";
  let description = [{
    `y = x · Wᵀ + b`: `input` is `[..., in_features]`, `weight` is
    `[out_features, in_features]`, the optional `bias` is `[out_features]`,
    and the result is `[..., out_features]`. Quantized operands use
    `!quant.uniform` types (weights per-tensor or per-axis on dimension 0);
    a quantized bias may be float or i32.

    ```mlir
    %y = quill.linear %x, %w, %b
        : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
    ```
  }] # Quill_FusedActivationDoc<"PyTorch's `nni.LinearReLU`">.text;
  let arguments = (ins Quill_Tensor:$input, Quill_Tensor:$weight,
                       Optional<Quill_BiasTensor>:$bias,
                       OptionalAttr<Quill_FusedActivationAttr>:$fused_activation);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getWeightOutputChannelAxis() { return 0; }
    int64_t getResultChannelAxis() {
      return getResult().getType().getRank() - 1;
    }
    ::mlir::quill::BatchNormFoldRule getBatchNormFoldRule() {
      return ::mlir::quill::BatchNormFoldRule::linear;
    }
  }];
}

def Quill_MatmulOp : Quill_PureOp<"matmul"> {
  let summary = "matrix product with broadcasting (`torch.matmul`)";
  let description = [{
    `torch.matmul` semantics: 1-d × 1-d is a dot product (rank-0 result);
    a 1-d left operand is promoted to `[1, n]` and a 1-d right operand to
    `[n, 1]`, the promoted dimension is removed from the result; leading
    (batch) dimensions broadcast.

    ```mlir
    %y = quill.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$lhs, Quill_Tensor:$rhs);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Quill_BatchMatmulOp : Quill_PureOp<"batch_matmul"> {
  let summary = "batched matrix product without broadcasting (`torch.bmm`)";
  let description = [{
    `[b, n, m] × [b, m, p] → [b, n, p]`; both operands are rank 3 and the
    batch sizes are equal.

    ```mlir
    %y = quill.batch_matmul %a, %b
        : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$lhs, Quill_Tensor:$rhs);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_CONV_OPS_TD
