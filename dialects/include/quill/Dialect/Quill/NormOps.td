//===- NormOps.td - normalization ops -------------------------------------===//

#ifndef QUILL_NORM_OPS_TD
#define QUILL_NORM_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"
include "quill/Dialect/Quill/QuillInterfaces.td"

def Quill_EpsAttr : DefaultValuedAttr<F64Attr, "1e-05">;

def Quill_BatchNormOp : Quill_PureOp<"batch_norm", [AttrSizedOperandSegments,
    Quill_FoldableNormOpInterface, Quill_FusedActivationOpInterface]> {
  let summary = "batch normalization in eval form (`torch.nn.BatchNorm1d/2d/3d`)";
  let description = [{
    `y = (x - running_mean) / sqrt(running_var + eps) * weight + bias`, with
    the channel on dimension 1. `input` has rank 2 or 3 (BatchNorm1d), 4
    (BatchNorm2d) or 5 (BatchNorm3d); the statistics and the optional affine
    `weight`/`bias` are `[C]`. Training-mode statistics are not represented:
    a graph is imported in eval mode.

    ```mlir
    %y = quill.batch_norm %x, %mean, %var weight %g bias %b {eps = 1.0e-05 : f64}
        : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
          -> tensor<1x4x8x8xf32>
    ```

    With constant statistics, `quill-fuse` folds a batch norm that follows a
    conv, conv_transpose or linear into that op's weight and bias.
  }] # Quill_FusedActivationDoc<"PyTorch's `nni.BNReLU2d`, `nni.BNReLU3d`">.text;
  let arguments = (ins
    Quill_Tensor:$input,
    Quill_FloatTensor:$running_mean,
    Quill_FloatTensor:$running_var,
    Optional<Quill_FloatTensor>:$weight,
    Optional<Quill_FloatTensor>:$bias,
    Quill_EpsAttr:$eps,
    OptionalAttr<Quill_FusedActivationAttr>:$fused_activation
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $running_mean `,` $running_var (`weight` $weight^)? (`bias` $bias^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getChannelAxis() { return 1; }
  }];
}

def Quill_LayerNormOp : Quill_PureOp<"layer_norm", [AttrSizedOperandSegments]> {
  let summary = "layer normalization (`torch.nn.LayerNorm`)";
  let description = [{
    Normalizes over the trailing dimensions given by `normalized_shape`,
    which must equal the input's last dimensions; the optional `weight` and
    `bias` have shape `normalized_shape`.

    ```mlir
    %y = quill.layer_norm %x weight %g bias %b {normalized_shape = array<i64: 16>}
        : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
    ```
  }];
  let arguments = (ins
    Quill_Tensor:$input,
    Optional<Quill_FloatTensor>:$weight,
    Optional<Quill_FloatTensor>:$bias,
    DenseI64ArrayAttr:$normalized_shape,
    Quill_EpsAttr:$eps
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Quill_GroupNormOp : Quill_PureOp<"group_norm", [AttrSizedOperandSegments]> {
  let summary = "group normalization (`torch.nn.GroupNorm`)";
  let description = [{
    Splits the channels (dimension 1) into `num_groups` groups and normalizes
    each; `num_groups` divides the channel count. The optional `weight` and
    `bias` are `[C]`.

    ```mlir
    %y = quill.group_norm %x {num_groups = 2 : i64}
        : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins
    Quill_Tensor:$input,
    Optional<Quill_FloatTensor>:$weight,
    Optional<Quill_FloatTensor>:$bias,
    I64Attr:$num_groups,
    Quill_EpsAttr:$eps
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Quill_InstanceNormOp : Quill_PureOp<"instance_norm", [AttrSizedOperandSegments]> {
  let summary = "instance normalization (`torch.nn.InstanceNorm1d/2d/3d`)";
  let description = [{
    Normalizes each (sample, channel) over its spatial dimensions with the
    statistics of the input itself, or, when `running_mean`/`running_var` are
    given (a module built with `track_running_stats=True`, in eval), with
    those. `input` has rank 3 to 5 (batched) ; `weight`, `bias` and the
    running statistics are `[C]`.

    ```mlir
    %y = quill.instance_norm %x weight %g bias %b
        : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins
    Quill_Tensor:$input,
    Optional<Quill_FloatTensor>:$weight,
    Optional<Quill_FloatTensor>:$bias,
    Optional<Quill_FloatTensor>:$running_mean,
    Optional<Quill_FloatTensor>:$running_var,
    Quill_EpsAttr:$eps
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)?
    (`running_mean` $running_mean^)? (`running_var` $running_var^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_NORM_OPS_TD
