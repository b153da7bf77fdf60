//===- Shape.cpp - layout and shape ops, for every dtype ------------------===//
//
// Shape ops move elements without arithmetic (PyTorch's share-qparams ops),
// so these kernels only copy storage bytes and serve float, integer and
// quantized tensors alike (a quantized result with other parameters than
// its input's is left to quantized/QShape.cpp, which requantizes). Ops that
// keep the row-major order (flatten, reshape, squeeze, unsqueeze, dropout
// in eval, identity) are one memcpy; the others are a gather through
// per-dimension index maps (Shape.h).
//
//===----------------------------------------------------------------------===//

#include "Shape.h"

#include "quill/runtime/ShapeRules.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace quill::reference {

//===----------------------------------------------------------------------===//
// The gather
//===----------------------------------------------------------------------===//

IndexMaps identityMaps(const std::vector<int64_t> &shape) {
  std::vector<int64_t> strides = rowMajorStrides(shape);
  IndexMaps maps(shape.size());
  for (size_t d = 0; d < shape.size(); ++d)
    for (int64_t i = 0; i < shape[d]; ++i)
      maps[d].push_back(i * strides[d]);
  return maps;
}

namespace {

/// One gather, with the size of the output block below each dimension (what
/// a kFill entry there covers).
struct GatherPlan {
  IndexMaps maps;
  std::vector<int64_t> block;

  explicit GatherPlan(IndexMaps m) : maps(std::move(m)), block(maps.size()) {
    int64_t n = 1;
    for (size_t d = maps.size(); d-- > 0;) {
      block[d] = n;
      n *= static_cast<int64_t>(maps[d].size());
    }
  }
};

// T is an unsigned integer of the element size: only bytes move.
template <typename T>
T *gatherDim(const GatherPlan &plan, size_t d, const T *in, int64_t base,
             T *out, T fill) {
  if (d == plan.maps.size()) {
    *out = in[base];
    return out + 1;
  }
  bool innermost = d + 1 == plan.maps.size();
  for (int64_t offset : plan.maps[d]) {
    if (offset == kFill)
      out = std::fill_n(out, plan.block[d], fill);
    else if (innermost)
      *out++ = in[base + offset];
    else
      out = gatherDim(plan, d + 1, in, base + offset, out, fill);
  }
  return out;
}

template <typename T>
void gatherAs(const GatherPlan &plan, const Tensor &in, Tensor &out,
              const ElementBytes &fillBytes) {
  if (out.numel() == 0)
    return;
  T fill;
  std::memcpy(&fill, fillBytes.data(), sizeof(T));
  gatherDim(plan, 0, in.data<T>(), 0, out.data<T>(), fill);
}

void gather(const GatherPlan &plan, const Tensor &in, Tensor &out,
            const ElementBytes &fill) {
  switch (dtypeSize(in.dtype())) {
  case 1:
    return gatherAs<uint8_t>(plan, in, out, fill);
  case 2:
    return gatherAs<uint16_t>(plan, in, out, fill);
  case 4:
    return gatherAs<uint32_t>(plan, in, out, fill);
  default:
    return gatherAs<uint64_t>(plan, in, out, fill);
  }
}

} // namespace

std::unique_ptr<Kernel> makeGatherKernel(std::vector<IndexMaps> maps,
                                         ElementBytes fill) {
  std::vector<GatherPlan> plans;
  for (IndexMaps &m : maps)
    plans.emplace_back(std::move(m));
  return makeKernel([plans = std::move(plans),
                     fill](const std::vector<const Tensor *> &inputs,
                           const std::vector<Tensor *> &outputs) {
    for (size_t k = 0; k < plans.size(); ++k)
      gather(plans[k], *inputs[0], *outputs[k], fill);
    return Status::success();
  });
}

Status checkSameElementType(const Node &node, const Graph &graph) {
  const ValueInfo &in = inputInfo(node, graph, 0);
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    const ValueInfo &out = outputInfo(node, graph, k);
    if (out.dtype != in.dtype || !(out.quant == in.quant))
      return Status::error("result " + std::to_string(k) + " has dtype " +
                           std::string(dtypeName(out.dtype)) +
                           (out.quant ? " (quantized)" : "") +
                           ", but shape ops keep the input's " +
                           std::string(dtypeName(in.dtype)) +
                           (in.quant ? " (quantized)" : ""));
  }
  return Status::success();
}

