//===- Recurrent.cpp - quill.lstm and quill.gru (eval) --------------------===//
//
// torch.nn.LSTM / torch.nn.GRU, layer by layer and direction by direction.
// At each step the gate pre-activations are two F.linear rows,
// (W_ih x + b_ih) + (W_hh h + b_hh), split in PyTorch's gate order:
//   LSTM (i, f, g, o): c' = sigmoid(f) c + sigmoid(i) tanh(g),
//                      h' = sigmoid(o) tanh(c')
//   GRU  (r, z, n):    r, z = sigmoid(.), n = tanh(W_in x + b_in +
//                      r (W_hn h + b_hn)), h' = n + z (h - n)
// The reverse direction reads the sequence backwards and writes each
// output at its own time step; layer l > 0 reads both directions' outputs
// concatenated. Gates are float; the float products accumulate in double
// (Sequence.h). The loops live here for the dynamically quantized kernels
// too (Recurrent.h, quantized/DynamicRecurrent.cpp).
//
// Operands (ODS, with each absent optional group as kNoValue): input, h0,
// [c0,] then per layer and direction w_ih, w_hh[, b_ih, b_hh].
//
//===----------------------------------------------------------------------===//

#include "Recurrent.h"
#include "Sequence.h"

#include <algorithm>
#include <cmath>

namespace quill::reference {
namespace {

/// One time step of one batch entry: `ih` and `hh` are its gate
/// pre-activations, `h` and `c` its state, updated in place.
void cellStep(bool lstm, int64_t H, const float *ih, const float *hh, float *h,
              float *c) {
  for (int64_t j = 0; j < H; ++j) {
    if (lstm) {
      float i = sigmoid(hh[j] + ih[j]);
      float f = sigmoid(hh[H + j] + ih[H + j]);
      float g = std::tanh(hh[2 * H + j] + ih[2 * H + j]);
      float o = sigmoid(hh[3 * H + j] + ih[3 * H + j]);
      c[j] = f * c[j] + i * g;
      h[j] = o * std::tanh(c[j]);
    } else {
      float r = sigmoid(hh[j] + ih[j]);
      float z = sigmoid(hh[H + j] + ih[H + j]);
      float nGate = std::tanh(ih[2 * H + j] + r * hh[2 * H + j]);
      h[j] = (h[j] - nGate) * z + nGate;
    }
  }
}

/// Where a layer reads or writes its sequence: the row of (t, n) starts at
/// data + (t * step + n * batch) * width.
template <typename T> struct SequenceView {
  T *data;
  int64_t step, batch, width;
  T *row(int64_t t, int64_t n) const {
    return data + (t * step + n * batch) * width;
  }
};

class RecurrentKernel : public Kernel {
public:
  // Layer l writes buffer l % 2 for layer l + 1: two layers need one
  // buffer, three or more two.
  RecurrentKernel(const RecurrentPlan &p, std::unique_ptr<GateLinear> gates)
      : p_(p), gates_(std::move(gates)),
        ih_(p.steps * p.batch * p.gates * p.hidden),
        hh_(p.batch * p.gates * p.hidden), h_(p.batch * p.hidden),
        c_(p.batch * p.hidden) {
    int64_t sequence = p.steps * p.batch * p.dirs * p.hidden;
    for (int64_t i = 0; i < 2 && i + 1 < p.layers; ++i)
      buffers_[i].resize(sequence);
  }

