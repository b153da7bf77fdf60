//===- StateFile.cpp - the observer states of a graph, in one file --------===//
//
// --observer-state-out / --observer-state-in: every observer's state (the
// runtime's exact text format, Observers.h serializeState) keyed by its
// observe op's id, so that calibration shards run in separate processes
// can be merged:
//
//   quill-observer-states 1
//   observer <id> <bytes>
//   <serializeState text of that many bytes>
//   ...
//
//===----------------------------------------------------------------------===//

#include "QuantRun.h"

#include <cstdio>
#include <set>

namespace quill::run {

namespace {
constexpr std::string_view kHeader = "quill-observer-states 1\n";

/// Reads "<word> <int> <int>\n" at `pos`.
bool readBlockHeader(std::string_view text, size_t &pos, int64_t &id,
                     size_t &bytes) {
  size_t end = text.find('\n', pos);
  if (end == std::string_view::npos)
    return false;
  std::string line(text.substr(pos, end - pos));
  long long i = 0;
  unsigned long long n = 0;
  int used = 0;
  if (std::sscanf(line.c_str(), "observer %lld %llu%n", &i, &n, &used) != 2 ||
      static_cast<size_t>(used) != line.size())
    return false;
  id = i;
  bytes = n;
  pos = end + 1;
  return true;
}
} // namespace

std::string serializeStates(const std::vector<IdState> &states) {
  std::string out(kHeader);
  for (const IdState &s : states) {
    std::string text = observers::serializeState(s.state);
    out += "observer " + std::to_string(s.id) + " " +
           std::to_string(text.size()) + "\n" + text;
  }
  return out;
}

Expected<std::vector<IdState>> readStates(const std::string &path) {
  Expected<std::string> text = npy::readFile(path);
  if (!text.ok())
    return text.status();
  auto bad = [&](const std::string &what) {
    return Status::error(path + ": not an observer state file (" + what + ")");
  };
  if (text->compare(0, kHeader.size(), kHeader) != 0)
    return bad("expected the header '" +
               std::string(kHeader.substr(0, kHeader.size() - 1)) + "'");
  std::vector<IdState> out;
  std::set<int64_t> seen;
  for (size_t pos = kHeader.size(); pos < text->size();) {
    IdState s;
    size_t bytes = 0, start = pos;
    if (!readBlockHeader(*text, pos, s.id, bytes) || bytes > text->size() - pos)
      return bad("truncated or malformed at byte " + std::to_string(start));
    Expected<observers::ObserverState> state =
        observers::parseState(std::string_view(*text).substr(pos, bytes));
    if (!state.ok())
      return Status::error(path + ": observer id " + std::to_string(s.id) +
                           ": " + state.status().message());
    if (!seen.insert(s.id).second)
      return bad("observer id " + std::to_string(s.id) + " appears twice");
    s.state = std::move(*state);
    out.push_back(std::move(s));
    pos += bytes;
  }
  return out;
}

} // namespace quill::run
