// The observers (runtime/include/quill/runtime/Observers.h) against PyTorch
// 1.13: test/unit/data/observer_cases.json holds input batches and what
// torch.ao.quantization's observers computed from them
// (scripts/gen_observer_cases.py): scale and zero point, min/max and the
// histogram, all compared bit for bit, or the phase in which PyTorch failed.
// Every case also round-trips its state through the text format. The file
// also holds results of the ATen kernels whose rounding the library
// reproduces (runtime/lib/observers/TorchArith.h), checked one by one.

#include "Histogram.h"
#include "TorchArith.h"
#include "quill/runtime/Observers.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <sstream>

using namespace quill;
using namespace quill::observers;
namespace json = llvm::json;

namespace {
std::vector<float> decodeFloats(llvm::StringRef base64) {
  std::vector<char> bytes;
  REQUIRE_FALSE(bool(llvm::decodeBase64(base64, bytes)));
  std::vector<float> out(bytes.size() / 4);
  std::memcpy(out.data(), bytes.data(), bytes.size());
  return out;
}

struct Batch {
  std::vector<int64_t> shape;
  std::vector<float> data;
};

uint32_t bitsOf(float v) {
  uint32_t b;
  std::memcpy(&b, &v, 4);
  return b;
}
uint64_t bitsOf(double v) {
  uint64_t b;
  std::memcpy(&b, &v, 8);
  return b;
}
uint64_t parseHex(llvm::StringRef s) {
  uint64_t v = 0;
  REQUIRE_FALSE(s.getAsInteger(16, v));
  return v;
}
float floatFromHex(llvm::StringRef s) {
  auto bits = static_cast<uint32_t>(parseHex(s));
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}
double doubleFromHex(llvm::StringRef s) {
  uint64_t bits = parseHex(s);
  double v;
  std::memcpy(&v, &bits, 8);
  return v;
}
std::string hex(uint64_t v, int digits) {
  std::ostringstream os;
  os << std::hex;
  os.width(digits);
  os.fill('0');
  os << v;
  return os.str();
}
std::string describe(float v) {
  return hex(bitsOf(v), 8) + " (" + std::to_string(v) + ")";
}

std::vector<float> floatsFromHex(const json::Array *a) {
  std::vector<float> out;
  if (a)
    for (const json::Value &v : *a)
      out.push_back(floatFromHex(*v.getAsString()));
  return out;
}

// FNV-1a 64 over the little-endian float32 bytes, as the generator hashes.
std::string histogramHash(const std::vector<float> &h) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (float v : h) {
    uint32_t b = bitsOf(v);
    for (int i = 0; i < 4; ++i) {
      hash ^= (b >> (8 * i)) & 0xff;
      hash *= 0x100000001b3ULL;
    }
  }
  return hex(hash, 16);
}

const json::Object &document() {
  static json::Value doc = [] {
    auto buffer = llvm::MemoryBuffer::getFile(QUILL_OBSERVER_CASES);
    REQUIRE(buffer);
    llvm::Expected<json::Value> parsed = json::parse((*buffer)->getBuffer());
    REQUIRE(bool(parsed));
    return std::move(*parsed);
  }();
  return *doc.getAsObject();
}

const std::map<std::string, std::vector<Batch>> &inputs() {
  static std::map<std::string, std::vector<Batch>> all = [] {
    std::map<std::string, std::vector<Batch>> out;
    for (const auto &[name, batches] : *document().getObject("inputs")) {
      for (const json::Value &b : *batches.getAsArray()) {
        const json::Object &o = *b.getAsObject();
        Batch batch;
        for (const json::Value &d : *o.getArray("shape"))
          batch.shape.push_back(*d.getAsInteger());
        batch.data = decodeFloats(*o.getString("data"));
        out[name.str()].push_back(std::move(batch));
      }
    }
    return out;
  }();
  return all;
}

