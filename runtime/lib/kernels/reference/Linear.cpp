//===- Linear.cpp - linear, matmul and batch_matmul -----------------------===//
//
// All three are batches of one matrix product
//
//   C[m, n] = sum_k A[m, k] * B(k, n)   (+ bias[n], then relu, for linear)
//
// summed in float over k in order, then the bias added. That is the order
// of netlib's reference sgemm, the BLAS Debian's PyTorch 1.13 calls for
// linear/matmul/bmm: the tests find every output bit-identical to it
// (given no fused multiply-add, as on x86-64 without -mfma).
//   linear:       A = input as [rows, in_features], B(k, n) = weight[n, k]
//   matmul:       torch.matmul; a 1-d lhs is [1, k], a 1-d rhs is [k, 1]
//                 (same memory; the result shape just lacks that dimension)
//                 and the batch dimensions broadcast (size-1 dims repeat)
//   batch_matmul: torch.bmm, [b, m, k] x [b, k, n], no broadcasting
//
//===----------------------------------------------------------------------===//

#include "Linear.h"
#include "Broadcast.h"

#include "quill/runtime/ShapeRules.h"

#include <algorithm>

namespace quill::reference {

Expected<LinearShape> checkLinear(const Node &node, const Graph &graph) {
  if (node.inputs.size() != 2 && node.inputs.size() != 3)
    return Status::error("expected input, weight and an optional bias, got " +
                         std::to_string(node.inputs.size()) + " operands");
  if (Status s = checkArity(node, graph, node.inputs.size(), 1, {2}); !s.ok())
    return s;
  const std::vector<int64_t> &in = inputInfo(node, graph, 0).shape;
  const std::vector<int64_t> &w = inputInfo(node, graph, 1).shape;
  if (in.empty() || w.size() != 2)
    return Status::error("expected an input of rank >= 1 and a weight of rank "
                         "2, got " +
                         formatShape(in) + " and " + formatShape(w));
  if (in.back() != w[1])
    return Status::error("input has " + std::to_string(in.back()) +
                         " features but the weight " + formatShape(w) +
                         " expects " + std::to_string(w[1]));
  LinearShape shape;
  shape.hasBias = node.inputs.size() == 3 && node.inputs[2] != kNoValue;
  if (shape.hasBias)
    if (Status s = expectShape(inputInfo(node, graph, 2), "bias", {w[0]});
        !s.ok())
      return s;
  Expected<bool> relu = fusedRelu(node);
  if (!relu.ok())
    return relu.status();
  shape.relu = *relu;
  std::vector<int64_t> expected = in;
  expected.back() = w[0];
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", expected);
      !s.ok())
    return s;
  // Every leading dimension is a row.
  shape.rows = shape::numElements({in.begin(), in.end() - 1});
  shape.in = w[1];
  shape.out = w[0];
  return shape;
}

namespace {

/// Batches of C = A·B, checked and precomputed by the factory.
struct MatmulPlan {
  int64_t m = 0, k = 0, n = 0;
  /// B(k, n) is at k*bRowStride + n*bColStride; A and C are row-major.
  int64_t bRowStride = 0, bColStride = 0;
  /// Element offsets of each batch's A and B (C's batches are contiguous).
  std::vector<int64_t> aOffsets{0}, bOffsets{0};
  bool hasBias = false, relu = false;

  Status operator()(const std::vector<const Tensor *> &inputs,
                    const std::vector<Tensor *> &outputs) const {
    const float *a = inputs[0]->data<float>();
    const float *b = inputs[1]->data<float>();
    const float *bias = hasBias ? inputs[2]->data<float>() : nullptr;
    float *c = outputs[0]->data<float>();
    for (size_t batch = 0; batch < aOffsets.size(); ++batch) {
      const float *ab = a + aOffsets[batch], *bb = b + bOffsets[batch];
      float *cb = c + static_cast<int64_t>(batch) * m * n;
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          float acc = 0.0f;
          for (int64_t t = 0; t < k; ++t)
            acc += ab[i * k + t] * bb[t * bRowStride + j * bColStride];
          if (bias)
            acc += bias[j];
          if (relu)
            acc = std::max(acc, 0.0f);
          cb[i * n + j] = acc;
        }
    }
    return Status::success();
  }
};