  Status run(const std::vector<const Tensor *> &inputs,
             const std::vector<Tensor *> &outputs) override {
    const RecurrentPlan &p = p_;
    int64_t width = p.dirs * p.hidden;
    for (int64_t l = 0; l < p.layers; ++l) {
      // Inner layers' sequences are [T, N, width] buffers.
      SequenceView<const float> in =
          l == 0 ? SequenceView<const float>{inputs[0]->data<float>(),
                                             p.stepStride, p.batchStride,
                                             p.inputSize}
                 : SequenceView<const float>{buffers_[(l - 1) % 2].data(),
                                             p.batch, 1, width};
      SequenceView<float> out =
          l + 1 == p.layers
              ? SequenceView<float>{outputs[0]->data<float>(), p.stepStride,
                                    p.batchStride, width}
              : SequenceView<float>{buffers_[l % 2].data(), p.batch, 1, width};
      for (int64_t d = 0; d < p.dirs; ++d)
        if (Status s = runDirection(inputs, outputs, l, d, in, out); !s.ok())
          return s;
    }
    return Status::success();
  }

private:
  Status runDirection(const std::vector<const Tensor *> &inputs,
                      const std::vector<Tensor *> &outputs, int64_t l,
                      int64_t d, SequenceView<const float> in,
                      SequenceView<float> out) {
    const RecurrentPlan &p = p_;
    int64_t H = p.hidden, N = p.batch, rows = p.gates * H;
    size_t base = p.weightOperand(l, d);
    const float *bIh = p.biases ? inputs[base + 2]->data<float>() : nullptr;
    const float *bHh = p.biases ? inputs[base + 3]->data<float>() : nullptr;
    int64_t state = (l * p.dirs + d) * N * H; // offset in h0/h_n
    auto initial = [&](const Tensor *t, std::vector<float> &dst) {
      if (t)
        std::copy_n(t->data<float>() + state, N * H, dst.data());
      else
        std::fill(dst.begin(), dst.end(), 0.0f);
    };
    initial(inputs[1], h_);
    if (p.lstm)
      initial(inputs[2], c_);

    // The input rows of the whole sequence in memory order; ih_ keeps it.
    if (Status s = gates_->apply(base, *inputs[base], bIh, in.data, p.steps * N,
                                 ih_.data());
        !s.ok())
      return s;
    SequenceView<const float> ih{ih_.data(), in.step, in.batch, rows};
    for (int64_t s = 0; s < p.steps; ++s) {
      int64_t t = d == 0 ? s : p.steps - 1 - s;
      if (Status st = gates_->apply(base + 1, *inputs[base + 1], bHh, h_.data(),
                                    N, hh_.data());
          !st.ok())
        return st;
      for (int64_t n = 0; n < N; ++n) {
        float *h = h_.data() + n * H;
        cellStep(p.lstm, H, ih.row(t, n), hh_.data() + n * rows, h,
                 c_.data() + n * H);
        std::copy_n(h, H, out.row(t, n) + d * H);
      }
    }
    std::copy(h_.begin(), h_.end(), outputs[1]->data<float>() + state);
    if (p.lstm)
      std::copy(c_.begin(), c_.end(), outputs[2]->data<float>() + state);
    return Status::success();
  }