ObserverConfig configOf(const json::Object &c) {
  auto kind = parseObserverKind(*c.getString("kind"));
  auto dtype = parseQDType(*c.getString("dtype"));
  REQUIRE(kind);
  REQUIRE(dtype);
  ObserverConfig config = ObserverConfig::defaults(*kind, *dtype);
  if (auto s = c.getString("qscheme")) {
    auto scheme = parseQScheme(*s);
    REQUIRE(scheme);
    config.qscheme = *scheme;
  }
  config.quantMin = c.getInteger("quant_min");
  config.quantMax = c.getInteger("quant_max");
  config.reduceRange = c.getBoolean("reduce_range").value_or(false);
  if (auto s = c.getString("eps"))
    config.eps = doubleFromHex(*s);
  config.chAxis = c.getInteger("ch_axis").value_or(0);
  if (auto s = c.getString("averaging_constant"))
    config.averagingConstant = doubleFromHex(*s);
  config.bins = c.getInteger("bins").value_or(2048);
  if (auto s = c.getString("scale"))
    config.scale = doubleFromHex(*s);
  config.zeroPoint = c.getInteger("zero_point");
  return config;
}

std::string compareFloats(const char *what, const std::vector<float> &got,
                          const std::vector<float> &want) {
  if (got.size() != want.size())
    return std::string(what) + ": " + std::to_string(got.size()) +
           " values, want " + std::to_string(want.size());
  for (size_t i = 0; i < got.size(); ++i)
    if (bitsOf(got[i]) != bitsOf(want[i]))
      return std::string(what) + "[" + std::to_string(i) + "]: got " +
             describe(got[i]) + ", want " + describe(want[i]);
  return "";
}

// The qparams against the expectation; "" when equal to the bit.
std::string compareQParams(const QParams &q, const json::Object &expect) {
  std::string diff =
      compareFloats("scale", q.scale, floatsFromHex(expect.getArray("scale")));
  if (!diff.empty())
    return diff;
  if (const json::Array *zp = expect.getArray("zero_point")) {
    // An unobserved float_qparams observer: PyTorch's default zero point is
    // the integer 0, Quill's the float 0.
    bool asFloat = q.zeroPoint.empty();
    size_t n = asFloat ? q.floatZeroPoint.size() : q.zeroPoint.size();
    if (n != zp->size())
      return "zero_point: " + std::to_string(n) + " values, want " +
             std::to_string(zp->size());
    for (size_t i = 0; i < n; ++i) {
      int64_t want = *(*zp)[i].getAsInteger();
      bool same = asFloat ? q.floatZeroPoint[i] == static_cast<float>(want)
                          : q.zeroPoint[i] == want;
      if (!same)
        return "zero_point[" + std::to_string(i) + "]: got " +
               (asFloat ? std::to_string(q.floatZeroPoint[i])
                        : std::to_string(q.zeroPoint[i])) +
               ", want " + std::to_string(want);
    }
    return "";
  }
  if (!q.zeroPoint.empty())
    return "integer zero points where float ones were expected";
  return compareFloats("float_zero_point", q.floatZeroPoint,
                       floatsFromHex(expect.getArray("float_zero_point")));
}

// One case of the JSON; "" when Quill matches PyTorch.
std::string runCase(const json::Object &c) {
  const json::Object &expect = *c.getObject("expect");
  std::string error = expect.getString("error").value_or("").str();
  Expected<std::unique_ptr<Observer>> created =
      createObserver(configOf(*c.getObject("config")));
  if (error == "config")
    return created.ok() ? "config accepted, PyTorch refuses it" : "";
  if (!created.ok())
    return "config refused: " + created.status().message();
  Observer &obs = **created;

  for (const Batch &b : inputs().at(c.getString("input")->str())) {
    Status s = obs.observe(b.data.data(), b.shape);
    if (s.ok())
      continue;
    if (error != "observe")
      return "observe failed: " + s.message();
    if (expect.getBoolean("nan") &&
        s.message().find("input contains NaN") == std::string::npos)
      return "NaN reported as: " + s.message();
    return "";
  }
  if (error == "observe")
    return "observe succeeded, PyTorch fails";

  ObserverState state = obs.state();
  std::string diff;
  if (expect.getArray("min_val"))
    diff = compareFloats("min_val", state.minVal,
                         floatsFromHex(expect.getArray("min_val")));
  if (diff.empty() && expect.getArray("max_val"))
    diff = compareFloats("max_val", state.maxVal,
                         floatsFromHex(expect.getArray("max_val")));
  if (diff.empty() && expect.getString("histogram") &&
      histogramHash(state.histogram) != *expect.getString("histogram"))
    diff = "histogram differs";
  if (!diff.empty())
    return diff;

  Expected<QParams> q = obs.calculateQParams();
  if (error == "calculate")
    return q.ok() ? "calculateQParams succeeded, PyTorch fails" : "";
  if (!q.ok())
    return "calculateQParams failed: " + q.status().message();
  diff = compareQParams(*q, expect);
  if (!diff.empty())
    return diff;

  // The state survives text and reload.
  Expected<ObserverState> parsed = parseState(serializeState(state));
  if (!parsed.ok())
    return "state text: " + parsed.status().message();
  auto reloaded = createObserver(obs.config());
  if (Status s = (*reloaded)->setState(*parsed); !s.ok())
    return "setState: " + s.message();
  Expected<QParams> again = (*reloaded)->calculateQParams();
  return again.ok() ? compareQParams(*again, expect)
                    : "reloaded: " + again.status().message();
}

