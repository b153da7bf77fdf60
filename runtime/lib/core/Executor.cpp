//===- Executor.cpp - kernel creation and arena planning ------------------===//

#include "quill/runtime/Executor.h"

#include <algorithm>
#include <map>

namespace quill {

namespace {
constexpr size_t kAlignment = 64;
size_t alignUp(size_t n) {
  return (n + kAlignment - 1) / kAlignment * kAlignment;
}

struct Interval {
  int64_t value;
  size_t bytes;
  int64_t first, last; // node indices where it is defined / last needed
  size_t offset = 0;
};
} // namespace

Expected<std::unique_ptr<Executor>>
Executor::create(Graph graph, const KernelRegistry &registry,
                 const std::string &backend) {
  if (Status s = graph.validate(); !s.ok())
    return s;
  std::unique_ptr<Executor> ex(new Executor());
  ex->graph_ = std::move(graph);
  for (const Node &node : ex->graph_.nodes) {
    Expected<std::unique_ptr<Kernel>> k =
        registry.create(node, ex->graph_, backend);
    if (!k.ok())
      return k.status();
    ex->kernels_.push_back(std::move(*k));
  }
  if (Status s = ex->shareObservers(); !s.ok())
    return s;
  if (Status s = ex->plan(); !s.ok())
    return s;
  return ex;
}

// Observer nodes (observe, fake_quant) with one id are one observer, fed at
// each of its nodes in order, as PyTorch calls one shared instance.
Status Executor::shareObservers() {
  std::map<std::pair<std::string, int64_t>, size_t> first;
  for (size_t i = 0; i < kernels_.size(); ++i) {
    const Node &node = graph_.nodes[i];
    if (!kernels_[i]->observer() || !node.attrs.has("id"))
      continue;
    Expected<int64_t> id = node.attrs.get<int64_t>("id");
    if (!id.ok())
      return id.status();
    auto [it, inserted] = first.try_emplace({node.kind, *id}, i);
    if (!inserted && !kernels_[i]->shareObserverOf(*kernels_[it->second]))
      return Status::error(node.location + ": " + node.kind + " id " +
                           std::to_string(*id) +
                           " cannot share the observer of its first node");
  }
  return Status::success();
}

// Live ranges, then first fit by decreasing size: a value goes at the lowest
// offset that no simultaneously live, already placed value occupies.
Status Executor::plan() {
  const Graph &g = graph_;
  const int64_t end = static_cast<int64_t>(g.nodes.size());
  std::vector<Interval> intervals;
  std::vector<int64_t> intervalOf(g.values.size(), -1);
  for (int64_t i = 0; i < end; ++i)
    for (int64_t id : g.nodes[i].outputs) {
      const ValueInfo &v = g.values[id];
      for (int64_t d : v.shape)
        if (d < 0)
          return Status::error("value " + std::to_string(id) +
                               " has an unknown size; the runtime needs "
                               "static shapes");
      intervalOf[id] = static_cast<int64_t>(intervals.size());
      intervals.push_back(
          {id, alignUp(numElements(v.shape) * dtypeSize(v.dtype)), i, i});
    }
  for (int64_t i = 0; i < end; ++i)
    for (int64_t id : g.nodes[i].inputs)
      if (id != kNoValue && intervalOf[id] >= 0)
        intervals[intervalOf[id]].last = i;
  for (int64_t id : g.outputs)
    if (intervalOf[id] >= 0)
      intervals[intervalOf[id]].last = end;

  std::vector<Interval *> bySize;
  for (Interval &iv : intervals)
    bySize.push_back(&iv);
  std::stable_sort(bySize.begin(), bySize.end(),
                   [](auto *a, auto *b) { return a->bytes > b->bytes; });
  std::vector<Interval *> placed;
  for (Interval *iv : bySize) {
    std::vector<Interval *> live;
    for (Interval *p : placed)
      if (p->first <= iv->last && iv->first <= p->last)
        live.push_back(p);
    std::sort(live.begin(), live.end(),
              [](auto *a, auto *b) { return a->offset < b->offset; });
    size_t offset = 0;
    for (Interval *p : live) {
      if (offset + iv->bytes <= p->offset)
        break;
      offset = std::max(offset, p->offset + p->bytes);
    }
    iv->offset = offset;
    placed.push_back(iv);
    arenaBytes_ = std::max(arenaBytes_, offset + iv->bytes);
    unplannedBytes_ += iv->bytes;
  }
  arena_ =
      std::shared_ptr<uint8_t[]>(new uint8_t[arenaBytes_ ? arenaBytes_ : 1]());

  slots_.assign(g.values.size(), Tensor());
  for (size_t id = 0; id < g.values.size(); ++id) {
    const ValueInfo &v = g.values[id];
    if (v.constant)
      slots_[id] = *v.constant;
  }
  for (const Interval &iv : intervals) {
    const ValueInfo &v = g.values[iv.value];
    slots_[iv.value] =
        Tensor::borrow(v.dtype, v.shape, arena_.get() + iv.offset);
    slots_[iv.value].setQuant(v.quant);
  }
  return Status::success();
}

Status Executor::run(const std::vector<Tensor> &inputs) {
  const Graph &g = graph_;
  if (inputs.size() != g.inputs.size())
    return Status::error("expected " + std::to_string(g.inputs.size()) +
                         " inputs, got " + std::to_string(inputs.size()));
  for (size_t i = 0; i < inputs.size(); ++i) {
    const ValueInfo &v = g.values[g.inputs[i]];
    if (inputs[i].dtype() != v.dtype || inputs[i].shape() != v.shape ||
        !(inputs[i].quant() == v.quant))
      return Status::error("input " + std::to_string(i) +
                           " does not have the graph's dtype, shape and "
                           "quantization");
    slots_[g.inputs[i]] = inputs[i];
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node &node = g.nodes[i];
    // Member scratch vectors: their capacity survives from run to run.
    ins_.clear();
    outs_.clear();
    for (int64_t id : node.inputs)
      ins_.push_back(id == kNoValue ? nullptr : &slots_[id]);
    for (int64_t id : node.outputs)
      outs_.push_back(&slots_[id]);
    if (Status s = kernels_[i]->run(ins_, outs_); !s.ok())
      return Status::error((node.location.empty() ? "" : node.location + ": ") +
                           node.kind + ": " + s.message());
  }
  outputs_.clear();
  for (int64_t id : g.outputs)
    outputs_.push_back(slots_[id]);
  return Status::success();
}

} // namespace quill
