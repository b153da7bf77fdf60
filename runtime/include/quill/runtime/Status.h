//===- Status.h - Errors of the runtime API, without exceptions -----------===//
//
// The runtime reports bad input (a NaN in calibration data, a malformed state
// file, a wrong axis) as a value the caller must look at; it never throws
// across its API and never aborts. `Status` is success or a message;
// `Expected<T>` is a T or an error Status.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_STATUS_H
#define QUILL_RUNTIME_STATUS_H

#include <string>
#include <utility>
#include <variant>

namespace quill {

class [[nodiscard]] Status {
public:
  static Status success() { return Status(); }
  static Status error(std::string message) {
    Status s;
    s.failed_ = true;
    s.message_ = std::move(message);
    return s;
  }
  bool ok() const { return !failed_; }
  /// Empty on success.
  const std::string &message() const { return message_; }

private:
  bool failed_ = false;
  std::string message_;
};

template <typename T> class [[nodiscard]] Expected {
public:
  Expected(T value) : storage_(std::move(value)) {}
  /// `error` must be a failed Status.
  Expected(Status error) : storage_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(storage_); }
  /// The error; a success Status when ok().
  Status status() const {
    return ok() ? Status::success() : std::get<Status>(storage_);
  }
  T &operator*() { return std::get<T>(storage_); }
  const T &operator*() const { return std::get<T>(storage_); }
  T *operator->() { return &std::get<T>(storage_); }
  const T *operator->() const { return &std::get<T>(storage_); }

private:
  std::variant<T, Status> storage_;
};

} // namespace quill

#endif // QUILL_RUNTIME_STATUS_H