Expected<MatmulPlan> planLinear(const Node &node, const Graph &graph) {
  Expected<LinearShape> shape = checkLinear(node, graph);
  if (!shape.ok())
    return shape.status();
  MatmulPlan p;
  p.hasBias = shape->hasBias;
  p.relu = shape->relu;
  p.m = shape->rows;
  p.k = shape->in;
  p.n = shape->out;
  p.bRowStride = 1;
  p.bColStride = shape->in;
  return p;
}

Expected<MatmulPlan> planMatmul(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 2, 1); !s.ok())
    return s;
  std::vector<int64_t> a = inputInfo(node, graph, 0).shape;
  std::vector<int64_t> b = inputInfo(node, graph, 1).shape;
  if (a.empty() || b.empty())
    return Status::error("operands must have rank >= 1, got " + formatShape(a) +
                         " and " + formatShape(b));
  bool aVector = a.size() == 1, bVector = b.size() == 1;
  if (aVector)
    a.insert(a.begin(), 1);
  if (bVector)
    b.push_back(1);
  MatmulPlan p;
  p.m = a[a.size() - 2];
  p.k = a.back();
  p.n = b.back();
  if (b[b.size() - 2] != p.k)
    return Status::error("contracting dimensions differ: lhs has " +
                         std::to_string(p.k) + ", rhs has " +
                         std::to_string(b[b.size() - 2]));
  std::vector<int64_t> aBatch(a.begin(), a.end() - 2),
      bBatch(b.begin(), b.end() - 2);
  auto batch = shape::broadcastShapes(aBatch, bBatch);
  if (!batch)
    return Status::error("batch dimensions " + formatShape(aBatch) + " and " +
                         formatShape(bBatch) + " do not broadcast");
  std::vector<int64_t> expected = *batch;
  if (!aVector)
    expected.push_back(p.m);
  if (!bVector)
    expected.push_back(p.n);
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", expected);
      !s.ok())
    return s;
  p.bRowStride = p.n;
  p.bColStride = 1;

  // The batch dimensions broadcast: each result matrix reads the operand
  // matrices at the broadcast offsets (counted in matrices).
  int64_t count = shape::numElements(*batch);
  p.aOffsets.assign(count, 0);
  p.bOffsets.assign(count, 0);
  BroadcastLoop<2>(*batch, {aBatch, bBatch})
      .forEach([&](int64_t i, const BroadcastLoop<2>::Offsets &at) {
        p.aOffsets[i] = at[0] * p.m * p.k;
        p.bOffsets[i] = at[1] * p.k * p.n;
      });
  return p;
}

Expected<MatmulPlan> planBatchMatmul(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 2, 1); !s.ok())
    return s;
  const std::vector<int64_t> &a = inputInfo(node, graph, 0).shape;
  const std::vector<int64_t> &b = inputInfo(node, graph, 1).shape;
  if (a.size() != 3 || b.size() != 3)
    return Status::error("operands must have rank 3, got " + formatShape(a) +
                         " and " + formatShape(b));
  if (a[0] != b[0])
    return Status::error("batch sizes differ: " + std::to_string(a[0]) +
                         " and " + std::to_string(b[0]));
  // torch.bmm is matmul without broadcasting: equal batches, rank 3.
  return planMatmul(node, graph);
}

KernelFactory factory(Expected<MatmulPlan> (*plan)(const Node &,
                                                   const Graph &)) {
  return [plan](const Node &node, const Graph &graph) -> KernelOr {
    Expected<MatmulPlan> p = plan(node, graph);
    if (!p.ok())
      return p.status();
    return makeKernel(std::move(*p));
  };
}

} // namespace

void registerLinearKernels(KernelRegistry &registry) {
  addFloatKernel(registry, "linear", factory(planLinear));
  addFloatKernel(registry, "matmul", factory(planMatmul));
  addFloatKernel(registry, "batch_matmul", factory(planBatchMatmul));
}

} // namespace quill::reference