bool requantizes(const Node &node, const Graph &graph) {
  const ValueInfo &in = inputInfo(node, graph, 0);
  bool alike = true;
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    const ValueInfo &out = outputInfo(node, graph, k);
    if (!in.quant || !out.quant)
      return false;
    alike = alike && out.dtype == in.dtype && out.quant == in.quant;
  }
  return !alike;
}

//===----------------------------------------------------------------------===//
// The ops
//===----------------------------------------------------------------------===//

namespace {

using Shape = std::vector<int64_t>;

Status expectResult(const Node &node, const Graph &graph, size_t result,
                    const Shape &expected) {
  return expectShape(outputInfo(node, graph, result),
                     "result " + std::to_string(result), expected);
}

const Shape &inputShape(const Node &node, const Graph &graph) {
  return inputInfo(node, graph, 0).shape;
}

std::unique_ptr<Kernel> makeCopyKernel() {
  return makeKernel([](const std::vector<const Tensor *> &inputs,
                       const std::vector<Tensor *> &outputs) {
    if (size_t bytes = inputs[0]->byteSize())
      std::memcpy(outputs[0]->raw(), inputs[0]->raw(), bytes);
    return Status::success();
  });
}

/// A memcpy kernel once the result shape is checked.
KernelOr copyIfShape(const Node &node, const Graph &graph,
                     const Shape &expected) {
  if (Status s = expectResult(node, graph, 0, expected); !s.ok())
    return s;
  return makeCopyKernel();
}

/// A kernel whose result dimension d is input dimension perm[d].
std::unique_ptr<Kernel> makePermuteKernel(const Shape &in,
                                          const std::vector<int64_t> &perm) {
  IndexMaps identity = identityMaps(in);
  IndexMaps maps;
  for (int64_t d : perm)
    maps.push_back(identity[d]);
  return makeGatherKernel({std::move(maps)});
}

KernelOr flatten(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  // A rank-0 tensor flattens to [1]: PyTorch treats it as rank 1.
  int64_t rank = std::max<int64_t>(in.size(), 1);
  Expected<int64_t> start = dimAttr(node, "start_dim", rank, 0);
  if (!start.ok())
    return start.status();
  Expected<int64_t> end = dimAttr(node, "end_dim", rank, -1);
  if (!end.ok())
    return end.status();
  if (*start > *end)
    return Status::error("start_dim " + std::to_string(*start) +
                         " comes after end_dim " + std::to_string(*end));
  if (in.empty())
    return copyIfShape(node, graph, {1});
  Shape expected(in.begin(), in.begin() + *start);
  expected.push_back(
      numElements(Shape(in.begin() + *start, in.begin() + *end + 1)));
  expected.insert(expected.end(), in.begin() + *end + 1, in.end());
  return copyIfShape(node, graph, expected);
}

KernelOr reshape(const Node &node, const Graph &graph) {
  int64_t a = numElements(inputShape(node, graph));
  int64_t b = numElements(outputInfo(node, graph, 0).shape);
  if (a != b)
    return Status::error("cannot reshape " + std::to_string(a) +
                         " elements into " + std::to_string(b));
  return makeCopyKernel();
}

KernelOr same(const Node &node, const Graph &graph) {
  return copyIfShape(node, graph, inputShape(node, graph));
}

KernelOr dropout(const Node &node, const Graph &graph) {
  Expected<double> p = node.attrs.get<double>("p", 0.5);
  if (!p.ok())
    return p.status();
  if (!(*p >= 0.0 && *p <= 1.0))
    return Status::error("p must be in [0, 1], got " + std::to_string(*p));
  return same(node, graph); // eval mode: identity
}

KernelOr permute(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  int64_t rank = in.size();
  Expected<std::vector<int64_t>> dims =
      node.attrs.get<std::vector<int64_t>>("dims");
  if (!dims.ok())
    return dims.status();
  if (static_cast<int64_t>(dims->size()) != rank)
    return Status::error("dims has " + std::to_string(dims->size()) +
                         " entries for an input of rank " +
                         std::to_string(rank));
  std::vector<int64_t> perm;
  std::vector<bool> seen(rank, false);
  Shape expected;
  for (int64_t d : *dims) {
    std::optional<int64_t> n = shape::normalizeDim(d, rank);
    if (!n || seen[*n])
      return Status::error("dims is not a permutation of the " +
                           std::to_string(rank) + " dimensions");
    seen[*n] = true;
    perm.push_back(*n);
    expected.push_back(in[*n]);
  }
  if (Status s = expectResult(node, graph, 0, expected); !s.ok())
    return s;
  return makePermuteKernel(in, perm);
}

KernelOr transpose(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  // A rank-0 input counts as rank 1 (PyTorch's maybe_wrap_dim).
  int64_t rank = std::max<int64_t>(in.size(), 1);
  Expected<int64_t> a = dimAttr(node, "dim0", rank);
  if (!a.ok())
    return a.status();
  Expected<int64_t> b = dimAttr(node, "dim1", rank);
  if (!b.ok())
    return b.status();
  if (in.empty())
    return copyIfShape(node, graph, in);
  std::vector<int64_t> perm(in.size());
  for (size_t d = 0; d < perm.size(); ++d)
    perm[d] = d;
  std::swap(perm[*a], perm[*b]);
  Shape expected = in;
  std::swap(expected[*a], expected[*b]);
  if (Status s = expectResult(node, graph, 0, expected); !s.ok())
    return s;
  return makePermuteKernel(in, perm);
}

KernelOr squeeze(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  int64_t rank = in.size();
  std::vector<bool> listed(rank, !node.attrs.has("dims"));
  if (node.attrs.has("dims")) {
    Expected<std::vector<int64_t>> dims =
        node.attrs.get<std::vector<int64_t>>("dims");
    if (!dims.ok())
      return dims.status();
    for (int64_t d : *dims) {
      // A rank-0 input counts as rank 1 (PyTorch's maybe_wrap_dim).
      std::optional<int64_t> n =
          shape::normalizeDim(d, std::max<int64_t>(rank, 1));
      if (!n)
        return Status::error("dim " + std::to_string(d) +
                             " is out of range for rank " +
                             std::to_string(rank));
      if (*n < rank)
        listed[*n] = true;
    }
  }
  // Listed dimensions of size 1 go; listed dimensions of another size stay.
  Shape expected;
  for (int64_t d = 0; d < rank; ++d)
    if (!(listed[d] && in[d] == 1))
      expected.push_back(in[d]);
  return copyIfShape(node, graph, expected);
}

KernelOr unsqueeze(const Node &node, const Graph &graph) {
  Shape expected = inputShape(node, graph);
  Expected<int64_t> dim = dimAttr(node, "dim", expected.size() + 1);
  if (!dim.ok())
    return dim.status();
  expected.insert(expected.begin() + *dim, 1);
  return copyIfShape(node, graph, expected);
}

/// nearest-even float -> IEEE half bits (pad values of f16 tensors).
uint16_t halfBits(float f) {
  uint32_t x;
  std::memcpy(&x, &f, sizeof x);
  uint32_t sign = (x >> 16) & 0x8000u, abs = x & 0x7fffffffu;
  if (abs > 0x7f800000u) // NaN stays a (quiet) NaN
    return sign | 0x7e00u;
  if (abs >= 0x477ff000u) // rounds to beyond 65504: infinity
    return sign | 0x7c00u;
  if (abs < 0x38800000u) { // below 2^-14: a subnormal in units of 2^-24
    float a;
    std::memcpy(&a, &abs, sizeof a);
    return sign | static_cast<uint16_t>(std::nearbyint(a * 16777216.0f));
  }
  uint32_t bits = abs - 0x38000000u;     // exponent bias 127 -> 15
  bits += 0x0fffu + ((bits >> 13) & 1u); // round the 13 dropped bits
  return sign | static_cast<uint16_t>(bits >> 13);
}

/// `value` stored as one element of `info`'s type; a quantized type
/// quantizes it as PyTorch's fill_ does (NUMERICS.md "Quantize").
Expected<ElementBytes> encodeScalar(double value, const ValueInfo &info) {
  ElementBytes bytes{};
  auto put = [&](auto v) { std::memcpy(bytes.data(), &v, sizeof v); };
  double v = value;
  if (info.quant) {
    if (info.quant->perAxis() || info.quant->scales.empty())
      return Status::error("constant padding needs a per-tensor quantized "
                           "input, as in PyTorch");
    float inv = 1.0f / static_cast<float>(info.quant->scales[0]);
    v = info.quant->zeroPoints[0] +
        std::nearbyint(static_cast<float>(value) * inv);
  }
  auto clampTo = [&](auto lo, auto hi) {
    return static_cast<decltype(lo)>(
        std::clamp(v, static_cast<double>(lo), static_cast<double>(hi)));
  };
  switch (info.dtype) {
  case DType::f32:
    put(static_cast<float>(v));
    break;
  case DType::f16:
    put(halfBits(static_cast<float>(v)));
    break;
  case DType::i8:
    put(clampTo(int8_t(-128), int8_t(127)));
    break;
  case DType::u8:
    put(clampTo(uint8_t(0), uint8_t(255)));
    break;
  case DType::i32:
    put(clampTo(std::numeric_limits<int32_t>::min(),
                std::numeric_limits<int32_t>::max()));
    break;
  case DType::i64: // within int64 (+-2^63 itself is not)
    put(static_cast<int64_t>(std::clamp(v, -9.2e18, 9.2e18)));
    break;
  }
  return bytes;
}

/// The input index read by output index `o` of a dimension of `size` padded
/// by `lo` in front, or kFill (constant mode outside the input).
int64_t padSource(const std::string &mode, int64_t o, int64_t lo,
                  int64_t size) {
  int64_t i = o - lo;
  if (i >= 0 && i < size)
    return i;
  if (mode == "reflect") // mirror without repeating the edge
    return i < 0 ? -i : 2 * (size - 1) - i;
  if (mode == "replicate")
    return std::clamp<int64_t>(i, 0, size - 1);
  if (mode == "circular")
    return ((i % size) + size) % size;
  return kFill;
}

KernelOr pad(const Node &node, const Graph &graph) {
  const ValueInfo &info = inputInfo(node, graph, 0);
  const Shape &in = info.shape;
  Expected<std::vector<int64_t>> amounts =
      node.attrs.get<std::vector<int64_t>>("pad");
  Expected<std::string> mode = node.attrs.get<std::string>("mode", "constant");
  Expected<double> value = node.attrs.get<double>("value", 0.0);
  if (!amounts.ok())
    return amounts.status();
  if (!mode.ok())
    return mode.status();
  if (!value.ok())
    return value.status();
  const std::vector<int64_t> &p = *amounts;
  if (p.size() % 2 != 0 || p.size() > 2 * in.size())
    return Status::error("pad must have an even number of entries, at most " +
                         std::to_string(2 * in.size()) + ", got " +
                         std::to_string(p.size()));
  bool constant = *mode == "constant";
  if (!constant && *mode != "reflect" && *mode != "replicate" &&
      *mode != "circular")
    return Status::error("unknown pad mode '" + *mode + "'");

  // pad lists (left, right) of the last dimension first.
  size_t padded = p.size() / 2;
  auto dimOf = [&](size_t k) { return in.size() - 1 - k; };
  Shape expected = in;
  for (size_t k = 0; k < padded; ++k) {
    size_t d = dimOf(k);
    int64_t lo = p[2 * k], hi = p[2 * k + 1], size = in[d];
    std::string where = " (" + std::to_string(lo) + ", " + std::to_string(hi) +
                        ") of dimension " + std::to_string(d) + " (size " +
                        std::to_string(size) + ")";
    if (!constant && (lo < 0 || hi < 0))
      return Status::error("negative padding" + where +
                           " is only allowed in constant mode");
    if (*mode == "reflect" && (lo >= size || hi >= size))
      return Status::error("reflect padding" + where +
                           " must be smaller than the dimension");
    if (*mode == "circular" && (lo > size || hi > size))
      return Status::error("circular padding" + where +
                           " must not exceed the dimension");
    if (*mode == "replicate" && size == 0 && (lo > 0 || hi > 0))
      return Status::error("replicate padding" + where +
                           " needs a non-empty dimension");
    if (__builtin_add_overflow(size, lo, &expected[d]) ||
        __builtin_add_overflow(expected[d], hi, &expected[d]) ||
        expected[d] < 0)
      return Status::error("padding" + where +
                           " leaves a negative or huge "
                           "size");
  }
  if (Status s = expectResult(node, graph, 0, expected); !s.ok())
    return s;

  IndexMaps maps = identityMaps(in);
  std::vector<int64_t> strides = rowMajorStrides(in);
  for (size_t k = 0; k < padded; ++k) {
    size_t d = dimOf(k);
    maps[d].clear();
    for (int64_t o = 0; o < expected[d]; ++o) {
      int64_t i = padSource(*mode, o, p[2 * k], in[d]);
      maps[d].push_back(i == kFill ? kFill : i * strides[d]);
    }
  }
  if (!constant)
    return makeGatherKernel({std::move(maps)});
  Expected<ElementBytes> fill = encodeScalar(*value, info);
  if (!fill.ok())
    return fill.status();
  return makeGatherKernel({std::move(maps)}, *fill);
}

KernelOr pixelShuffle(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  Expected<int64_t> factor = node.attrs.get<int64_t>("upscale_factor");
  if (!factor.ok())
    return factor.status();
  int64_t r = *factor;
  if (in.size() < 3)
    return Status::error("pixel_shuffle needs an input of rank >= 3, got " +
                         std::to_string(in.size()));
  size_t c = in.size() - 3;
  if (r < 1 || r > (int64_t(1) << 31) || in[c] % (r * r) != 0)
    return Status::error("channels (" + std::to_string(in[c]) +
                         ") must be divisible by upscale_factor^2 (" +
                         std::to_string(r) + "^2)");
  Shape expected = in;
  expected[c] = in[c] / (r * r);
  for (size_t d : {c + 1, c + 2})
    if (__builtin_mul_overflow(in[d], r, &expected[d]))
      return Status::error("upscale_factor " + std::to_string(r) +
                           " makes dimension " + std::to_string(d) + " huge");
  if (Status s = expectResult(node, graph, 0, expected); !s.ok())
    return s;
  // out[.., k, h*r + i, w*r + j] = in[.., k*r*r + i*r + j, h, w]
  IndexMaps maps = identityMaps(in);
  std::vector<int64_t> strides = rowMajorStrides(in);
  maps[c].resize(expected[c]);
  for (int64_t k = 0; k < expected[c]; ++k)
    maps[c][k] = k * r * r * strides[c];
  for (size_t d : {c + 1, c + 2}) {
    int64_t sub = d == c + 1 ? r : 1; // i moves r channels, j one
    maps[d].resize(expected[d]);
    for (int64_t o = 0; o < expected[d]; ++o)
      maps[d][o] = (o % r) * sub * strides[c] + (o / r) * strides[d];
  }
  return makeGatherKernel({std::move(maps)});
}

/// One result per piece of `dim`, each a gather of its slice.
KernelOr slices(const Node &node, const Graph &graph, int64_t dim,
                const std::vector<int64_t> &pieces) {
  const Shape &in = inputShape(node, graph);
  if (pieces.size() != node.outputs.size())
    return Status::error("dimension " + std::to_string(dim) + " (size " +
                         std::to_string(in[dim]) + ") gives " +
                         std::to_string(pieces.size()) + " pieces, but the " +
                         "op has " + std::to_string(node.outputs.size()) +
                         " results");
  IndexMaps identity = identityMaps(in);
  std::vector<IndexMaps> maps;
  int64_t start = 0;
  for (size_t k = 0; k < pieces.size(); ++k) {
    Shape expected = in;
    expected[dim] = pieces[k];
    if (Status s = expectResult(node, graph, k, expected); !s.ok())
      return s;
    IndexMaps m = identity;
    m[dim].assign(identity[dim].begin() + start,
                  identity[dim].begin() + start + pieces[k]);
    maps.push_back(std::move(m));
    start += pieces[k];
  }
  return makeGatherKernel(std::move(maps));
}

KernelOr chunk(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  if (in.empty())
    return Status::error("chunk needs an input of rank >= 1");
  Expected<int64_t> chunks = node.attrs.get<int64_t>("chunks");
  if (!chunks.ok())
    return chunks.status();
  if (*chunks < 1)
    return Status::error("chunks must be >= 1, got " + std::to_string(*chunks));
  Expected<int64_t> dim = dimAttr(node, "dim", in.size());
  if (!dim.ok())
    return dim.status();
  // An empty dimension gives `chunks` empty pieces: compare before listing
  // them.
  if (in[*dim] == 0 && static_cast<uint64_t>(*chunks) != node.outputs.size())
    return Status::error("an empty dimension gives " + std::to_string(*chunks) +
                         " pieces, but the op has " +
                         std::to_string(node.outputs.size()) + " results");
  return slices(node, graph, *dim, shape::chunkSizes(in[*dim], *chunks));
}

KernelOr split(const Node &node, const Graph &graph) {
  const Shape &in = inputShape(node, graph);
  if (in.empty())
    return Status::error("split needs an input of rank >= 1");
  Expected<int64_t> dim = dimAttr(node, "dim", in.size());
  if (!dim.ok())
    return dim.status();
  int64_t size = in[*dim];
  bool fixed = node.attrs.has("split_size");
  if (fixed == node.attrs.has("split_sizes"))
    return Status::error("takes exactly one of split_size and split_sizes");
  if (fixed) {
    Expected<int64_t> splitSize = node.attrs.get<int64_t>("split_size");
    if (!splitSize.ok())
      return splitSize.status();
    if (*splitSize < 0 || (*splitSize == 0 && size != 0))
      return Status::error("split_size " + std::to_string(*splitSize) +
                           " cannot split a dimension of size " +
                           std::to_string(size));
    return slices(node, graph, *dim, shape::splitSizes(size, *splitSize));
  }
  Expected<std::vector<int64_t>> sizes =
      node.attrs.get<std::vector<int64_t>>("split_sizes");
  if (!sizes.ok())
    return sizes.status();
  int64_t total = 0;
  for (int64_t s : *sizes) {
    if (s < 0)
      return Status::error("split_sizes entries must be >= 0");
    total += s;
  }
  if (total != size)
    return Status::error("split_sizes sum to " + std::to_string(total) +
                         ", but dimension " + std::to_string(*dim) +
                         " has size " + std::to_string(size));
  return slices(node, graph, *dim, *sizes);
}

} // namespace

