//===- ShapeOps.cpp - verifiers of layout and shape ops -------------------===//
//
// Shape ops move elements without arithmetic, so a quantized result carries
// exactly the input's element type (PyTorch's share-qparams rule).
//
//===----------------------------------------------------------------------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cmath>
#include <optional>

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;
namespace shape = ::quill::shape;

namespace {
Type elementTypeOf(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}

LogicalResult sameElementType(Operation *op, Value input, ValueRange results) {
  for (Value r : results)
    if (elementTypeOf(r) != elementTypeOf(input))
      return op->emitOpError("result element type ")
             << elementTypeOf(r) << " differs from the input's "
             << elementTypeOf(input)
             << " (shape ops keep the element type, quantization included)";
  return success();
}

LogicalResult verifyShapeOp(Operation *op, ArrayRef<int64_t> expected) {
  if (failed(sameElementType(op, op->getOperand(0), op->getResults())))
    return failure();
  return resultHasShape(op, op->getResult(0), expected);
}

// Results of chunk/split: one per piece, sized along `dim`. When the piece
// sizes are unknown (an unknown dimension size), every result still matches
// the input outside `dim`.
LogicalResult verifyPieces(Operation *op, int64_t dim,
                           std::optional<ArrayRef<int64_t>> pieces) {
  Shape in = shapeOf(op->getOperand(0));
  if (failed(sameElementType(op, op->getOperand(0), op->getResults())))
    return failure();
  if (!pieces) {
    Shape expected = in;
    expected[dim] = ShapedType::kDynamic;
    for (Value r : op->getResults())
      if (failed(resultHasShape(op, r, expected)))
        return failure();
    return success();
  }
  if (op->getNumResults() != pieces->size())
    return op->emitOpError("produces ")
           << pieces->size() << " pieces of dimension " << dim << " (size "
           << in[dim] << "), but has " << op->getNumResults() << " results";
  for (auto [r, piece] : llvm::zip(op->getResults(), *pieces)) {
    Shape expected = in;
    expected[dim] = piece;
    if (failed(resultHasShape(op, r, expected)))
      return failure();
  }
  return success();
}
} // namespace

LogicalResult FlattenOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  // A rank-0 tensor flattens to [1]: PyTorch treats it as rank 1.
  int64_t rank = std::max<int64_t>(in.size(), 1);
  FailureOr<int64_t> start = dimIn(o, "start_dim", getStartDim(), rank);
  FailureOr<int64_t> end = failed(start)
                               ? FailureOr<int64_t>(failure())
                               : dimIn(o, "end_dim", getEndDim(), rank);
  if (failed(end))
    return failure();
  if (*start > *end)
    return emitOpError("start_dim (")
           << *start << ") must not come after end_dim (" << *end << ")";
  if (in.empty())
    return verifyShapeOp(o, {1});
  Shape expected(in.begin(), in.begin() + *start);
  expected.push_back(shape::numElements(
      Shape(in.begin() + *start, in.begin() + *end + 1)));
  expected.insert(expected.end(), in.begin() + *end + 1, in.end());
  return verifyShapeOp(o, expected);
}

LogicalResult ReshapeOp::verify() {
  int64_t a = shape::numElements(shapeOf(getInput()));
  int64_t b = shape::numElements(shapeOf(getResult()));
  if (!sizesAgree(a, b))
    return emitOpError("cannot reshape ")
           << a << " elements into " << formatShape(shapeOf(getResult()))
           << " (" << b << " elements)";
  return sameElementType(*this, getInput(), getOperation()->getResults());
}

LogicalResult PermuteOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  int64_t rank = in.size();
  if (static_cast<int64_t>(getDims().size()) != rank)
    return emitOpError("dims has ")
           << getDims().size() << " entries for an input of rank " << rank;
  llvm::SmallSet<int64_t, 8> seen;
  Shape expected;
  for (int64_t d : getDims()) {
    FailureOr<int64_t> dim = dimIn(o, "dim", d, rank);
    if (failed(dim))
      return failure();
    if (!seen.insert(*dim).second)
      return emitOpError("dims is not a permutation: ")
             << *dim << " appears twice";
    expected.push_back(in[*dim]);
  }
  return verifyShapeOp(o, expected);
}

