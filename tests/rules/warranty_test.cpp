// The 三包 warranty period and the out-of-warranty quote (lib/rules/warranty.cpp).
#include <doctest/doctest.h>

#include "warranty.hpp"

using namespace svc;

namespace {
Day d(const char* s) { return *parse_date(s); }
}  // namespace

TEST_CASE("warranty_last_day: the corresponding day N months later, or that month's last day") {
  CHECK(format_date(warranty_last_day(d("2025-11-23"), 12)) == "2026-11-23");
  CHECK(format_date(warranty_last_day(d("2025-01-31"), 1)) == "2025-02-28");
  CHECK(format_date(warranty_last_day(d("2024-01-31"), 1)) == "2024-02-29");
  CHECK(format_date(warranty_last_day(d("2025-08-31"), 6)) == "2026-02-28");
  CHECK(format_date(warranty_last_day(d("2025-12-15"), 1)) == "2026-01-15");
  CHECK(format_date(warranty_last_day(d("2025-06-01"), 0)) == "2025-06-01");
}

TEST_CASE("warranty of a 29 February purchase") {
  CHECK(format_date(warranty_last_day(d("2024-02-29"), 12)) == "2025-02-28");  // no 29th: month end
  CHECK(format_date(warranty_last_day(d("2024-02-29"), 48)) == "2028-02-29");  // leap again
  CHECK(format_date(warranty_last_day(d("2024-02-29"), 36)) == "2027-02-28");
  WarrantyPolicy p;
  auto on = [&](const char* day) { return check_warranty(p, d("2024-02-29"), d(day), "", std::nullopt); };
  CHECK(on("2025-02-28").in_warranty);
  CHECK_FALSE(on("2025-03-01").in_warranty);
}

TEST_CASE("check_warranty: the last day is covered, the day after is not") {
  WarrantyPolicy p;  // 12 months
  auto w = check_warranty(p, d("2025-11-23"), d("2026-11-23"), "", std::nullopt);
  CHECK(w.known);
  CHECK(w.in_warranty);
  CHECK(w.months == 12);
  CHECK(w.basis == "default");
  CHECK(format_date(*w.last_day) == "2026-11-23");
  CHECK_FALSE(check_warranty(p, d("2025-11-23"), d("2026-11-24"), "", std::nullopt).in_warranty);
  CHECK(check_warranty(p, d("2025-11-23"), d("2025-11-23"), "", std::nullopt).in_warranty);  // the purchase day itself
  CHECK_FALSE(check_warranty(p, d("2025-11-23"), d("2025-11-22"), "", std::nullopt).in_warranty);  // before purchase
}

TEST_CASE("check_warranty: product months win over the line, the line over the default; no date is unknown") {
  WarrantyPolicy p;
  p.months = 12;
  p.lines = {{"AC", 36}};
  auto line = check_warranty(p, d("2024-01-10"), d("2026-01-10"), "AC", std::nullopt);
  CHECK(line.basis == "line");
  CHECK(line.months == 36);
  CHECK(line.in_warranty);
  auto prod = check_warranty(p, d("2024-01-10"), d("2026-01-10"), "AC", 6);
  CHECK(prod.basis == "product");
  CHECK_FALSE(prod.in_warranty);
  auto other = check_warranty(p, d("2024-01-10"), d("2026-01-10"), "TV", std::nullopt);
  CHECK(other.basis == "default");
  CHECK_FALSE(other.in_warranty);
  auto unknown = check_warranty(p, std::nullopt, d("2026-01-10"), "AC", std::nullopt);
  CHECK_FALSE(unknown.known);
  CHECK_FALSE(unknown.in_warranty);
  CHECK(unknown.months == 36);
}

TEST_CASE("make_quote: labour by the type's quota times the rate, parts at list price") {
  WarrantyPolicy p;
  p.labor_rate_cents = 8000;
  p.labor_quota["repair"] = 1.5;
  Quote q = make_quote(p, "repair", {{"CAP", "capacitor", 2, 3550}, {"X", "no price", 1, std::nullopt}});
  CHECK(q.labor_hours == 1.5);
  CHECK(q.labor_cents == 12000);
  CHECK(q.parts_cents == 7100);
  CHECK(q.total_cents == 19100);
  REQUIRE(q.unpriced.size() == 1);
  CHECK(q.unpriced[0] == "X");
  Quote none = make_quote(p, "consultation", {});
  CHECK(none.total_cents == 0);
  p.labor_quota.erase("install");
  CHECK(make_quote(p, "install", {}).labor_cents == 0);  // no quota: no labour charge
}
