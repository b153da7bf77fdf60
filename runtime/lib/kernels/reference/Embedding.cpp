//===- Embedding.cpp - quill.embedding and quill.embedding_bag ------------===//
//
// embedding gathers rows of the weight by index: it only moves bytes, so it
// serves any weight dtype whose result has the same element type. In eval
// padding_idx changes nothing (it only stops gradients).
//
// embedding_bag reduces the rows of each bag in float, as PyTorch's CPU
// kernel: `sum` adds rows (scaled by per_sample_weights) in index order,
// `mean` divides that sum by the bag's row count, `max` takes the
// elementwise maximum; entries equal to padding_idx are skipped and not
// counted, and an empty bag gives zeros. Bag b spans
// [offsets[b], offsets[b+1]) (the last bag ends at the number of indices,
// or at the last offset with include_last_offset); 2-d indices make one
// bag per row.
//
// An index outside [0, num_embeddings) and offsets that do not start at 0,
// decrease or pass the end are run-time errors, as in PyTorch.
//
//===----------------------------------------------------------------------===//

#include "KernelSupport.h"

#include <algorithm>
#include <cstring>

namespace quill::reference {
namespace {

bool isIndexType(const ValueInfo &v) {
  return !v.quant && (v.dtype == DType::i32 || v.dtype == DType::i64);
}

int64_t indexAt(const Tensor &t, int64_t i) {
  return t.dtype() == DType::i64 ? t.data<int64_t>()[i] : t.data<int32_t>()[i];
}

Status outOfRange(int64_t index, int64_t rows) {
  return Status::error("index " + std::to_string(index) +
                       " is out of range [0, " + std::to_string(rows) + ")");
}

/// padding_idx in [0, rows) or -1 when absent; an error when out of range.
Expected<int64_t> paddingIndex(const Node &node, int64_t rows) {
  if (!node.attrs.has("padding_idx"))
    return int64_t(-1);
  Expected<int64_t> idx = node.attrs.get<int64_t>("padding_idx");
  if (!idx.ok())
    return idx;
  if (*idx < -rows || *idx >= rows)
    return Status::error("padding_idx " + std::to_string(*idx) +
                         " is out of range [-" + std::to_string(rows) + ", " +
                         std::to_string(rows) + ")");
  return *idx < 0 ? *idx + rows : *idx;
}

KernelOr embedding(const Node &node, const Graph &graph) {
  if (node.inputs.size() != 2 || node.outputs.size() != 1 ||
      node.inputs[0] == kNoValue || node.inputs[1] == kNoValue)
    return Status::error("expects indices, weight and one result");
  const ValueInfo &indices = inputInfo(node, graph, 0);
  const ValueInfo &weight = inputInfo(node, graph, 1);
  const ValueInfo &result = outputInfo(node, graph, 0);
  // Rows are copied as bytes: the result must store the weight's type.
  if (weight.dtype != result.dtype || !(weight.quant == result.quant))
    return std::unique_ptr<Kernel>();
  if (!isIndexType(indices))
    return Status::error("indices must be i32 or i64");
  if (weight.shape.size() != 2)
    return Status::error("weight must have rank 2");
  Expected<int64_t> padding = paddingIndex(node, weight.shape[0]);
  if (!padding.ok())
    return padding.status();
  std::vector<int64_t> expected = indices.shape;
  expected.push_back(weight.shape[1]);
  if (Status s = expectShape(result, "result", expected); !s.ok())
    return s;
  int64_t rows = weight.shape[0];
  size_t rowBytes = weight.shape[1] * dtypeSize(weight.dtype);
  return makeKernel([rows, rowBytes](const std::vector<const Tensor *> &inputs,
                                     const std::vector<Tensor *> &outputs) {
    const Tensor &idx = *inputs[0];
    const auto *w = static_cast<const uint8_t *>(inputs[1]->raw());
    auto *out = static_cast<uint8_t *>(outputs[0]->raw());
    for (int64_t i = 0; i < idx.numel(); ++i) {
      int64_t row = indexAt(idx, i);
      if (row < 0 || row >= rows)
        return outOfRange(row, rows);
      if (rowBytes)
        std::memcpy(out + i * rowBytes, w + row * rowBytes, rowBytes);
    }
    return Status::success();
  });
}

enum class BagMode { sum, mean, max };

struct BagPlan {
  BagMode mode;
  int64_t bags, dim, rows;
  int64_t rowLength; // entries per bag with 2-d indices, else 0
  int64_t padding;   // -1 when absent
};

/// Checks PyTorch's offset rules: start at 0, non-decreasing, within the
/// indices.
Status checkOffsets(const Tensor &offsets, int64_t numIndices) {
  int64_t n = offsets.numel();
  if (n > 0 && indexAt(offsets, 0) != 0)
    return Status::error("offsets[0] must be 0, got " +
                         std::to_string(indexAt(offsets, 0)));
  for (int64_t b = 1; b < n; ++b)
    if (indexAt(offsets, b) < indexAt(offsets, b - 1))
      return Status::error("offsets must not decrease (offsets[" +
                           std::to_string(b) + "] < offsets[" +
                           std::to_string(b - 1) + "])");
  if (n > 0 && indexAt(offsets, n - 1) > numIndices)
    return Status::error(
        "offsets[-1] (" + std::to_string(indexAt(offsets, n - 1)) +
        ") is past the " + std::to_string(numIndices) + " indices");
  return Status::success();
}

Status runBags(const BagPlan &p, const std::vector<const Tensor *> &inputs,
               Tensor &result) {
  const Tensor &idx = *inputs[0];
  const float *w = inputs[1]->data<float>();
  const Tensor *offsets = inputs[2];
  const float *sampleWeights = optionalData(inputs, 3);
  int64_t numIndices = idx.numel();
  if (offsets)
    if (Status s = checkOffsets(*offsets, numIndices); !s.ok())
      return s;
  float *out = result.data<float>();
  for (int64_t b = 0; b < p.bags; ++b, out += p.dim) {
    int64_t begin = offsets ? indexAt(*offsets, b) : b * p.rowLength;
    int64_t end = !offsets                   ? begin + p.rowLength
                  : b + 1 < offsets->numel() ? indexAt(*offsets, b + 1)
                                             : numIndices;
    std::fill(out, out + p.dim, 0.0f);
    int64_t count = 0;
    for (int64_t k = begin; k < end; ++k) {
      int64_t row = indexAt(idx, k);
      if (row < 0 || row >= p.rows)
        return outOfRange(row, p.rows);
      if (row == p.padding)
        continue;
      const float *x = w + row * p.dim;
      for (int64_t j = 0; j < p.dim; ++j) {
        if (p.mode == BagMode::max)
          out[j] = count == 0 ? x[j] : std::max(out[j], x[j]);
        else
          out[j] += sampleWeights ? sampleWeights[k] * x[j] : x[j];
      }
      ++count;
    }
    if (p.mode == BagMode::mean && count > 0)
      for (int64_t j = 0; j < p.dim; ++j)
        out[j] /= static_cast<float>(count);
  }
  return Status::success();
}

KernelOr embeddingBag(const Node &node, const Graph &graph) {
  if (node.inputs.size() != 4 || node.outputs.size() != 1 ||
      node.inputs[0] == kNoValue || node.inputs[1] == kNoValue)
    return Status::error("expects indices, weight, offsets, "
                         "per_sample_weights and one result");
  const ValueInfo &indices = inputInfo(node, graph, 0);
  const ValueInfo &weight = inputInfo(node, graph, 1);
  const ValueInfo &result = outputInfo(node, graph, 0);
  bool hasOffsets = node.inputs[2] != kNoValue;
  bool hasSampleWeights = node.inputs[3] != kNoValue;
  // The reduction is float arithmetic: float weights only.
  if (!isPlainF32(weight) || !isPlainF32(result) ||
      (hasSampleWeights && !isPlainF32(inputInfo(node, graph, 3))))
    return std::unique_ptr<Kernel>();
  if (!isIndexType(indices) ||
      (hasOffsets && !isIndexType(inputInfo(node, graph, 2))))
    return Status::error("indices and offsets must be i32 or i64");
  if (weight.shape.size() != 2)
    return Status::error("weight must have rank 2");

  Expected<std::string> modeName = node.attrs.get<std::string>("mode", "mean");
  Expected<bool> includeLast =
      node.attrs.get<bool>("include_last_offset", false);
  if (!modeName.ok())
    return modeName.status();
  if (!includeLast.ok())
    return includeLast.status();
  BagPlan p{};
  if (*modeName == "sum")
    p.mode = BagMode::sum;
  else if (*modeName == "mean")
    p.mode = BagMode::mean;
  else if (*modeName == "max")
    p.mode = BagMode::max;
  else
    return Status::error("unknown embedding_bag mode '" + *modeName + "'");
  p.rows = weight.shape[0];
  p.dim = weight.shape[1];
  Expected<int64_t> padding = paddingIndex(node, p.rows);
  if (!padding.ok())
    return padding.status();
  p.padding = *padding;

  if (indices.shape.size() == 2) {
    if (hasOffsets)
      return Status::error("offsets must be absent when indices are 2-d");
    // PyTorch would treat the row starts as offsets and drop the last row.
    if (*includeLast)
      return Status::error("include_last_offset is not supported with 2-d "
                           "indices");
    p.bags = indices.shape[0];
    p.rowLength = indices.shape[1];
  } else if (indices.shape.size() == 1) {
    if (!hasOffsets)
      return Status::error("offsets are required when indices are 1-d");
    const std::vector<int64_t> &off = inputInfo(node, graph, 2).shape;
    if (off.size() != 1)
      return Status::error("offsets must have rank 1");
    p.bags = off[0] - (*includeLast ? 1 : 0);
    if (p.bags < 0)
      return Status::error("include_last_offset needs at least one offset");
  } else {
    return Status::error("indices must have rank 1 or 2");
  }
  if (hasSampleWeights) {
    if (p.mode != BagMode::sum)
      return Status::error("per_sample_weights are only supported with mode "
                           "sum");
    if (Status s = expectShape(inputInfo(node, graph, 3), "per_sample_weights",
                               indices.shape);
        !s.ok())
      return s;
  }
  if (result.shape != std::vector<int64_t>{p.bags, p.dim})
    return Status::error("result must have shape [bags, embedding_dim] = [" +
                         std::to_string(p.bags) + ", " + std::to_string(p.dim) +
                         "]");
  return makeKernel([p](const std::vector<const Tensor *> &inputs,
                        const std::vector<Tensor *> &outputs) {
    return runBags(p, inputs, *outputs[0]);
  });
}

} // namespace

void registerEmbeddingKernels(KernelRegistry &registry) {
  registry.add("embedding", "reference", embedding);
  registry.add("embedding_bag", "reference", embeddingBag);
}

} // namespace quill::reference