LogicalResult TransposeOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  // A rank-0 input counts as rank 1 for dims (PyTorch's maybe_wrap_dim).
  int64_t rank = std::max<int64_t>(in.size(), 1);
  FailureOr<int64_t> a = dimIn(o, "dim0", getDim0(), rank);
  FailureOr<int64_t> b = failed(a) ? FailureOr<int64_t>(failure())
                                   : dimIn(o, "dim1", getDim1(), rank);
  if (failed(b))
    return failure();
  if (!in.empty())
    std::swap(in[*a], in[*b]);
  return verifyShapeOp(o, in);
}

LogicalResult SqueezeOp::verify() {
  Operation *o = getOperation();
  if (failed(sameElementType(o, getInput(), o->getResults())))
    return failure();
  Shape in = shapeOf(getInput()), out = shapeOf(getResult());
  int64_t rank = in.size();
  std::vector<bool> listed(rank, !getDims().has_value());
  if (auto dims = getDims()) {
    llvm::SmallSet<int64_t, 8> seen;
    for (int64_t d : *dims) {
      // A rank-0 input counts as rank 1 (PyTorch's maybe_wrap_dim).
      FailureOr<int64_t> dim = dimIn(o, "dim", d, std::max<int64_t>(rank, 1));
      if (failed(dim))
        return failure();
      if (!seen.insert(*dim).second)
        return emitOpError("dims lists dimension ") << *dim << " twice";
      if (*dim < rank)
        listed[*dim] = true;
    }
  }
  // Listed dimensions of size 1 go, listed dimensions of another size stay.
  Shape expected;
  bool unknown = false;
  for (int64_t d = 0; d < rank; ++d) {
    unknown |= listed[d] && in[d] == ShapedType::kDynamic;
    if (!(listed[d] && in[d] == 1))
      expected.push_back(in[d]);
  }
  if (!unknown)
    return resultHasShape(o, getResult(), expected);
  // A listed dimension of unknown size may go (it is 1) or stay: match the
  // result against the input, dropping exactly such dimensions.
  size_t m = out.size();
  std::vector<std::vector<char>> ok(rank + 1, std::vector<char>(m + 1, 0));
  ok[rank][m] = 1;
  for (int64_t i = rank - 1; i >= 0; --i)
    for (size_t j = 0; j <= m; ++j) {
      bool drop = listed[i] && (in[i] == 1 || in[i] == ShapedType::kDynamic);
      bool keep = !(listed[i] && in[i] == 1) && j < m &&
                  sizesAgree(in[i], out[j]);
      ok[i][j] = (drop && ok[i + 1][j]) || (keep && ok[i + 1][j + 1]);
    }
  if (ok[0][0])
    return success();
  return emitOpError("result shape ")
         << formatShape(out) << " cannot come from squeezing "
         << formatShape(in)
         << " (a squeezed dimension of unknown size may stay or go)";
}

LogicalResult UnsqueezeOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  FailureOr<int64_t> dim = dimIn(o, "dim", getDim(), in.size() + 1);
  if (failed(dim))
    return failure();
  in.insert(in.begin() + *dim, 1);
  return verifyShapeOp(o, in);
}

