//===- Attention.cpp - quill.multihead_attention (eval) -------------------===//
//
// F.multi_head_attention_forward of PyTorch 1.13 without dropout:
//   q, k, v = rows of in_proj_weight (q, k, v stacked) applied to query,
//             key, value, plus in_proj_bias
//   per batch entry n and head h (head_dim = E / num_heads):
//     scores[l, s] = mask[n, h, l, s] + (q[l] / sqrt(head_dim)) . k[s]
//     weights = softmax over s;  head output[l] = sum_s weights[l, s] v[s]
//   output = out_proj(concatenated heads); attn_weights (when the op has the
//   second result) = weights, averaged over heads with average_attn_weights.
// The mask is the additive form PyTorch builds: a bool attn_mask (true =
// masked) or a bool key_padding_mask give -inf, a float attn_mask is added;
// a float key_padding_mask is added when alone and counts as true where
// non-zero next to a bool attn_mask (PyTorch's logical_or). PyTorch rejects
// a float key_padding_mask next to a float attn_mask (masked_fill needs a
// bool mask), and so does this kernel. A fully masked row gives NaN, as in
// PyTorch. Products accumulate in double (Sequence.h).
//
//===----------------------------------------------------------------------===//

#include "KernelSupport.h"
#include "Sequence.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quill::reference {
namespace {

// Operand positions (optional groups are kNoValue when absent).
enum Operand : size_t {
  kQuery,
  kKey,
  kValue,
  kInProjWeight,
  kInProjBias,
  kOutProjWeight,
  kOutProjBias,
  kAttnMask,
  kKeyPaddingMask,
  kNumOperands
};

enum class Mask { none, boolean, additive };

struct AttentionPlan {
  int64_t heads, embed, headDim, targetLen, sourceLen, batch;
  bool batchFirst; // of a batched input: [N, T, E] rather than [T, N, E]
  Mask attnMask, keyPaddingMask;
  bool attnMask3d; // [N*heads, L, S] rather than [L, S]
  bool averageWeights;
};

class AttentionKernel : public Kernel {
public:
  explicit AttentionKernel(const AttentionPlan &p)
      : p_(p), q_(p.targetLen * p.batch * p.embed),
        k_(p.sourceLen * p.batch * p.embed), v_(k_.size()), heads_(q_.size()),
        scores_(p.sourceLen), row_(p.embed) {}

  Status run(const std::vector<const Tensor *> &inputs,
             const std::vector<Tensor *> &outputs) override {
    const AttentionPlan &p = p_;
    int64_t E = p.embed;
    const float *inW = inputs[kInProjWeight]->data<float>();
    const float *inB = optionalData(inputs, kInProjBias);
    // Projections into [T, N, E] buffers, sequence-major.
    auto project = [&](const Tensor &x, int64_t len, int64_t part,
                       std::vector<float> &dst) {
      for (int64_t t = 0; t < len; ++t)
        for (int64_t n = 0; n < p.batch; ++n)
          linearRow(inW + part * E * E, inB ? inB + part * E : nullptr,
                    x.data<float>() + offset(t, n, len), E, E,
                    dst.data() + (t * p.batch + n) * E);
    };
    project(*inputs[kQuery], p.targetLen, 0, q_);
    project(*inputs[kKey], p.sourceLen, 1, k_);
    project(*inputs[kValue], p.sourceLen, 2, v_);

    float *weightsOut =
        outputs.size() > 1 ? outputs[1]->data<float>() : nullptr;
    const float scale = static_cast<float>(std::sqrt(double(p.headDim)));
    for (int64_t n = 0; n < p.batch; ++n)
      for (int64_t h = 0; h < p.heads; ++h)
        for (int64_t l = 0; l < p.targetLen; ++l) {
          const float *q = &q_[(l * p.batch + n) * E + h * p.headDim];
          for (int64_t d = 0; d < p.headDim; ++d)
            row_[d] = q[d] / scale;
          for (int64_t s = 0; s < p.sourceLen; ++s)
            scores_[s] =
                mask(inputs, n, h, l, s) +
                dot(row_.data(), &k_[(s * p.batch + n) * E + h * p.headDim],
                    p.headDim);
          softmax(scores_);
          float *out = &heads_[(l * p.batch + n) * E + h * p.headDim];
          for (int64_t d = 0; d < p.headDim; ++d)
            out[d] = dot(scores_.data(), &v_[n * E + h * p.headDim + d],
                         p.sourceLen, 1, p.batch * E);
          if (weightsOut)
            storeWeights(weightsOut, n, h, l);
        }
    if (weightsOut && p.averageWeights)
      for (int64_t i = 0; i < outputs[1]->numel(); ++i)
        weightsOut[i] /= static_cast<float>(p.heads);

    const float *outW = inputs[kOutProjWeight]->data<float>();
    const float *outB = optionalData(inputs, kOutProjBias);
    for (int64_t l = 0; l < p.targetLen; ++l)
      for (int64_t n = 0; n < p.batch; ++n)
        linearRow(outW, outB, &heads_[(l * p.batch + n) * E], E, E,
                  outputs[0]->data<float>() + offset(l, n, p.targetLen));
    return Status::success();
  }

private:
  // Where position t of batch entry n starts in an op tensor of `len`
  // positions.
  int64_t offset(int64_t t, int64_t n, int64_t len) const {
    return (p_.batchFirst ? n * len + t : t * p_.batch + n) * p_.embed;
  }

