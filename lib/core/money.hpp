// Money arithmetic, checked. Money is whole cents in a signed 64-bit integer
// (format_cents, parse_cents in output.hpp); every sum or product of money
// goes through these helpers, so that an overflow is an error that names
// what was being summed (MoneyOverflow, a DataError: exit 65, nothing
// written), never a total that wrapped around (docs/RELIABILITY.md, "Money
// never wraps").
#pragma once
#include <cstdint>
#include <string>

#include "error.hpp"

namespace svc {

// The largest magnitude of money svc holds: 92,233,720,368,547,758.07.
inline constexpr std::int64_t kMaxCents = INT64_MAX;

class MoneyOverflow : public DataError {
 public:
  explicit MoneyOverflow(const std::string& what);
};

// a + b, a - b, a × n (a quantity or a count): MoneyOverflow when the result
// is beyond ±kMaxCents. `what` names the sum in the message ("the cost report's
// compensation total").
std::int64_t add_cents(std::int64_t a, std::int64_t b, const char* what = "a money total");
std::int64_t sub_cents(std::int64_t a, std::int64_t b, const char* what = "a money total");
std::int64_t mul_cents(std::int64_t cents, std::int64_t n, const char* what = "a money amount");
// In place: total += x.
inline void add_to(std::int64_t& total, std::int64_t x, const char* what = "a money total") {
  total = add_cents(total, x, what);
}
// llround(hours × rate_cents): MoneyOverflow when the product is not a finite
// value within ±kMaxCents (a conversion that would be undefined behaviour).
std::int64_t round_cents(double value, const char* what = "a money amount");

}  // namespace svc
