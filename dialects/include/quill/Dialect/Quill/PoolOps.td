//===- PoolOps.td - pooling and reductions --------------------------------===//

#ifndef QUILL_POOL_OPS_TD
#define QUILL_POOL_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"

class Quill_MaxPoolOp<string mnemonic, int n, string torchName>
    : Quill_PureOp<mnemonic> {
  let summary = !cast<string>(n) # "-d max pooling (`" # torchName # "`)";
  let description = [{
    `input` is `[N, C, spatial...]` (or unbatched `[C, spatial...]`). Each
    output size is `floor_or_ceil((in + 2*padding - dilation*(kernel-1) - 1)
    / stride) + 1`, rounding up under `ceil_mode` except that the last window
    must start inside the input or its left padding. `stride` defaults to
    `kernel_size`; padding is at most half the kernel size (undilated, as
    PyTorch 1.13 checks it). Indices
    (`return_indices`) are not represented. Quantized input and result share
    their scale and zero point.

    ```mlir
    %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>}
        : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
    ```
  }];
  let arguments = (ins
    Quill_Tensor:$input,
    DenseI64ArrayAttr:$kernel_size,
    OptionalAttr<DenseI64ArrayAttr>:$stride,
    Quill_I64ArrayDefault<Quill_Splat<"0", n>.value>:$padding,
    Quill_I64ArrayDefault<Quill_Splat<"1", n>.value>:$dilation,
    DefaultValuedAttr<BoolAttr, "false">:$ceil_mode
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Quill_MaxPool1dOp : Quill_MaxPoolOp<"max_pool1d", 1, "torch.nn.MaxPool1d">;
def Quill_MaxPool2dOp : Quill_MaxPoolOp<"max_pool2d", 2, "torch.nn.MaxPool2d">;
def Quill_MaxPool3dOp : Quill_MaxPoolOp<"max_pool3d", 3, "torch.nn.MaxPool3d">;

class Quill_AvgPoolOp<string mnemonic, int n, string torchName>
    : Quill_PureOp<mnemonic> {
  let summary = !cast<string>(n) # "-d average pooling (`" # torchName # "`)";
  let description = [{
    Output sizes follow max pooling with dilation 1. `count_include_pad`
    (default true) counts padded zeros in the divisor; a positive
    `divisor_override` replaces the divisor; it must not be zero. Padding is
    at most half the kernel. Quantized input and result share their scale and zero point
    (NUMERICS.md, avg_pool).

    ```mlir
    %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>}
        : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
    ```
  }];
  let arguments = (ins
    Quill_Tensor:$input,
    DenseI64ArrayAttr:$kernel_size,
    OptionalAttr<DenseI64ArrayAttr>:$stride,
    Quill_I64ArrayDefault<Quill_Splat<"0", n>.value>:$padding,
    DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
    DefaultValuedAttr<BoolAttr, "true">:$count_include_pad,
    OptionalAttr<I64Attr>:$divisor_override
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Quill_AvgPool1dOp : Quill_AvgPoolOp<"avg_pool1d", 1, "torch.nn.AvgPool1d">;
def Quill_AvgPool2dOp : Quill_AvgPoolOp<"avg_pool2d", 2, "torch.nn.AvgPool2d">;
def Quill_AvgPool3dOp : Quill_AvgPoolOp<"avg_pool3d", 3, "torch.nn.AvgPool3d">;

class Quill_AdaptiveAvgPoolOp<string mnemonic, int n, string torchName>
    : Quill_PureOp<mnemonic> {
  let summary = !cast<string>(n) # "-d adaptive average pooling (`" # torchName # "`)";
  let description = [{
    Averages over windows `[floor(i*in/out), ceil((i+1)*in/out))` so that the
    spatial output is `output_size` (positive sizes; PyTorch's `None` entries
    are resolved to the input size on import). Quantized input and result
    share their scale and zero point.

    ```mlir
    %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>}
        : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$input, DenseI64ArrayAttr:$output_size);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Quill_AdaptiveAvgPool1dOp : Quill_AdaptiveAvgPoolOp<"adaptive_avg_pool1d", 1,
    "torch.nn.AdaptiveAvgPool1d">;
def Quill_AdaptiveAvgPool2dOp : Quill_AdaptiveAvgPoolOp<"adaptive_avg_pool2d", 2,
    "torch.nn.AdaptiveAvgPool2d">;
def Quill_AdaptiveAvgPool3dOp : Quill_AdaptiveAvgPoolOp<"adaptive_avg_pool3d", 3,
    "torch.nn.AdaptiveAvgPool3d">;

def Quill_MeanOp : Quill_PureOp<"mean"> {
  let summary = "mean over dimensions (`torch.mean`)";
  let description = [{
    Averages over `dims` (distinct, `-rank <= d < rank`; empty means every
    dimension), keeping them as size 1 when `keepdim` is set. Quantized input
    and result share their scale and zero point.

    ```mlir
    %y = quill.mean %x {dims = array<i64: 2, 3>, keepdim = true}
        : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$input,
                       Quill_I64ArrayDefault<"{}">:$dims,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdim);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_POOL_OPS_TD