void runCases(ObserverKind kind) {
  int checked = 0;
  for (const json::Value &v : *document().getArray("cases")) {
    const json::Object &c = *v.getAsObject();
    if (*c.getObject("config")->getString("kind") != toString(kind))
      continue;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << v;
    INFO(os.str());
    CHECK(runCase(c) == "");
    ++checked;
  }
  CHECK(checked > 0);
}

std::unique_ptr<Observer> make(ObserverConfig config) {
  Expected<std::unique_ptr<Observer>> o = createObserver(config);
  INFO(o.status().message());
  REQUIRE(o.ok());
  return std::move(*o);
}

QParams qparams(const Observer &o) {
  Expected<QParams> q = o.calculateQParams();
  INFO(q.status().message());
  REQUIRE(q.ok());
  return *q;
}

void observe(Observer &o, const std::vector<float> &data,
             std::vector<int64_t> shape = {}) {
  if (shape.empty())
    shape = {static_cast<int64_t>(data.size())};
  Status s = o.observe(data.data(), shape);
  INFO(s.message());
  REQUIRE(s.ok());
}
} // namespace

TEST_CASE("min_max matches PyTorch bit for bit", "[observer]") {
  runCases(ObserverKind::min_max);
}
TEST_CASE("moving_average_min_max matches PyTorch", "[observer]") {
  runCases(ObserverKind::moving_average_min_max);
}
TEST_CASE("per_channel_min_max matches PyTorch", "[observer]") {
  runCases(ObserverKind::per_channel_min_max);
}
TEST_CASE("moving_average_per_channel_min_max matches PyTorch", "[observer]") {
  runCases(ObserverKind::moving_average_per_channel_min_max);
}
TEST_CASE("histogram_torch113 matches PyTorch 1.13", "[observer]") {
  runCases(ObserverKind::histogram_torch113);
}
TEST_CASE("histogram matches 1.13 run on the exact range", "[observer]") {
  runCases(ObserverKind::histogram);
}
TEST_CASE("observers without statistics match PyTorch", "[observer]") {
  for (ObserverKind k :
       {ObserverKind::placeholder, ObserverKind::fixed_qparams,
        ObserverKind::noop, ObserverKind::recording, ObserverKind::reuse_input})
    runCases(k);
}

