//===- Elementwise.cpp - add, sub, mul, div, cat and stack ----------------===//
//
// Binary ops take a tensor right operand broadcast with the left one, or a
// scalar literal (the `scalar` attribute, and then a single input). Like
// PyTorch with a float32 tensor, scalars and alpha are rounded to float32
// first and every result is computed in float32.
//
//===----------------------------------------------------------------------===//

#include "Broadcast.h"
#include "KernelSupport.h"
// torch.div(rounding_mode="floor"), which the observers compute too.
#include "../../observers/TorchArith.h"

#include "quill/runtime/ShapeRules.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace quill::reference {

namespace {

/// A binary kernel computing `op(lhs, rhs)` elementwise with broadcasting.
template <typename Op>
KernelOr binary(const Node &node, const Graph &graph, Op op) {
  bool hasRhs = node.inputs.size() == 2;
  if (Status s = checkArity(node, graph, hasRhs ? 2 : 1, 1); !s.ok())
    return s;
  if (hasRhs == node.attrs.has("scalar"))
    return Status::error(
        "takes exactly one of a tensor right operand and a scalar");
  double scalarAttr = 0;
  if (Status s = readAttr(node, "scalar", scalarAttr); !s.ok())
    return s;
  Expected<bool> relu = fusedRelu(node); // add and mul only (ODS)
  if (!relu.ok())
    return relu.status();
  const std::vector<int64_t> &lhs = inputInfo(node, graph, 0).shape;
  std::vector<int64_t> rhs; // a scalar broadcasts as a rank-0 tensor
  if (hasRhs)
    rhs = inputInfo(node, graph, 1).shape;
  std::optional<std::vector<int64_t>> result = shape::broadcastShapes(lhs, rhs);
  if (!result)
    return Status::error("operand shapes " + formatShape(lhs) + " and " +
                         formatShape(rhs) + " do not broadcast");
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", *result);
      !s.ok())
    return s;
  BroadcastLoop<2> loop(*result, {lhs, rhs});
  float scalar = static_cast<float>(scalarAttr);
  return makeKernel(
      [loop, scalar, op, relu = *relu](const std::vector<const Tensor *> &in,
                                       const std::vector<Tensor *> &out) {
        const float *a = in[0]->data<float>();
        const float *b = in.size() == 2 ? in[1]->data<float>() : &scalar;
        float *y = out[0]->data<float>();
        loop.forEach([&](int64_t i, const BroadcastLoop<2>::Offsets &at) {
          float v = op(a[at[0]], b[at[1]]);
          y[i] = relu ? std::max(v, 0.0f) : v;
        });
        return Status::success();
      });
}

/// lhs + factor * rhs for add (factor = alpha) and sub (factor = -alpha),
/// one fused multiply-add as in PyTorch's vectorised loop (its scalar loop,
/// used for short rows, rounds twice and can differ by an ulp).
KernelOr addScaled(const Node &node, const Graph &graph, bool negate) {
  double alpha = 1.0;
  if (Status s = readAttr(node, "alpha", alpha); !s.ok())
    return s;
  float factor = static_cast<float>(negate ? -alpha : alpha);
  return binary(node, graph,
                [factor](float a, float b) { return std::fma(factor, b, a); });
}

KernelOr makeAdd(const Node &node, const Graph &graph) {
  return addScaled(node, graph, /*negate=*/false);
}

KernelOr makeSub(const Node &node, const Graph &graph) {
  return addScaled(node, graph, /*negate=*/true);
}

KernelOr makeMul(const Node &node, const Graph &graph) {
  return binary(node, graph, [](float a, float b) { return a * b; });
}

KernelOr makeDiv(const Node &node, const Graph &graph) {
  std::string mode = "true_div";
  if (Status s = readAttr(node, "rounding_mode", mode); !s.ok())
    return s;
  if (mode == "true_div")
    return binary(node, graph, [](float a, float b) { return a / b; });
  if (mode == "trunc")
    return binary(node, graph,
                  [](float a, float b) { return std::trunc(a / b); });
  if (mode == "floor")
    return binary(node, graph, observers::detail::floorDivide);
  return Status::error("unknown rounding_mode '" + mode + "'");
}

/// One block copied per row: `chunk` elements of input `input`.
struct Piece {
  size_t input;
  int64_t chunk;
};

