//===- Progress.cpp - a progress bar for long calibrations ----------------===//
//
// Drawn on stderr only when it is a terminal (logs and pipes stay clean)
// and only once the work has taken a second; redrawn at most 10 times a
// second, erased when done.
//
//===----------------------------------------------------------------------===//

#include "QuantRun.h"

#include <cstdio>
#include <unistd.h>

namespace quill::run {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kDelay = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(100);
constexpr size_t kWidth = 30;
} // namespace

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)), total_(total),
      enabled_(::isatty(STDERR_FILENO) == 1), start_(Clock::now()) {}

Progress::~Progress() {
  if (drawn_)
    std::fprintf(stderr, "\r\033[K");
}

void Progress::update(size_t done) {
  if (!enabled_ || total_ == 0)
    return;
  Clock::time_point now = Clock::now();
  if (now - start_ < kDelay ||
      (drawn_ && now - lastDraw_ < kRedraw && done != total_))
    return;
  size_t filled = kWidth * done / total_;
  std::string bar(filled, '#');
  bar.append(kWidth - filled, ' ');
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r%s [%s] %zu/%zu  %.1fs", label_.c_str(), bar.c_str(),
               done, total_, seconds);
  std::fflush(stderr);
  drawn_ = true;
  lastDraw_ = now;
}

} // namespace quill::run