  float mask(const std::vector<const Tensor *> &inputs, int64_t n, int64_t h,
             int64_t l, int64_t s) const {
    const AttentionPlan &p = p_;
    const float inf = std::numeric_limits<float>::infinity();
    float m = 0.0f;
    bool masked = false;
    if (p.attnMask != Mask::none) {
      int64_t plane = p.attnMask3d ? n * p.heads + h : 0;
      int64_t i = (plane * p.targetLen + l) * p.sourceLen + s;
      if (p.attnMask == Mask::boolean)
        masked = inputs[kAttnMask]->data<uint8_t>()[i] != 0;
      else
        m = inputs[kAttnMask]->data<float>()[i];
    }
    if (p.keyPaddingMask == Mask::boolean)
      masked |=
          inputs[kKeyPaddingMask]->data<uint8_t>()[n * p.sourceLen + s] != 0;
    else if (p.keyPaddingMask == Mask::additive) {
      float k = inputs[kKeyPaddingMask]->data<float>()[n * p.sourceLen + s];
      if (p.attnMask == Mask::boolean)
        masked |= k != 0.0f;
      else
        m = k;
    }
    return masked ? -inf : m;
  }

  static void softmax(std::vector<float> &x) {
    float max = -std::numeric_limits<float>::infinity();
    for (float v : x)
      max = std::max(max, v);
    float sum = 0.0f;
    for (float &v : x) {
      v = std::exp(v - max);
      sum += v;
    }
    for (float &v : x)
      v /= sum;
  }

  // Writes (or, averaging, accumulates) this row's weights into
  // [N, heads, L, S] or [N, L, S].
  void storeWeights(float *dst, int64_t n, int64_t h, int64_t l) const {
    const AttentionPlan &p = p_;
    int64_t plane = p.averageWeights ? n : n * p.heads + h;
    float *row = dst + (plane * p.targetLen + l) * p.sourceLen;
    for (int64_t s = 0; s < p.sourceLen; ++s)
      row[s] = p.averageWeights && h > 0 ? row[s] + scores_[s] : scores_[s];
  }

