//===- Recurrent.h - quill.lstm / quill.gru over any gate product ---------===//
//
// The layer, direction and time-step loops and the gate math of the float
// and the dynamically quantized recurrent kernels are the same; only the two
// products W_ih x + b_ih and W_hh h + b_hh differ (float, or
// quantized::linear_dynamic). A kernel takes them from a GateLinear.
//
// As in PyTorch's CPU path (aten/src/ATen/native/RNN.cpp, FullLayer), each
// direction of a layer computes W_ih x + b_ih for the whole sequence at
// once, then at each step W_hh h + b_hh for the whole batch: the row blocks
// a GateLinear sees are exactly the tensors PyTorch's linear sees, which
// matters when the product quantizes its input per call.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_RECURRENT_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_RECURRENT_H

#include "KernelSupport.h"

namespace quill::reference {

struct RecurrentPlan {
  bool lstm;
  int64_t gates; // 4 (LSTM) or 3 (GRU)
  int64_t hidden, layers, dirs, steps, batch, inputSize;
  bool biases;
  // Strides of the op's input and output, in rows (of input_size or
  // dirs * hidden elements), between time steps and between batch entries
  // (they depend on batch_first).
  int64_t stepStride, batchStride;
  size_t firstWeight; // operand index of layer 0's w_ih

  /// Operand index of w_ih of layer `l`, direction `d`; w_hh, b_ih and
  /// b_hh follow it.
  size_t weightOperand(int64_t l, int64_t d) const {
    return firstWeight + (l * dirs + d) * (biases ? 4 : 2);
  }
  /// Inner size of layer `l`'s input.
  int64_t layerInputSize(int64_t l) const {
    return l == 0 ? inputSize : dirs * hidden;
  }
};

/// Checks the operands, attributes and shapes of an lstm (or gru) node;
/// dtypes are the caller's business.
Expected<RecurrentPlan> planRecurrent(const Node &node, const Graph &graph,
                                      bool lstm);

/// y = x W^T + b for blocks of rows.
class GateLinear {
public:
  virtual ~GateLinear() = default;
  /// y[r, :] = W x[r, :] + b for the `rows` contiguous rows of x; W is
  /// `weight`, operand `operand` of the node, and `bias` is null without
  /// biases. y is [rows, weight rows].
  virtual Status apply(size_t operand, const Tensor &weight, const float *bias,
                       const float *x, int64_t rows, float *y) = 0;
};

std::unique_ptr<Kernel> makeRecurrentKernel(const RecurrentPlan &plan,
                                            std::unique_ptr<GateLinear> gates);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_RECURRENT_H