void registerShapeKernels(KernelRegistry &registry) {
  using Factory = KernelOr (*)(const Node &, const Graph &);
  struct Op {
    const char *kind;
    Factory factory;
    bool multipleResults;
  };
  const Op ops[] = {
      {"flatten", flatten, false}, {"reshape", reshape, false},
      {"permute", permute, false}, {"transpose", transpose, false},
      {"squeeze", squeeze, false}, {"unsqueeze", unsqueeze, false},
      {"pad", pad, false},         {"dropout", dropout, false},
      {"identity", same, false},   {"pixel_shuffle", pixelShuffle, false},
      {"chunk", chunk, true},      {"split", split, true},
  };
  for (const Op &op : ops)
    registry.add(
        op.kind, "reference",
        [op](const Node &node, const Graph &graph) -> KernelOr {
          bool arity = node.inputs.size() == 1 && node.inputs[0] != kNoValue &&
                       (op.multipleResults ? !node.outputs.empty()
                                           : node.outputs.size() == 1);
          if (!arity)
            return Status::error(
                std::string("expects one input and ") +
                (op.multipleResults ? "at least one result" : "one result"));
          if (requantizes(node, graph))
            return std::unique_ptr<Kernel>();
          if (Status s = checkSameElementType(node, graph); !s.ok())
            return s;
          return op.factory(node, graph);
        });
}

} // namespace quill::reference
