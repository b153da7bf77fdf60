//===- Observe.cpp - quill.observe: identity that feeds an observer -------===//

#include "KernelSupport.h"

#include <cstring>

namespace quill::reference {

Expected<observers::ObserverConfig> observerConfig(const Attributes &attrs) {
  auto text = [&](const char *field) {
    return attrs.get<std::string>(std::string("observer.") + field);
  };
  Expected<std::string> kindName = text("kind"), dtypeName = text("dtype"),
                        qschemeName = text("qscheme");
  for (auto *e : {&kindName, &dtypeName, &qschemeName})
    if (!e->ok())
      return e->status();
  auto kind = observers::parseObserverKind(*kindName);
  auto dtype = observers::parseQDType(*dtypeName);
  auto qscheme = observers::parseQScheme(*qschemeName);
  if (!kind || !dtype || !qscheme)
    return Status::error("unknown observer kind, dtype or qscheme '" +
                         *kindName + "', '" + *dtypeName + "', '" +
                         *qschemeName + "'");
  observers::ObserverConfig c =
      observers::ObserverConfig::defaults(*kind, *dtype);
  c.qscheme = *qscheme;
  // Optional fields: absent means the default already in `c`.
  auto i64 = [&](const char *field, auto &dst) -> Status {
    std::string key = std::string("observer.") + field;
    if (!attrs.has(key))
      return Status::success();
    Expected<int64_t> v = attrs.get<int64_t>(key);
    if (!v.ok())
      return v.status();
    dst = *v;
    return Status::success();
  };
  auto f64 = [&](const char *field, auto &dst) -> Status {
    Expected<double> v = attrs.get<double>(std::string("observer.") + field, 0);
    if (!v.ok())
      return v.status();
    if (attrs.has(std::string("observer.") + field))
      dst = *v;
    return Status::success();
  };
  Expected<bool> reduce = attrs.get<bool>("observer.reduce_range", false);
  Expected<bool> dynamic = attrs.get<bool>("observer.is_dynamic", false);
  if (!reduce.ok())
    return reduce.status();
  if (!dynamic.ok())
    return dynamic.status();
  c.reduceRange = *reduce;
  c.isDynamic = *dynamic;
  for (Status s :
       {i64("quant_min", c.quantMin), i64("quant_max", c.quantMax),
        i64("ch_axis", c.chAxis), i64("bins", c.bins),
        i64("zero_point", c.zeroPoint), f64("eps", c.eps),
        f64("averaging_constant", c.averagingConstant), f64("scale", c.scale)})
    if (!s.ok())
      return s;
  return c;
}

namespace {

class ObserveKernel : public Kernel {
public:
  ObserveKernel(std::unique_ptr<observers::Observer> observer, int64_t id)
      : observer_(std::move(observer)), id_(id) {}
  bool shareObserverOf(Kernel &owner) override {
    auto *first = dynamic_cast<ObserveKernel *>(&owner);
    if (!first)
      return false;
    observer_ = first->observer_;
    return true;
  }

  Status run(const std::vector<const Tensor *> &inputs,
             const std::vector<Tensor *> &outputs) override {
    const Tensor &x = *inputs[0];
    // The id names the observer in errors (a NaN in calibration data).
    if (Status s = observer_->observe(x.data<float>(), x.shape()); !s.ok())
      return Status::error("observer id " + std::to_string(id_) + ": " +
                           s.message());
    std::memcpy(outputs[0]->raw(), x.raw(), x.byteSize());
    return Status::success();
  }
  observers::Observer *observer() override { return observer_.get(); }

private:
  std::shared_ptr<observers::Observer> observer_;
  int64_t id_;
};

} // namespace

void registerObserveKernels(KernelRegistry &registry) {
  registry.add("observe", "reference",
               [](const Node &node,
                  const Graph &graph) -> Expected<std::unique_ptr<Kernel>> {
                 if (!isFloatNode(node, graph))
                   return std::unique_ptr<Kernel>();
                 Expected<observers::ObserverConfig> config =
                     observerConfig(node.attrs);
                 if (!config.ok())
                   return config.status();
                 Expected<int64_t> id = node.attrs.get<int64_t>("id");
                 if (!id.ok())
                   return id.status();
                 auto observer = observers::createObserver(*config);
                 if (!observer.ok())
                   return observer.status();
                 return std::unique_ptr<Kernel>(std::make_unique<ObserveKernel>(
                     std::move(*observer), *id));
               });
}

} // namespace quill::reference