  RecurrentPlan p_;
  std::unique_ptr<GateLinear> gates_;
  std::vector<float> buffers_[2]; // outputs of inner layers, [T, N, D*H]
  std::vector<float> ih_;         // W_ih x + b_ih of the whole sequence
  std::vector<float> hh_;         // W_hh h + b_hh of one step, [N, G*H]
  std::vector<float> h_, c_;      // the state, [N, H]
};

/// Float products: rows of F.linear (Sequence.h).
class FloatGates : public GateLinear {
public:
  Status apply(size_t, const Tensor &weight, const float *bias, const float *x,
               int64_t rows, float *y) override {
    int64_t out = weight.dim(0), in = weight.dim(1);
    for (int64_t r = 0; r < rows; ++r)
      linearRow(weight.data<float>(), bias, x + r * in, out, in, y + r * out);
    return Status::success();
  }
};

} // namespace

Expected<RecurrentPlan> planRecurrent(const Node &node, const Graph &graph,
                                      bool lstm) {
  RecurrentPlan p{};
  p.lstm = lstm;
  p.gates = lstm ? 4 : 3;
  Expected<int64_t> hidden = node.attrs.get<int64_t>("hidden_size");
  Expected<int64_t> layers = node.attrs.get<int64_t>("num_layers", 1);
  Expected<bool> bidirectional = node.attrs.get<bool>("bidirectional", false);
  Expected<bool> batchFirst = node.attrs.get<bool>("batch_first", false);
  Expected<bool> biases = node.attrs.get<bool>("has_biases", true);
  for (const Status &s :
       {hidden.status(), layers.status(), bidirectional.status(),
        batchFirst.status(), biases.status()})
    if (!s.ok())
      return s;
  p.hidden = *hidden;
  p.layers = *layers;
  p.dirs = *bidirectional ? 2 : 1;
  p.biases = *biases;
  if (p.hidden < 1 || p.layers < 1)
    return Status::error("hidden_size and num_layers must be >= 1");

  size_t states = lstm ? 2 : 1;
  p.firstWeight = 1 + states;
  size_t perDirection = p.biases ? 4 : 2;
  // num_layers is bounded by the operand count before any product, so no
  // value of it can wrap around.
  size_t available =
      node.inputs.size() - std::min(node.inputs.size(), p.firstWeight);
  if (static_cast<uint64_t>(p.layers) > available ||
      p.layers * p.dirs * perDirection != available ||
      node.outputs.size() != 1 + states)
    return Status::error(
        "expects input, " + std::string(lstm ? "h0, c0, " : "h0, ") + "then " +
        std::to_string(perDirection) + " weights per layer and direction (" +
        std::to_string(p.layers) + " x " + std::to_string(p.dirs) + "), and " +
        std::to_string(1 + states) + " results");
  if (node.inputs[0] == kNoValue)
    return Status::error("the input is missing");
  if (lstm && (node.inputs[1] == kNoValue) != (node.inputs[2] == kNoValue))
    return Status::error("h0 and c0 must be given together");

  const std::vector<int64_t> &in = inputInfo(node, graph, 0).shape;
  if (in.size() != 2 && in.size() != 3)
    return Status::error("the input must have rank 2 (unbatched) or 3");
  // As in PyTorch, batch_first is ignored for an unbatched input.
  bool batched = in.size() == 3, first = batched && *batchFirst;
  p.steps = first ? in[1] : in[0];
  p.batch = batched ? (first ? in[0] : in[1]) : 1;
  p.inputSize = in.back();
  p.stepStride = first ? 1 : p.batch;
  p.batchStride = first ? p.steps : 1;

  std::vector<int64_t> stateShape = {p.layers * p.dirs, p.batch, p.hidden};
  if (!batched)
    stateShape = {p.layers * p.dirs, p.hidden};
  std::vector<int64_t> outShape =
      !batched ? std::vector<int64_t>{p.steps, p.dirs * p.hidden}
      : first  ? std::vector<int64_t>{p.batch, p.steps, p.dirs * p.hidden}
               : std::vector<int64_t>{p.steps, p.batch, p.dirs * p.hidden};
  for (size_t i = 1; i <= states; ++i)
    if (node.inputs[i] != kNoValue)
      if (Status s = expectShape(inputInfo(node, graph, i),
                                 i == 1 ? "h0" : "c0", stateShape);
          !s.ok())
        return s;
  if (Status s = expectShape(outputInfo(node, graph, 0), "output", outShape);
      !s.ok())
    return s;
  for (size_t i = 1; i <= states; ++i)
    if (Status s = expectShape(outputInfo(node, graph, i),
                               i == 1 ? "h_n" : "c_n", stateShape);
        !s.ok())
      return s;

  int64_t rows = p.gates * p.hidden;
  for (int64_t l = 0; l < p.layers; ++l)
    for (int64_t d = 0; d < p.dirs; ++d) {
      size_t base = p.weightOperand(l, d);
      std::string where =
          "layer " + std::to_string(l) + (d ? " reverse " : " ");
      const char *names[] = {"w_ih", "w_hh", "b_ih", "b_hh"};
      std::vector<int64_t> shapes[] = {
          {rows, p.layerInputSize(l)}, {rows, p.hidden}, {rows}, {rows}};
      for (size_t k = 0; k < perDirection; ++k) {
        if (node.inputs[base + k] == kNoValue)
          return Status::error(where + names[k] + " is missing");
        if (Status s = expectShape(inputInfo(node, graph, base + k),
                                   where + names[k], shapes[k]);
            !s.ok())
          return s;
      }
    }
  return p;
}

std::unique_ptr<Kernel> makeRecurrentKernel(const RecurrentPlan &plan,
                                            std::unique_ptr<GateLinear> gates) {
  return std::make_unique<RecurrentKernel>(plan, std::move(gates));
}

namespace {
KernelFactory floatRecurrent(bool lstm) {
  return [lstm](const Node &node, const Graph &graph) -> KernelOr {
    Expected<RecurrentPlan> p = planRecurrent(node, graph, lstm);
    if (!p.ok())
      return p.status();
    return makeRecurrentKernel(*p, std::make_unique<FloatGates>());
  };
}
} // namespace

void registerRecurrentKernels(KernelRegistry &registry) {
  // Dynamically quantized weights have kernels of their own.
  addFloatKernel(registry, "lstm", floatRecurrent(/*lstm=*/true));
  addFloatKernel(registry, "gru", floatRecurrent(/*lstm=*/false));
}

} // namespace quill::reference