TEST_CASE("the reproduced ATen kernels match PyTorch", "[observer]") {
  using namespace quill::observers::detail;
  const json::Object &p = *document().getObject("primitives");
  for (const json::Value &v : *p.getArray("sum")) {
    std::vector<float> x = decodeFloats(*v.getAsObject()->getString("data"));
    INFO("torch.sum of " << x.size() << " floats");
    CHECK(describe(cascadeSum(x.data(), x.size())) ==
          describe(floatFromHex(*v.getAsObject()->getString("sum"))));
  }
  for (const json::Value &v : *p.getArray("floor_divide")) {
    const json::Array &t = *v.getAsArray();
    float a = floatFromHex(*t[0].getAsString());
    float b = floatFromHex(*t[1].getAsString());
    INFO("torch.div(" << describe(a) << ", " << describe(b) << ", 'floor')");
    CHECK(describe(floorDivide(a, b)) ==
          describe(floatFromHex(*t[2].getAsString())));
  }
  for (const json::Value &v : *p.getArray("linspace_last")) {
    const json::Array &t = *v.getAsArray();
    float lo = floatFromHex(*t[0].getAsString());
    float hi = floatFromHex(*t[1].getAsString());
    int64_t steps = *t[2].getAsInteger();
    INFO("torch.linspace(" << describe(lo) << ", " << describe(hi) << ", "
                           << steps << ")");
    CHECK(describe(linspaceLast(lo, hi, steps)) ==
          describe(floatFromHex(*t[3].getAsString())));
  }
  for (const json::Value &v : *p.getArray("histc")) {
    const json::Object &c = *v.getAsObject();
    std::vector<float> x = decodeFloats(*c.getString("data"));
    int64_t bins = *c.getInteger("bins");
    INFO("torch.histc with " << bins << " bins");
    Expected<std::vector<float>> h =
        histc(x.data(), x.size(), bins, doubleFromHex(*c.getString("min")),
              doubleFromHex(*c.getString("max")), /*strict=*/true);
    REQUIRE(h.ok());
    CHECK(histogramHash(*h) == *c.getString("histogram"));
  }
}

TEST_CASE("chooseQParamsPerTensor matches torch._choose_qparams_per_tensor",
          "[observer]") {
  for (const json::Value &v : *document().getArray("choose_qparams")) {
    const json::Object &c = *v.getAsObject();
    const Batch &b =
        inputs().at(c.getString("input")->str()).at(*c.getInteger("batch"));
    INFO(c.getString("input")->str() << " batch " << *c.getInteger("batch"));
    Expected<ChosenQParams> q = chooseQParamsPerTensor(
        b.data.data(), b.data.size(), *c.getBoolean("reduce_range"));
    REQUIRE(q.ok());
    CHECK(hex(bitsOf(q->scale), 16) == *c.getString("scale"));
    CHECK(q->zeroPoint == *c.getInteger("zero_point"));
  }
}

TEST_CASE("chooseQParams matches fused_moving_avg_obs_fake_quant",
          "[observer]") {
  for (const json::Value &v : *document().getArray("fused_fake_quant")) {
    const json::Object &c = *v.getAsObject();
    std::vector<float> lo = floatsFromHex(c.getArray("running_min"));
    std::vector<float> hi = floatsFromHex(c.getArray("running_max"));
    std::vector<float> scale = floatsFromHex(c.getArray("scale"));
    const json::Array &zp = *c.getArray("zero_point");
    REQUIRE(lo.size() == scale.size());
    for (size_t i = 0; i < lo.size(); ++i) {
      INFO(c.getString("input")->str()
           << " [" << *c.getInteger("quant_min") << ", "
           << *c.getInteger("quant_max") << "] symmetric "
           << *c.getBoolean("symmetric") << " channel " << i);
      Expected<ChosenQParams> q = chooseQParams(
          lo[i], hi[i], *c.getInteger("quant_min"), *c.getInteger("quant_max"),
          *c.getBoolean("symmetric"), /*reduceRange=*/false);
      REQUIRE(q.ok());
      // The fused op stores the double scale in a float tensor.
      CHECK(describe(static_cast<float>(q->scale)) == describe(scale[i]));
      CHECK(q->zeroPoint == *zp[i].getAsInteger());
    }
  }
}

TEST_CASE("chooseQParams refuses what PyTorch's checks refuse", "[observer]") {
  CHECK_FALSE(chooseQParams(1.0f, -1.0f, 0, 255, false, false).ok());
  CHECK_FALSE(chooseQParams(NAN, 1.0f, 0, 255, false, false).ok());
  CHECK_FALSE(chooseQParams(0.0f, 1.0f, 5, 5, false, false).ok());
  float nan = NAN;
  CHECK_FALSE(chooseQParamsPerTensor(&nan, 1, false).ok());
  CHECK_FALSE(chooseQParamsPerTensor(nullptr, 0, false).ok());
}