LogicalResult PadOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  ArrayRef<int64_t> pad = getPad();
  if (pad.size() % 2 != 0 || pad.size() > 2 * in.size())
    return emitOpError("pad must have an even number of entries, at most ")
           << 2 * in.size() << " for rank " << in.size() << ", got "
           << pad.size();
  if (!std::isfinite(getValue().convertToDouble()))
    return emitOpError("value must be finite");
  PadMode mode = getMode();
  if (mode != PadMode::constant && getValue().convertToDouble() != 0.0)
    return emitOpError("value is only meaningful in constant mode");
  // PyTorch's _pad_enum: the other modes pad the last 1 to 3 dimensions of
  // an input with one or two leading (channel, batch) dimensions; circular
  // needs both.
  int64_t rank = in.size(), n = pad.size() / 2;
  if (mode == PadMode::circular && !(n >= 1 && n <= 3 && rank == n + 2))
    return emitOpError("mode circular needs 2 pad entries for rank 3, 4 for "
                       "rank 4 or 6 for rank 5, got ")
           << pad.size() << " for rank " << rank;
  if ((mode == PadMode::reflect || mode == PadMode::replicate) &&
      !(n >= 1 && n <= 3 && (rank == n + 1 || rank == n + 2)))
    return emitOpError("mode ")
           << stringifyPadMode(mode)
           << " needs 2 pad entries for rank 2 or 3, 4 for rank 3 or 4 or 6 "
              "for rank 4 or 5, got "
           << pad.size() << " for rank " << rank;
  // constant_pad_nd: once any padding is positive, no padded dimension may
  // end up empty (cropping alone may empty one).
  bool anyPositive = llvm::any_of(pad, [](int64_t p) { return p > 0; });
  Shape expected = in;
  for (size_t i = 0; i < pad.size() / 2; ++i) {
    size_t d = in.size() - 1 - i;
    int64_t lo = pad[2 * i], hi = pad[2 * i + 1], size = in[d];
    if (mode != PadMode::constant && (lo < 0 || hi < 0))
      return emitOpError("negative padding is only allowed in constant mode");
    if (size != ShapedType::kDynamic) {
      if (mode == PadMode::reflect && (lo >= size || hi >= size))
        return emitOpError("reflect padding (")
               << lo << ", " << hi << ") must be smaller than dimension " << d
               << " of size " << size;
      if (mode == PadMode::circular && (lo > size || hi > size))
        return emitOpError("circular padding (")
               << lo << ", " << hi << ") must not exceed dimension " << d
               << " of size " << size;
      if (size + lo + hi < 0)
        return emitOpError("padding (")
               << lo << ", " << hi << ") leaves dimension " << d
               << " with a negative size";
      if (size + lo + hi == 0 && anyPositive)
        return emitOpError("padding (")
               << lo << ", " << hi << ") leaves dimension " << d
               << " empty, which PyTorch allows only when no padding is "
                  "positive";
      expected[d] = size + lo + hi;
    }
  }
  return verifyShapeOp(o, expected);
}

LogicalResult InterpolateOp::verify() {
  Operation *o = getOperation();
  Shape in = shapeOf(getInput());
  if (failed(rankIn(o, getInput(), "input", 3, 5)))
    return failure();
  size_t n = in.size() - 2;
  InterpolateMode mode = getMode();
  int64_t needRank = mode == InterpolateMode::linear      ? 3
                     : mode == InterpolateMode::bilinear  ? 4
                     : mode == InterpolateMode::bicubic   ? 4
                     : mode == InterpolateMode::trilinear ? 5
                                                          : 0;
  if (needRank && static_cast<int64_t>(in.size()) != needRank)
    return emitOpError("mode ")
           << stringifyInterpolateMode(mode) << " needs an input of rank "
           << needRank << ", got rank " << in.size();
  if (getAlignCorners() && !needRank)
    return emitOpError("align_corners may only be set with the linear, "
                       "bilinear, bicubic and trilinear modes");
  if (getSize().has_value() == getScaleFactor().has_value())
    return emitOpError("takes exactly one of size and scale_factor");
  Shape expected(in.begin(), in.begin() + 2);
  if (auto size = getSize()) {
    if (failed(listOf(o, "size", *size, n, 1)))
      return failure();
    llvm::append_range(expected, *size);
  } else {
    ArrayRef<double> scales = *getScaleFactor();
    if (scales.size() != n)
      return emitOpError("scale_factor must have ")
             << n << " element(s), got " << scales.size();
    for (size_t i = 0; i < n; ++i) {
      if (!(scales[i] > 0.0) || !std::isfinite(scales[i]))
        return emitOpError("scale_factor entries must be positive and "
                           "finite, got ")
               << scales[i];
      int64_t size = shape::scaledSize(in[2 + i], scales[i]);
      if (size != ShapedType::kDynamic && size < 1)
        return emitOpError("scale_factor ")
               << scales[i] << " gives an empty dimension " << 2 + i;
      expected.push_back(size);
    }
  }
  return verifyShapeOp(o, expected);
}

LogicalResult DropoutOp::verify() {
  double p = getP().convertToDouble();
  if (!(p >= 0.0 && p <= 1.0))
    return emitOpError("p must be in [0, 1], got ") << p;
  return verifyShapeOp(*this, shapeOf(getInput()));
}

LogicalResult IdentityOp::verify() {
  return verifyShapeOp(*this, shapeOf(getInput()));
}