  AttentionPlan p_;
  std::vector<float> q_, k_, v_, heads_, scores_, row_;
};

KernelOr multiheadAttention(const Node &node, const Graph &graph) {
  if (node.inputs.size() != kNumOperands || node.outputs.empty() ||
      node.outputs.size() > 2)
    return Status::error("expects 9 operands (absent optional ones as "
                         "placeholders) and 1 or 2 results");
  for (size_t i : {kQuery, kKey, kValue, kInProjWeight, kOutProjWeight})
    if (node.inputs[i] == kNoValue)
      return Status::error("operand " + std::to_string(i) + " is missing");
  auto present = [&](size_t i) { return node.inputs[i] != kNoValue; };
  // Float kernel: float tensors, bool (stored as u8) or float masks.
  auto maskKind = [&](size_t i) {
    if (!present(i))
      return Mask::none;
    return inputInfo(node, graph, i).dtype == DType::u8 ? Mask::boolean
                                                        : Mask::additive;
  };
  for (size_t i = 0; i < kNumOperands; ++i) {
    if (!present(i))
      continue;
    const ValueInfo &v = inputInfo(node, graph, i);
    bool isMask = i == kAttnMask || i == kKeyPaddingMask;
    if (!isPlainF32(v) && !(isMask && !v.quant && v.dtype == DType::u8))
      return std::unique_ptr<Kernel>();
  }
  for (size_t i = 0; i < node.outputs.size(); ++i)
    if (!isPlainF32(outputInfo(node, graph, i)))
      return std::unique_ptr<Kernel>();

  AttentionPlan p{};
  Expected<int64_t> heads = node.attrs.get<int64_t>("num_heads");
  Expected<bool> batchFirst = node.attrs.get<bool>("batch_first", false);
  Expected<bool> average = node.attrs.get<bool>("average_attn_weights", true);
  for (const Status &s :
       {heads.status(), batchFirst.status(), average.status()})
    if (!s.ok())
      return s;
  p.heads = *heads;
  p.averageWeights = *average;
  if (p.heads < 1)
    return Status::error("num_heads must be >= 1");

  const std::vector<int64_t> &q = inputInfo(node, graph, kQuery).shape;
  const std::vector<int64_t> &k = inputInfo(node, graph, kKey).shape;
  if (q.size() != 2 && q.size() != 3)
    return Status::error("query must have rank 2 (unbatched) or 3");
  // As in PyTorch, batch_first is ignored for unbatched inputs.
  bool batched = q.size() == 3, first = batched && *batchFirst;
  if (k.size() != q.size() || inputInfo(node, graph, kValue).shape != k)
    return Status::error("key and value must have one shape, of the query's "
                         "rank");
  size_t seqDim = first ? 1 : 0;
  p.batch = !batched ? 1 : first ? q[0] : q[1];
  p.embed = q.back();
  p.targetLen = q[seqDim];
  p.sourceLen = k[seqDim];
  if (p.embed % p.heads != 0)
    return Status::error("embed_dim " + std::to_string(p.embed) +
                         " is not divisible by num_heads " +
                         std::to_string(p.heads));
  p.headDim = p.embed / p.heads;
  if (k.back() != p.embed || (batched && k[1 - seqDim] != p.batch))
    return Status::error("key and value must have the query's batch size and "
                         "embed_dim");
  p.batchFirst = first;

  int64_t E = p.embed;
  auto expect = [&](size_t i, const std::vector<int64_t> &shape,
                    const std::string &what) {
    return present(i) ? expectShape(inputInfo(node, graph, i), what, shape)
                      : Status::success();
  };
  p.attnMask = maskKind(kAttnMask);
  p.keyPaddingMask = maskKind(kKeyPaddingMask);
  p.attnMask3d =
      present(kAttnMask) && inputInfo(node, graph, kAttnMask).shape.size() == 3;
  std::vector<int64_t> maskShape = {p.targetLen, p.sourceLen};
  if (p.attnMask3d)
    maskShape.insert(maskShape.begin(), p.batch * p.heads);
  std::vector<int64_t> paddingShape = {p.batch, p.sourceLen};
  if (!batched)
    paddingShape = {p.sourceLen};
  for (Status s : {expect(kInProjWeight, {3 * E, E}, "in_proj_weight"),
                   expect(kInProjBias, {3 * E}, "in_proj_bias"),
                   expect(kOutProjWeight, {E, E}, "out_proj_weight"),
                   expect(kOutProjBias, {E}, "out_proj_bias"),
                   expect(kAttnMask, maskShape, "attn_mask"),
                   expect(kKeyPaddingMask, paddingShape, "key_padding_mask")})
    if (!s.ok())
      return s;
  if (p.attnMask == Mask::additive && p.keyPaddingMask == Mask::additive)
    return Status::error("a float key_padding_mask cannot be combined with a "
                         "float attn_mask (PyTorch's masked_fill needs a bool "
                         "mask)");
  if (Status s = expectShape(outputInfo(node, graph, 0), "output", q); !s.ok())
    return s;
  if (node.outputs.size() == 2) {
    std::vector<int64_t> w;
    if (batched)
      w.push_back(p.batch);
    if (!p.averageWeights)
      w.push_back(p.heads);
    w.push_back(p.targetLen);
    w.push_back(p.sourceLen);
    if (Status s = expectShape(outputInfo(node, graph, 1), "attn_weights", w);
        !s.ok())
      return s;
  }
  return std::unique_ptr<Kernel>(std::make_unique<AttentionKernel>(p));
}

} // namespace

void registerAttentionKernels(KernelRegistry &registry) {
  registry.add("multihead_attention", "reference", multiheadAttention);
}

} // namespace quill::reference
