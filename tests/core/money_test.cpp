#include "money.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace svc;

TEST_CASE("money sums and products are exact within range") {
  CHECK(add_cents(150, 250) == 400);
  CHECK(sub_cents(150, 250) == -100);
  CHECK(mul_cents(-1250, 3) == -3750);
  CHECK(add_cents(kMaxCents - 1, 1) == kMaxCents);
  CHECK(sub_cents(-kMaxCents + 1, 1) == -kMaxCents);
  std::int64_t t = 10;
  add_to(t, 5);
  CHECK(t == 15);
  CHECK(round_cents(2.5 * 8000) == 20000);
  CHECK(round_cents(-0.5) == -1);
}

TEST_CASE("an overflow is an error naming the sum, never a wrapped total") {
  // 104 compensation entries of 10^17 cents (10^10 times the default [limits] amount)
  std::int64_t total = 0;
  auto sum104 = [&] {
    for (int i = 0; i < 104; ++i) add_to(total, 100'000'000'000'000'000, "the compensation total");
  };
  CHECK_THROWS_AS(sum104(), MoneyOverflow);
  CHECK(total > 0);  // stopped before it wrapped
  try {
    add_cents(kMaxCents, 1, "the compensation total");
    FAIL("no overflow");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()).find("the compensation total is beyond the largest amount") != std::string::npos);
    CHECK(e.exit_code() == 65);
  }
  CHECK_THROWS_AS(sub_cents(-kMaxCents, 1), MoneyOverflow);
  CHECK_THROWS_AS(add_cents(-kMaxCents, -1), MoneyOverflow);  // INT64_MIN has no positive twin: refused too
  CHECK_THROWS_AS(mul_cents(100'000'000'000'000, 1'000'000'000), MoneyOverflow);
  CHECK_THROWS_AS(mul_cents(INT64_MIN / 2, 2), MoneyOverflow);
  CHECK_THROWS_AS(round_cents(1e19), MoneyOverflow);
  CHECK_THROWS_AS(round_cents(-1e300 * 1e300), MoneyOverflow);  // -inf
  CHECK_THROWS_AS(round_cents(0.0 / 0.0 * 0 + std::numeric_limits<double>::quiet_NaN()), MoneyOverflow);
}
