// Status and Result<T>: how every seckit function reports failure (leveldb style, no exceptions).
#ifndef SECKIT_STATUS_H_
#define SECKIT_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "seckit/exit_code.h"

namespace seckit {

// A success, or a failure carrying the exit status it maps to and a message that says what went
// wrong and where ("cannot open capture.pcap: No such file or directory").
class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ExitCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Usage(std::string m) { return {ExitCode::kUsage, std::move(m)}; }
  static Status DataError(std::string m) { return {ExitCode::kDataError, std::move(m)}; }
  static Status NoInput(std::string m) { return {ExitCode::kNoInput, std::move(m)}; }
  static Status Unavailable(std::string m) { return {ExitCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {ExitCode::kInternal, std::move(m)}; }
  static Status CantCreate(std::string m) { return {ExitCode::kCantCreate, std::move(m)}; }
  static Status IoError(std::string m) { return {ExitCode::kIoError, std::move(m)}; }
  static Status TempFail(std::string m) { return {ExitCode::kTempFail, std::move(m)}; }
  static Status NoPermission(std::string m) { return {ExitCode::kNoPermission, std::move(m)}; }
  static Status Config(std::string m) { return {ExitCode::kConfig, std::move(m)}; }
  static Status Interrupted() { return {ExitCode::kInterrupted, "interrupted"}; }

  bool ok() const { return code_ == ExitCode::kOk; }
  ExitCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  ExitCode code_ = ExitCode::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}    // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace seckit

// Returns early from the enclosing function when `expr` yields a failed Status.
#define SECKIT_RETURN_IF_ERROR(expr)              \
  do {                                            \
    ::seckit::Status seckit_status_ = (expr);     \
    if (!seckit_status_.ok()) return seckit_status_; \
  } while (false)

#endif  // SECKIT_STATUS_H_
