//===- State.cpp - Observer state as text ---------------------------------===//
//
// The format (docs/observers.md, "State format"): whitespace-separated
// tokens, one field per line, every float as the 8 hex digits of its IEEE-754
// bits, so a state round-trips exactly and reads the same in any locale.
//
//   quill-observer-state 1
//   kind histogram
//   min_val 1 bf800000
//   max_val 1 40400000
//   histogram 2048 00000000 3f800000 ...
//   recorded 0
//   end
//
// A recording observer's tensors follow `recorded <n>` as
// `tensor <rank> <dims...> <floats...>`.
//
//===----------------------------------------------------------------------===//

#include "quill/runtime/Observers.h"

#include <cstdio>
#include <cstring>
#include <limits>

namespace quill::observers {
namespace {
constexpr const char *kMagic = "quill-observer-state";
constexpr int64_t kVersion = 1;

void appendFloats(std::string &out, const std::vector<float> &values) {
  char buf[16];
  for (float v : values) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    std::snprintf(buf, sizeof buf, " %08x", bits);
    out += buf;
  }
}

void appendField(std::string &out, const char *name,
                 const std::vector<float> &values) {
  out += name;
  out += ' ';
  out += std::to_string(values.size());
  appendFloats(out, values);
  out += '\n';
}

// Reads whitespace-separated tokens and reports the first problem.
class Reader {
public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::string_view next() {
    while (pos_ < text_.size() && isSpace(text_[pos_]))
      ++pos_;
    size_t begin = pos_;
    while (pos_ < text_.size() && !isSpace(text_[pos_]))
      ++pos_;
    return text_.substr(begin, pos_ - begin);
  }

  bool atEnd() {
    while (pos_ < text_.size() && isSpace(text_[pos_]))
      ++pos_;
    return pos_ == text_.size();
  }

  // A token counts as at least two characters, so a count larger than half
  // the remaining text cannot be honest; checking it first keeps a corrupt
  // count from allocating.
  bool plausibleCount(int64_t n) const {
    return n >= 0 && static_cast<uint64_t>(n) <= (text_.size() - pos_) / 2 + 1;
  }

  bool expect(std::string_view word) { return next() == word; }

  bool integer(int64_t &out) {
    std::string_view t = next();
    if (t.empty())
      return false;
    int64_t v = 0;
    for (char c : t) {
      if (c < '0' || c > '9' ||
          v > (std::numeric_limits<int64_t>::max() - (c - '0')) / 10)
        return false;
      v = v * 10 + (c - '0');
    }
    out = v;
    return true;
  }

  bool floatBits(float &out) {
    std::string_view t = next();
    if (t.size() != 8)
      return false;
    uint32_t bits = 0;
    for (char c : t) {
      int digit = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
      if (digit < 0)
        return false;
      bits = bits << 4 | static_cast<uint32_t>(digit);
    }
    std::memcpy(&out, &bits, sizeof out);
    return true;
  }

  bool floats(int64_t n, std::vector<float> &out) {
    if (!plausibleCount(n))
      return false;
    out.resize(n);
    for (float &v : out)
      if (!floatBits(v))
        return false;
    return true;
  }

  bool field(std::string_view name, std::vector<float> &out) {
    int64_t n;
    return expect(name) && integer(n) && floats(n, out);
  }

private:
  static bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }
  std::string_view text_;
  size_t pos_ = 0;
};

bool readTensor(Reader &r, RecordedTensor &t) {
  int64_t rank, count = 1;
  if (!r.expect("tensor") || !r.integer(rank) || !r.plausibleCount(rank))
    return false;
  t.shape.resize(rank);
  for (int64_t &d : t.shape) {
    if (!r.integer(d) ||
        (d != 0 && count > std::numeric_limits<int64_t>::max() / d))
      return false;
    count *= d;
  }
  return r.floats(count, t.data);
}

Status malformed(const char *what) {
  return Status::error(std::string("observer state: malformed ") + what);
}
} // namespace

std::string serializeState(const ObserverState &state) {
  std::string out = std::string(kMagic) + " " + std::to_string(kVersion) +
                    "\nkind " + toString(state.kind) + "\n";
  appendField(out, "min_val", state.minVal);
  appendField(out, "max_val", state.maxVal);
  appendField(out, "histogram", state.histogram);
  out += "recorded " + std::to_string(state.recorded.size()) + "\n";
  for (const RecordedTensor &t : state.recorded) {
    out += "tensor " + std::to_string(t.shape.size());
    for (int64_t d : t.shape)
      out += " " + std::to_string(d);
    appendFloats(out, t.data);
    out += '\n';
  }
  out += "end\n";
  return out;
}

Expected<ObserverState> parseState(std::string_view text) {
  Reader r(text);
  int64_t version;
  if (!r.expect(kMagic) || !r.integer(version))
    return malformed("header (expected 'quill-observer-state <version>')");
  if (version != kVersion)
    return Status::error("observer state: unsupported version " +
                         std::to_string(version));
  ObserverState state;
  if (!r.expect("kind"))
    return malformed("kind");
  std::string_view kindName = r.next();
  std::optional<ObserverKind> kind = parseObserverKind(kindName);
  if (!kind)
    return Status::error("observer state: unknown observer kind '" +
                         std::string(kindName) + "'");
  state.kind = *kind;
  if (!r.field("min_val", state.minVal))
    return malformed("min_val");
  if (!r.field("max_val", state.maxVal))
    return malformed("max_val");
  if (!r.field("histogram", state.histogram))
    return malformed("histogram");
  int64_t recorded;
  if (!r.expect("recorded") || !r.integer(recorded) ||
      !r.plausibleCount(recorded))
    return malformed("recorded count");
  state.recorded.resize(recorded);
  for (RecordedTensor &t : state.recorded)
    if (!readTensor(r, t))
      return malformed("recorded tensor");
  if (!r.expect("end") || !r.atEnd())
    return malformed("end (expected 'end' as the last token)");
  return state;
}

} // namespace quill::observers
