//===- Activation.cpp - elementwise activations, softmax and prelu --------===//
//
// Each activation is the float32 formula of its op (ActivationOps.td) in the
// operation order of PyTorch's CPU kernel: attribute values are rounded to
// float32 first, NaN propagates through the clamps, gelu is
// x * 0.5 * (1 + erf(x / sqrt(2))) (or the tanh form), hardswish is
// x * relu6(x + 3) / 6. The transcendental functions are the C library's;
// PyTorch's vectorised ones differ by an ulp or so, which shows most in gelu
// where 1 + erf cancels (x < -3).
//
//===----------------------------------------------------------------------===//

#include "Broadcast.h"
#include "KernelSupport.h"

#include <cmath>
#include <limits>

namespace quill::reference {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

/// A kernel applying `f` to every element.
template <typename F> KernelOr pointwise(F f) {
  return makeKernel([f](const std::vector<const Tensor *> &in,
                        const std::vector<Tensor *> &out) {
    const float *x = in[0]->data<float>();
    float *y = out[0]->data<float>();
    for (int64_t i = 0, n = in[0]->numel(); i < n; ++i)
      y[i] = f(x[i]);
    return Status::success();
  });
}

/// min(max(x, lo), hi), NaN kept: torch.clamp, behind relu, relu6 and
/// hardtanh too. With lo > hi every element becomes hi.
struct Clamp {
  float lo, hi;
  float operator()(float x) const {
    return std::isnan(x) ? x : std::min(std::max(x, lo), hi);
  }
};

KernelOr relu(const Node &) { return pointwise(Clamp{0.0f, kInf}); }

KernelOr relu6(const Node &) { return pointwise(Clamp{0.0f, 6.0f}); }

KernelOr hardtanh(const Node &node) {
  double lo = -1.0, hi = 1.0;
  for (auto [name, dst] : {std::pair{"min_val", &lo}, {"max_val", &hi}})
    if (Status s = readAttr(node, name, *dst); !s.ok())
      return s;
  if (!(lo <= hi))
    return Status::error("min_val must not exceed max_val");
  return pointwise(Clamp{static_cast<float>(lo), static_cast<float>(hi)});
}

KernelOr clamp(const Node &node) {
  double lo = -kInf, hi = kInf;
  for (auto [name, dst] : {std::pair{"min", &lo}, {"max", &hi}})
    if (Status s = readAttr(node, name, *dst); !s.ok())
      return s;
  if (!node.attrs.has("min") && !node.attrs.has("max"))
    return Status::error("needs at least one of min and max");
  if (std::isnan(lo) || std::isnan(hi))
    return Status::error("bounds must not be NaN");
  return pointwise(Clamp{static_cast<float>(lo), static_cast<float>(hi)});
}

KernelOr leakyRelu(const Node &node) {
  double slopeAttr = 0.01;
  if (Status s = readAttr(node, "negative_slope", slopeAttr); !s.ok())
    return s;
  float slope = static_cast<float>(slopeAttr);
  return pointwise([slope](float x) { return x > 0 ? x : x * slope; });
}

KernelOr elu(const Node &node) {
  double alphaAttr = 1.0;
  if (Status s = readAttr(node, "alpha", alphaAttr); !s.ok())
    return s;
  float alpha = static_cast<float>(alphaAttr);
  // exp(x) - 1, not expm1: PyTorch's kernel subtracts.
  return pointwise(
      [alpha](float x) { return x <= 0 ? (std::exp(x) - 1.0f) * alpha : x; });
}

KernelOr gelu(const Node &node) {
  std::string approximate = "none";
  if (Status s = readAttr(node, "approximate", approximate); !s.ok())
    return s;
  if (approximate == "none") {
    // x * Phi(x), Phi(x) = (1 + erf(x / sqrt(2))) / 2.
    const float invSqrt2 = static_cast<float>(1.0 / std::sqrt(2.0));
    return pointwise([invSqrt2](float x) {
      return x * 0.5f * (1.0f + std::erf(x * invSqrt2));
    });
  }
  if (approximate == "tanh") {
    // x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
    const float beta =
        static_cast<float>(std::sqrt(2.0 / 3.14159265358979323846));
    const float kappa = 0.044715f;
    return pointwise([beta, kappa](float x) {
      float inner = beta * (x + kappa * (x * x * x));
      return 0.5f * x * (1.0f + std::tanh(inner));
    });
  }
  return Status::error("unknown approximate '" + approximate + "'");
}

float relu6Of(float x) { return std::min(std::max(x, 0.0f), 6.0f); }

KernelOr hardswish(const Node &) {
  return pointwise([](float x) { return x * relu6Of(x + 3.0f) / 6.0f; });
}

KernelOr hardsigmoid(const Node &) {
  return pointwise([](float x) { return relu6Of(x + 3.0f) / 6.0f; });
}

KernelOr sigmoid(const Node &) {
  return pointwise([](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}

KernelOr tanhOp(const Node &) {
  return pointwise([](float x) { return std::tanh(x); });
}

KernelOr silu(const Node &) {
  return pointwise([](float x) { return x / (1.0f + std::exp(-x)); });
}

/// One input, one result of the input's shape.
Status checkUnary(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  return expectShape(outputInfo(node, graph, 0), "result",
                     inputInfo(node, graph, 0).shape);
}

/// Registers an activation whose kernel depends only on attributes.
void addUnary(KernelRegistry &registry, const char *kind,
              KernelOr (*build)(const Node &)) {
  addFloatKernel(registry, kind,
                 [build](const Node &node, const Graph &graph) -> KernelOr {
                   if (Status s = checkUnary(node, graph); !s.ok())
                     return s;
                   return build(node);
                 });
}

/// softmax along `dim`: exp(x - max) / sum, the maximum subtracted first so
/// that exp cannot overflow; the sum is accumulated in double.
KernelOr makeSoftmax(const Node &node, const Graph &graph) {
  if (Status s = checkUnary(node, graph); !s.ok())
    return s;
  std::vector<int64_t> shape = inputInfo(node, graph, 0).shape;
  if (shape.empty()) // a rank-0 input counts as rank 1
    shape.push_back(1);
  Expected<int64_t> dim =
      dimAttr(node, "dim", static_cast<int64_t>(shape.size()));
  if (!dim.ok())
    return dim.status();
  int64_t outer = 1, len = shape[*dim], inner = 1;
  for (int64_t d = 0; d < *dim; ++d)
    outer *= shape[d];
  for (size_t d = *dim + 1; d < shape.size(); ++d)
    inner *= shape[d];
  return makeKernel([outer, len, inner](const std::vector<const Tensor *> &in,
                                        const std::vector<Tensor *> &out) {
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        const float *x = in[0]->data<float>() + o * len * inner + i;
        float *y = out[0]->data<float>() + o * len * inner + i;
        float max = -kInf;
        for (int64_t j = 0; j < len; ++j)
          if (x[j * inner] > max || std::isnan(x[j * inner]))
            max = x[j * inner];
        double sum = 0;
        for (int64_t j = 0; j < len; ++j) {
          y[j * inner] = std::exp(x[j * inner] - max);
          sum += y[j * inner];
        }
        for (int64_t j = 0; j < len; ++j)
          y[j * inner] = static_cast<float>(y[j * inner] / sum);
      }
    return Status::success();
  });
}

/// x >= 0 ? x : weight[c] * x, c the channel (dimension 1) of x; a single
/// weight serves every channel.
KernelOr makePrelu(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 2, 1); !s.ok())
    return s;
  const std::vector<int64_t> &shape = inputInfo(node, graph, 0).shape;
  const std::vector<int64_t> &weight = inputInfo(node, graph, 1).shape;
  int64_t channels = shape.size() >= 2 ? shape[1] : 1;
  if (weight.size() != 1 || (weight[0] != 1 && weight[0] != channels))
    return Status::error("weight has shape " + formatShape(weight) +
                         "; expected one element or one per channel (" +
                         std::to_string(channels) + ")");
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", shape);
      !s.ok())
    return s;
  // A per-channel weight broadcasts as [C, 1, ..., 1] against dims 1...;
  // a single one as a rank-0 tensor.
  std::vector<int64_t> weightShape;
  if (weight[0] != 1) {
    weightShape.assign(shape.size() - 1, 1);
    weightShape[0] = channels;
  }
  BroadcastLoop<2> loop(shape, {shape, weightShape});
  return makeKernel([loop](const std::vector<const Tensor *> &in,
                           const std::vector<Tensor *> &out) {
    const float *x = in[0]->data<float>(), *w = in[1]->data<float>();
    float *y = out[0]->data<float>();
    loop.forEach([&](int64_t i, const BroadcastLoop<2>::Offsets &at) {
      float v = x[at[0]];
      y[i] = v > 0 ? v : w[at[1]] * v;
    });
    return Status::success();
  });
}

} // namespace

void registerActivationKernels(KernelRegistry &registry) {
  addUnary(registry, "relu", relu);
  addUnary(registry, "relu6", relu6);
  addUnary(registry, "hardtanh", hardtanh);
  addUnary(registry, "clamp", clamp);
  addUnary(registry, "leaky_relu", leakyRelu);
  addUnary(registry, "elu", elu);
  addUnary(registry, "gelu", gelu);
  addUnary(registry, "hardswish", hardswish);
  addUnary(registry, "hardsigmoid", hardsigmoid);
  addUnary(registry, "sigmoid", sigmoid);
  addUnary(registry, "tanh", tanhOp);
  addUnary(registry, "silu", silu);
  addFloatKernel(registry, "softmax", makeSoftmax);
  addFloatKernel(registry, "prelu", makePrelu);
}

} // namespace quill::reference
