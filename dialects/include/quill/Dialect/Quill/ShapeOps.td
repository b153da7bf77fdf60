//===- ShapeOps.td - layout and shape ops ---------------------------------===//

#ifndef QUILL_SHAPE_OPS_TD
#define QUILL_SHAPE_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"

// Shape ops move values without arithmetic: with quantized types, input and
// result(s) share scale and zero point (PyTorch's share-qparams ops).
class Quill_ShapeOp<string mnemonic, string torchName, string what,
                    dag args = (ins), string example = "">
    : Quill_PureOp<mnemonic> {
  let summary = mnemonic # " (`" # torchName # "`)";
  let description = what # "\n\n```mlir\n" # example # "\n```";
  let arguments = !con((ins Quill_Tensor:$input), args);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Quill_FlattenOp : Quill_ShapeOp<"flatten", "torch.flatten",
    "Merges dimensions `start_dim..end_dim` (inclusive, negative counts from "
    "the end) into one. `torch.nn.Flatten` imports with `start_dim = 1`.",
    (ins DefaultValuedAttr<I64Attr, "0">:$start_dim,
         DefaultValuedAttr<I64Attr, "-1">:$end_dim),
    "%y = quill.flatten %x {start_dim = 1 : i64} : tensor<2x4x3x3xf32> -> tensor<2x36xf32>">;

def Quill_ReshapeOp : Quill_ShapeOp<"reshape", "torch.reshape",
    "Reinterprets the elements in row-major order with the result type's "
    "shape; static element counts must agree (`view` imports as reshape).",
    (ins), "%y = quill.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>">;

def Quill_PermuteOp : Quill_ShapeOp<"permute", "torch.permute",
    "Result dimension `i` is input dimension `dims[i]`; `dims` is a "
    "permutation of the dimensions (negative entries count from the end).",
    (ins DenseI64ArrayAttr:$dims),
    "%y = quill.permute %x {dims = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x5x3xf32>">;

def Quill_TransposeOp : Quill_ShapeOp<"transpose", "torch.transpose",
    "Swaps dimensions `dim0` and `dim1`.",
    (ins I64Attr:$dim0, I64Attr:$dim1),
    "%y = quill.transpose %x {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>">;

def Quill_SqueezeOp : Quill_ShapeOp<"squeeze", "torch.squeeze",
    "Removes the listed dimensions that have size 1 (a listed dimension of "
    "another size stays, as in PyTorch), or every size-1 dimension when "
    "`dims` is absent.",
    (ins OptionalAttr<DenseI64ArrayAttr>:$dims),
    "%y = quill.squeeze %x {dims = array<i64: 1>} : tensor<2x1x3xf32> -> tensor<2x3xf32>">;

def Quill_UnsqueezeOp : Quill_ShapeOp<"unsqueeze", "torch.unsqueeze",
    "Inserts a size-1 dimension at `dim` (`-(rank+1) <= dim <= rank`).",
    (ins I64Attr:$dim),
    "%y = quill.unsqueeze %x {dim = 0 : i64} : tensor<2x3xf32> -> tensor<1x2x3xf32>">;

def Quill_PadOp : Quill_ShapeOp<"pad", "torch.nn.functional.pad",
    "Pads with `pad` in PyTorch's order: (left, right) of the last dimension "
    "first, then of the one before, and so on (at most `2*rank` entries). "
    "`constant` mode fills with `value` and allows negative (cropping) "
    "amounts; `reflect` needs padding smaller than the dimension, `replicate` "
    "and `circular` non-negative padding (circular: at most the dimension).",
    (ins DenseI64ArrayAttr:$pad,
         DefaultValuedAttr<Quill_PadModeAttr, "::mlir::quill::PadMode::constant">:$mode,
         DefaultValuedAttr<F64Attr, "0.0">:$value),
    "%y = quill.pad %x {pad = array<i64: 1, 1, 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x8x6xf32>">;

def Quill_InterpolateOp : Quill_ShapeOp<"interpolate",
    "torch.nn.functional.interpolate",
    "Resizes the spatial dimensions (all but the first two) to `size`, or to "
    "`floor(in * scale_factor)`; exactly one of the two is given. `linear` "
    "needs rank 3, `bilinear` and `bicubic` rank 4, `trilinear` rank 5; "
    "`align_corners` may only be set with those modes. Quantized input and "
    "result share their scale and zero point.",
    (ins OptionalAttr<DenseI64ArrayAttr>:$size,
         OptionalAttr<DenseF64ArrayAttr>:$scale_factor,
         DefaultValuedAttr<Quill_InterpolateModeAttr,
                           "::mlir::quill::InterpolateMode::nearest">:$mode,
         OptionalAttr<BoolAttr>:$align_corners),
    "%y = quill.interpolate %x {scale_factor = array<f64: 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>">;

def Quill_DropoutOp : Quill_ShapeOp<"dropout", "torch.nn.Dropout",
    "Identity: graphs are in eval mode. `p` (in [0, 1]) is kept for "
    "round-tripping to PyTorch.",
    (ins DefaultValuedAttr<F64Attr, "0.5">:$p),
    "%y = quill.dropout %x {p = 1.0e-01 : f64} : tensor<2x3xf32> -> tensor<2x3xf32>">;

def Quill_IdentityOp : Quill_ShapeOp<"identity", "torch.nn.Identity",
    "Returns its input.", (ins),
    "%y = quill.identity %x : tensor<2x3xf32> -> tensor<2x3xf32>">;

def Quill_PixelShuffleOp : Quill_ShapeOp<"pixel_shuffle", "torch.nn.PixelShuffle",
    "`[*, C*r*r, H, W] -> [*, C, H*r, W*r]` with `r = upscale_factor`.",
    (ins I64Attr:$upscale_factor),
    "%y = quill.pixel_shuffle %x {upscale_factor = 2 : i64} : tensor<1x8x3x3xf32> -> tensor<1x2x6x6xf32>">;

// Multiple results: chunk and split.
def Quill_ChunkOp : Quill_PureOp<"chunk"> {
  let summary = "chunk (`torch.chunk`)";
  let description = [{
    Splits `dim` into pieces of `ceil(size / chunks)` elements, the last one
    possibly smaller; as in PyTorch there may be fewer than `chunks` results
    (`chunk(6 elements, 4)` gives 3 pieces of 2).

    ```mlir
    %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 1 : i64}
        : tensor<2x4xf32> -> tensor<2x2xf32>, tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$input, I64Attr:$chunks, I64Attr:$dim);
  let results = (outs Variadic<Quill_Tensor>:$results);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($results)
  }];
  let hasVerifier = 1;
}

def Quill_SplitOp : Quill_PureOp<"split"> {
  let summary = "split (`torch.split`)";
  let description = [{
    Splits `dim` into pieces of `split_size` elements (the last possibly
    smaller), or into pieces of the listed `split_sizes`, which sum to the
    dimension; exactly one of the two is given.

    ```mlir
    %a, %b = quill.split %x {split_sizes = array<i64: 1, 3>, dim = 1 : i64}
        : tensor<2x4xf32> -> tensor<2x1xf32>, tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Quill_Tensor:$input,
                       OptionalAttr<I64Attr>:$split_size,
                       OptionalAttr<DenseI64ArrayAttr>:$split_sizes,
                       I64Attr:$dim);
  let results = (outs Variadic<Quill_Tensor>:$results);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_SHAPE_OPS_TD