LogicalResult PixelShuffleOp::verify() {
  Operation *o = getOperation();
  if (failed(rankIn(o, getInput(), "input", 3, kAnyRank)))
    return failure();
  int64_t r = getUpscaleFactor();
  if (r < 1)
    return emitOpError("upscale_factor must be >= 1, got ") << r;
  Shape in = shapeOf(getInput());
  size_t c = in.size() - 3;
  // r*r may overflow for absurd factors (no channel count divides it then).
  int64_t rr;
  bool overflow = llvm::MulOverflow(r, r, rr);
  if (in[c] != ShapedType::kDynamic && (overflow || in[c] % rr != 0))
    return emitOpError("channels (")
           << in[c] << ") must be divisible by upscale_factor^2 (" << r
           << "^2)";
  auto times = [&](int64_t d) {
    return d == ShapedType::kDynamic ? d : d * r;
  };
  Shape expected = in;
  expected[c] = in[c] == ShapedType::kDynamic ? in[c] : in[c] / rr;
  expected[c + 1] = times(in[c + 1]);
  expected[c + 2] = times(in[c + 2]);
  return verifyShapeOp(o, expected);
}

LogicalResult ChunkOp::verify() {
  Operation *o = getOperation();
  // I64Attr getters return uint64_t: read the attributes as signed.
  int64_t chunks = static_cast<int64_t>(getChunks());
  if (chunks < 1)
    return emitOpError("chunks must be >= 1, got ") << chunks;
  Shape in = shapeOf(getInput());
  if (in.empty())
    return emitOpError("needs an input of rank >= 1, got rank 0");
  FailureOr<int64_t> dim = dimIn(o, "dim", getDim(), in.size());
  if (failed(dim))
    return failure();
  if (getNumResults() == 0)
    return emitOpError("needs at least one result");
  if (in[*dim] == ShapedType::kDynamic) {
    if (static_cast<int64_t>(getNumResults()) > chunks)
      return emitOpError("gives at most ")
             << chunks << " pieces, but has " << getNumResults()
             << " results";
    return verifyPieces(o, *dim, std::nullopt);
  }
  // An empty dimension gives `chunks` empty pieces: check the count before
  // building a list of `chunks` sizes.
  if (in[*dim] == 0 && static_cast<int64_t>(getNumResults()) != chunks)
    return emitOpError("produces ")
           << chunks << " pieces of dimension " << *dim
           << " (size 0), but has " << getNumResults() << " results";
  std::vector<int64_t> pieces = shape::chunkSizes(in[*dim], chunks);
  return verifyPieces(o, *dim, ArrayRef<int64_t>(pieces));
}

LogicalResult SplitOp::verify() {
  Operation *o = getOperation();
  if (getSplitSize().has_value() == getSplitSizes().has_value())
    return emitOpError("takes exactly one of split_size and split_sizes");
  Shape in = shapeOf(getInput());
  if (in.empty())
    return emitOpError("needs an input of rank >= 1, got rank 0");
  FailureOr<int64_t> dim = dimIn(o, "dim", getDim(), in.size());
  if (failed(dim))
    return failure();
  if (getNumResults() == 0)
    return emitOpError("needs at least one result");
  int64_t size = in[*dim];
  if (getSplitSize()) {
    int64_t splitSize = static_cast<int64_t>(*getSplitSize());
    if (splitSize < 0)
      return emitOpError("split_size must be >= 0, got ") << splitSize;
    if (splitSize == 0 && size != 0 && size != ShapedType::kDynamic)
      return emitOpError("split_size can only be 0 if dimension ")
             << *dim << " is empty, but it has size " << size;
    if (size == ShapedType::kDynamic)
      return verifyPieces(o, *dim, std::nullopt);
    std::vector<int64_t> pieces = shape::splitSizes(size, splitSize);
    return verifyPieces(o, *dim, ArrayRef<int64_t>(pieces));
  }
  ArrayRef<int64_t> sizes = *getSplitSizes();
  int64_t total = 0;
  for (int64_t s : sizes) {
    if (s < 0)
      return emitOpError("split_sizes entries must be >= 0, got ") << s;
    total += s;
  }
  if (size != ShapedType::kDynamic && total != size)
    return emitOpError("split_sizes sum to ")
           << total << ", but dimension " << *dim << " has size " << size;
  if (sizes.size() != getNumResults())
    return emitOpError("split_sizes has ")
           << sizes.size() << " entries but the op has " << getNumResults()
           << " results";
  return verifyPieces(o, *dim, sizes);
}
