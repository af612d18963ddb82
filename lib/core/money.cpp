#include "money.hpp"

#include <fmt/format.h>

#include <cmath>

namespace svc {

namespace {

[[noreturn]] void overflow(const char* what) {
  throw MoneyOverflow(fmt::format("{} is beyond the largest amount svc can hold (±92233720368547758.07): a value "
                                  "recorded with --force or imported is implausible; correct it (svc ticket void, "
                                  "svc parts reverse) rather than sum it",
                                  what));
}

}  // namespace

MoneyOverflow::MoneyOverflow(const std::string& what) : DataError(what) {}

std::int64_t add_cents(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r) || r == INT64_MIN) overflow(what);
  return r;
}

std::int64_t sub_cents(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r) || r == INT64_MIN) overflow(what);
  return r;
}

std::int64_t mul_cents(std::int64_t cents, std::int64_t n, const char* what) {
  std::int64_t r;
  if (__builtin_mul_overflow(cents, n, &r) || r == INT64_MIN) overflow(what);
  return r;
}

std::int64_t round_cents(double value, const char* what) {
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (!std::isfinite(value) || std::fabs(value) >= 9223372036854775808.0) overflow(what);
  std::int64_t r = std::llround(value);
  if (r == INT64_MIN) overflow(what);
  return r;
}

}  // namespace svc