TEST_CASE("calculate_qmin_qmax ranges", "[observer]") {
  auto range = [](QDType dtype, bool reduce, std::optional<int64_t> lo = {},
                  std::optional<int64_t> hi = {}) {
    ObserverConfig c = ObserverConfig::defaults(ObserverKind::min_max, dtype);
    c.reduceRange = reduce;
    c.quantMin = lo;
    c.quantMax = hi;
    Expected<QRange> r = calculateQMinQMax(c);
    REQUIRE(r.ok());
    return std::make_pair(r->qmin, r->qmax);
  };
  using P = std::pair<int64_t, int64_t>;
  CHECK(range(QDType::quint8, false) == P{0, 255});
  CHECK(range(QDType::quint8, true) == P{0, 127});
  CHECK(range(QDType::qint8, true) == P{-64, 63});
  CHECK(range(QDType::qint32, true) == P{INT32_MIN, INT32_MAX});
  CHECK(range(QDType::quint4x2, true) == P{0, 15});
  CHECK(range(QDType::quint8, true, 0, 255) == P{0, 127});
  CHECK(range(QDType::qint8, true, -127, 127) == P{-64, 63}); // floor halves
}

TEST_CASE("config errors name the observer and the rule", "[observer]") {
  auto error = [](ObserverConfig c) {
    Expected<std::unique_ptr<Observer>> o = createObserver(c);
    REQUIRE_FALSE(o.ok());
    return o.status().message();
  };
  ObserverConfig c =
      ObserverConfig::defaults(ObserverKind::min_max, QDType::quint8);
  c.qscheme = QScheme::per_tensor_symmetric;
  c.reduceRange = true;
  CHECK(error(c) == "observer min_max: cannot reduce range for symmetric "
                    "quantization for quint8");
  c = ObserverConfig::defaults(ObserverKind::histogram, QDType::float16);
  CHECK(error(c).find("needs an integer dtype") != std::string::npos);
  c = ObserverConfig::defaults(ObserverKind::min_max, QDType::quint8);
  c.qscheme = QScheme::per_channel_affine;
  CHECK(error(c).find("does not take qscheme per_channel_affine") !=
        std::string::npos);
  c = ObserverConfig::defaults(ObserverKind::min_max, QDType::quint8);
  c.quantMin = 0;
  CHECK(error(c).find("given together") != std::string::npos);
  c.quantMax = 300;
  CHECK(error(c).find("exceeds the quint8 range") != std::string::npos);
  c = ObserverConfig::defaults(ObserverKind::fixed_qparams, QDType::quint8);
  CHECK(error(c).find("needs scale and zero_point") != std::string::npos);
  c = ObserverConfig::defaults(ObserverKind::histogram, QDType::quint8);
  c.bins = 0;
  CHECK(error(c).find("bins") != std::string::npos);
  c = ObserverConfig::defaults(ObserverKind::min_max, QDType::quint8);
  c.eps = 0.0;
  CHECK(error(c).find("eps") != std::string::npos);
}

TEST_CASE("bad input is an error that leaves the state alone", "[observer]") {
  auto obs =
      make(ObserverConfig::defaults(ObserverKind::min_max, QDType::quint8));
  observe(*obs, {1.0f, 2.0f});
  std::string before = serializeState(obs->state());
  std::vector<float> nan = {0.5f, NAN};
  Status s = obs->observe(nan.data(), {2});
  CHECK(s.message() == "observer min_max: input contains NaN");
  s = obs->observe(nan.data(), {-1, 2});
  CHECK(s.message().find("negative size") != std::string::npos);
  s = obs->observe(nullptr, {3});
  CHECK(s.message().find("null") != std::string::npos);
  CHECK(serializeState(obs->state()) == before);

  auto pc = make(ObserverConfig::defaults(ObserverKind::per_channel_min_max,
                                          QDType::qint8));
  std::vector<float> x(6, 1.0f);
  CHECK(pc->observe(x.data(), {6}).message().find("rank 1") !=
        std::string::npos);
  auto hist = make(ObserverConfig::defaults(ObserverKind::histogram_torch113,
                                            QDType::quint8));
  std::vector<float> inf = {1.0f, INFINITY};
  CHECK(hist->observe(inf.data(), {2}).message().find("infinity") !=
        std::string::npos);
}