/// Concatenation viewed as `outer` rows, each the pieces laid end to end:
/// cat along a dimension and stack both reduce to this.
std::unique_ptr<Kernel> interleave(int64_t outer, std::vector<Piece> pieces,
                                   size_t elementSize) {
  return makeKernel([outer, pieces = std::move(pieces),
                     elementSize](const std::vector<const Tensor *> &in,
                                  const std::vector<Tensor *> &out) {
    auto *y = static_cast<char *>(out[0]->raw());
    for (int64_t row = 0; row < outer; ++row)
      for (const Piece &p : pieces) {
        size_t bytes = p.chunk * elementSize;
        std::memcpy(y,
                    static_cast<const char *>(in[p.input]->raw()) + row * bytes,
                    bytes);
        y += bytes;
      }
    return Status::success();
  });
}

/// The node checks cat and stack share: inputs, and one result.
Status checkJoin(const Node &node, const Graph &graph) {
  if (node.inputs.empty())
    return Status::error("needs at least one input");
  return checkArity(node, graph, node.inputs.size(), 1);
}

KernelOr makeCat(const Node &node, const Graph &graph) {
  if (Status s = checkJoin(node, graph); !s.ok())
    return s;
  // PyTorch 1.13 skips 1-d empty inputs (the `cat([empty(0), x])` idiom);
  // the first other input sets the rank and the sizes.
  std::vector<size_t> kept;
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    const std::vector<int64_t> &s = inputInfo(node, graph, i).shape;
    if (!(s.size() == 1 && s[0] == 0))
      kept.push_back(i);
  }
  const ValueInfo &result = outputInfo(node, graph, 0);
  if (kept.empty()) {
    if (Status s = expectShape(result, "result", {0}); !s.ok())
      return s;
    return interleave(0, {}, dtypeSize(result.dtype));
  }
  std::vector<int64_t> expected = inputInfo(node, graph, kept[0]).shape;
  int64_t rank = static_cast<int64_t>(expected.size());
  if (rank == 0)
    return Status::error("cannot concatenate rank-0 inputs");
  Expected<int64_t> dim = dimAttr(node, "dim", rank, 0);
  if (!dim.ok())
    return dim.status();
  expected[*dim] = 0;
  std::vector<Piece> pieces;
  for (size_t i : kept) {
    const std::vector<int64_t> &s = inputInfo(node, graph, i).shape;
    bool fits = static_cast<int64_t>(s.size()) == rank;
    for (int64_t d = 0; fits && d < rank; ++d)
      fits = d == *dim || s[d] == expected[d];
    if (!fits)
      return Status::error("input #" + std::to_string(i) + " has shape " +
                           formatShape(s) + ", which does not concatenate " +
                           "along dimension " + std::to_string(*dim));
    expected[*dim] += s[*dim];
    pieces.push_back({i, numElements({s.begin() + *dim, s.end()})});
  }
  if (Status s = expectShape(result, "result", expected); !s.ok())
    return s;
  return interleave(numElements({expected.begin(), expected.begin() + *dim}),
                    std::move(pieces), dtypeSize(result.dtype));
}

KernelOr makeStack(const Node &node, const Graph &graph) {
  if (Status s = checkJoin(node, graph); !s.ok())
    return s;
  const std::vector<int64_t> &first = inputInfo(node, graph, 0).shape;
  // The result has one dimension more, where dim may point.
  Expected<int64_t> dim =
      dimAttr(node, "dim", static_cast<int64_t>(first.size()) + 1, 0);
  if (!dim.ok())
    return dim.status();
  int64_t chunk = numElements({first.begin() + *dim, first.end()});
  std::vector<Piece> pieces;
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    if (Status s = expectShape(inputInfo(node, graph, i),
                               "input #" + std::to_string(i), first);
        !s.ok())
      return s;
    pieces.push_back({i, chunk});
  }
  std::vector<int64_t> expected = first;
  expected.insert(expected.begin() + *dim,
                  static_cast<int64_t>(node.inputs.size()));
  const ValueInfo &result = outputInfo(node, graph, 0);
  if (Status s = expectShape(result, "result", expected); !s.ok())
    return s;
  return interleave(numElements({first.begin(), first.begin() + *dim}),
                    std::move(pieces), dtypeSize(result.dtype));
}

} // namespace

void registerElementwiseKernels(KernelRegistry &registry) {
  addFloatKernel(registry, "add", makeAdd);
  addFloatKernel(registry, "sub", makeSub);
  addFloatKernel(registry, "mul", makeMul);
  addFloatKernel(registry, "div", makeDiv);
  addFloatKernel(registry, "cat", makeCat);
  addFloatKernel(registry, "stack", makeStack);
}

} // namespace quill::reference
