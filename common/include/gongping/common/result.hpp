#pragma once
// Result<T>: a value or an Error. Result<void> for operations that return nothing.
//
// Accessing value() of a failed Result, or error() of a successful one, is a broken invariant and
// throws std::logic_error.

#include <stdexcept>
#include <utility>
#include <variant>

#include "gongping/common/error.hpp"

namespace gp::common {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(checked(true)); }
  const T& value() const& { return std::get<0>(checked(true)); }
  // By value, so that `for (auto& x : make_result().value())` does not dangle.
  T value() && { return std::get<0>(std::move(checked(true))); }
  const Error& error() const { return std::get<1>(checked(false)); }

 private:
  std::variant<T, Error>& checked(bool want_value) {
    if (ok() != want_value) throw std::logic_error("Result accessed on the wrong alternative");
    return state_;
  }
  const std::variant<T, Error>& checked(bool want_value) const {
    if (ok() != want_value) throw std::logic_error("Result accessed on the wrong alternative");
    return state_;
  }
  std::variant<T, Error> state_;
};

struct Ok {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}                                                     // NOLINT
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    if (!failed_) throw std::logic_error("Result<void>::error() on success");
    return error_;
  }

 private:
  Error error_;
  bool failed_ = false;
};

inline Error make_error(ErrorCode code, std::string detail) { return Error{code, std::move(detail), {}}; }

}  // namespace gp::common