TEST_CASE("the corrected histogram takes ranges 1.13 cannot", "[observer]") {
  // A constant beyond 2^53: histc's [v-1, v+1] is empty even in double.
  auto hist =
      make(ObserverConfig::defaults(ObserverKind::histogram, QDType::quint8));
  observe(*hist, std::vector<float>(8, 1e30f));
  CHECK(hist->state().histogram[0] == 8.0f);
  CHECK(qparams(*hist).scale[0] == 1e30f / 255.0f);
  // Only infinities: nothing to count.
  auto inf =
      make(ObserverConfig::defaults(ObserverKind::histogram, QDType::quint8));
  observe(*inf, {INFINITY, -INFINITY});
  CHECK(inf->state().minVal[0] == INFINITY);
  CHECK(qparams(*inf).scale[0] == 1.0f);
  auto torch113 = make(ObserverConfig::defaults(
      ObserverKind::histogram_torch113, QDType::quint8));
  std::vector<float> big(8, 1e30f);
  CHECK(torch113->observe(big.data(), {8}).message().find("int64") !=
        std::string::npos);
}

TEST_CASE("observers without qparams say so", "[observer]") {
  for (ObserverKind k : {ObserverKind::placeholder, ObserverKind::noop,
                         ObserverKind::recording, ObserverKind::reuse_input}) {
    auto obs = make(ObserverConfig::defaults(k, QDType::float16));
    std::vector<float> nan = {NAN};
    CHECK(obs->observe(nan.data(), {1}).ok()); // they ignore the values
    Expected<QParams> q = obs->calculateQParams();
    REQUIRE_FALSE(q.ok());
    CHECK(q.status().message().find("has no qparams") != std::string::npos);
  }
}

TEST_CASE("recording keeps its tensors through state text", "[observer]") {
  auto rec =
      make(ObserverConfig::defaults(ObserverKind::recording, QDType::quint8));
  observe(*rec, {1.0f, -2.0f, 3.5f, 0.0f}, {2, 2});
  observe(*rec, {}, {0, 3});
  Expected<ObserverState> parsed = parseState(serializeState(rec->state()));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->recorded.size() == 2);
  CHECK(parsed->recorded[0].shape == std::vector<int64_t>{2, 2});
  CHECK(parsed->recorded[0].data ==
        std::vector<float>{1.0f, -2.0f, 3.5f, 0.0f});
  CHECK(parsed->recorded[1].shape == std::vector<int64_t>{0, 3});
  auto other = make(rec->config());
  REQUIRE(other->merge(*parsed).ok());
  REQUIRE(other->merge(*parsed).ok());
  CHECK(other->state().recorded.size() == 4);
}

TEST_CASE("malformed state text is refused, not trusted", "[observer]") {
  auto obs =
      make(ObserverConfig::defaults(ObserverKind::histogram, QDType::quint8));
  observe(*obs, {0.0f, 1.0f, 2.0f, 5.0f});
  std::string good = serializeState(obs->state());
  REQUIRE(parseState(good).ok());
  for (std::string bad :
       {std::string(), std::string("quill-observer-state 2\n"),
        good.substr(0, good.size() / 2), good + "junk\n",
        std::string("quill-observer-state 1 kind histogram min_val "
                    "99999999999999 end"),
        std::string("quill-observer-state 1 kind bogus min_val 0 max_val 0 "
                    "histogram 0 recorded 0 end"),
        std::string("quill-observer-state 1 kind min_max min_val 1 3f80000g "
                    "max_val 0 histogram 0 recorded 0 end"),
        std::string("quill-observer-state 1 kind recording min_val 0 max_val "
                    "0 histogram 0 recorded 1 tensor 2 4611686018427387904 4 "
                    "end")}) {
    INFO(bad);
    CHECK_FALSE(parseState(bad).ok());
  }
  // Well-formed text that does not fit the observer.
  Expected<ObserverState> s = parseState(good);
  s->histogram.pop_back();
  CHECK_FALSE(obs->setState(*s).ok());
  s->kind = ObserverKind::min_max;
  CHECK_FALSE(obs->setState(*s).ok());
}

TEST_CASE("merging min/max shards equals observing everything", "[observer]") {
  for (ObserverKind kind :
       {ObserverKind::min_max, ObserverKind::per_channel_min_max}) {
    ObserverConfig c = ObserverConfig::defaults(kind, QDType::qint8);
    auto whole = make(c), a = make(c), b = make(c);
    std::vector<float> x1 = {-1.0f, 2.0f, 0.5f, -3.0f};
    std::vector<float> x2 = {4.0f, -0.5f, 1.0f, 1.5f};
    observe(*whole, x1, {2, 2});
    observe(*whole, x2, {2, 2});
    observe(*a, x1, {2, 2});
    observe(*b, x2, {2, 2});
    REQUIRE(a->merge(b->state()).ok());
    CHECK(serializeState(a->state()) == serializeState(whole->state()));
    auto empty = make(c);
    REQUIRE(a->merge(empty->state()).ok()); // nothing observed: no change
    CHECK(serializeState(a->state()) == serializeState(whole->state()));
  }
  ObserverConfig c = ObserverConfig::defaults(ObserverKind::per_channel_min_max,
                                              QDType::qint8);
  auto a = make(c), b = make(c);
  observe(*a, std::vector<float>(4, 1.0f), {2, 2});
  observe(*b, std::vector<float>(6, 1.0f), {3, 2});
  CHECK_FALSE(a->merge(b->state()).ok());
  CHECK_FALSE(a->merge(make(ObserverConfig::defaults(ObserverKind::min_max,
                                                     QDType::qint8))
                           ->state())
                  .ok());
}

TEST_CASE("merging a moving average applies the shard as one batch",
          "[observer]") {
  ObserverConfig c = ObserverConfig::defaults(
      ObserverKind::moving_average_min_max, QDType::quint8);
  auto a = make(c), b = make(c), sequential = make(c);
  observe(*a, {-1.0f, 1.0f});
  observe(*b, {-3.0f, 5.0f});
  observe(*b, {-2.0f, 4.0f});
  REQUIRE(a->merge(b->state()).ok());
  // Same as feeding b's averaged min/max to `a` as a batch.
  observe(*sequential, {-1.0f, 1.0f});
  ObserverState bs = b->state();
  observe(*sequential, {bs.minVal[0], bs.maxVal[0]});
  CHECK(serializeState(a->state()) == serializeState(sequential->state()));
}

TEST_CASE("merging histograms re-bins onto the union range", "[observer]") {
  ObserverConfig c =
      ObserverConfig::defaults(ObserverKind::histogram, QDType::quint8);
  c.bins = 64;
  auto a = make(c), b = make(c);
  std::vector<float> x1, x2;
  for (int i = 0; i < 200; ++i) {
    x1.push_back(-1.0f + 0.01f * i);
    x2.push_back(0.5f + 0.02f * i);
  }
  observe(*a, x1);
  observe(*b, x2);
  ObserverState sa = a->state(), sb = b->state();
  auto ab = make(c), ba = make(c);
  REQUIRE(ab->setState(sa).ok());
  REQUIRE(ab->merge(sb).ok());
  REQUIRE(ba->setState(sb).ok());
  REQUIRE(ba->merge(sa).ok());
  ObserverState m = ab->state();
  CHECK(m.minVal[0] == sa.minVal[0]);
  CHECK(m.maxVal[0] == sb.maxVal[0]);
  double mass = 0;
  for (float v : m.histogram)
    mass += v;
  CHECK(mass == Approx(400.0).epsilon(1e-6));
  CHECK(serializeState(m) == serializeState(ba->state())); // symmetric
  // Merging into an empty observer copies.
  auto empty = make(c);
  REQUIRE(empty->merge(sa).ok());
  CHECK(serializeState(empty->state()) == serializeState(sa));
  // The merged qparams are those of a histogram covering both shards.
  QParams q = qparams(*ab);
  CHECK(q.scale[0] > 0.0f);
}
