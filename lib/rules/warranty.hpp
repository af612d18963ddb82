// The 三包 warranty check and the out-of-warranty quote from the fee standard
// (policy [warranty]). Pure functions; see docs/tickets.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policy.hpp"
#include "money.hpp"
#include "timeutil.hpp"

namespace svc {

// The last day a warranty of `months` months bought on `purchased` covers:
// the day of the same number `months` later, or the last day of that month
// when it has no such day (2024-02-29 + 12 months -> 2025-02-28). A period in
// months ends on the corresponding day (民法典 art. 201, 203).
Day warranty_last_day(Day purchased, int months);

struct WarrantyCheck {
  bool known = false;       // false: no purchase date, so in/out cannot be told
  bool in_warranty = false;
  int months = 0;           // the warranty length that applied
  std::string line;         // the product line, "" when the model is not in the products table
  std::string basis;        // where `months` came from: "product", "line", "default"
  std::optional<Day> purchased, last_day;
};

// In warranty when `on` (the ticket's local created date) is no later than the
// last day. `product_months` (the products table's value) wins over
// policy.lines[line], which wins over policy.months.
WarrantyCheck check_warranty(const WarrantyPolicy& policy, std::optional<Day> purchased, Day on,
                             const std::string& line, std::optional<int> product_months);

struct QuoteLine {
  std::string part, name;
  std::int64_t qty = 0;
  std::optional<std::int64_t> unit_cents;  // list price; nullopt when the part has none
  std::int64_t cents() const { return unit_cents ? mul_cents(*unit_cents, qty, "a quoted part's price") : 0; }
};

struct Quote {
  double labor_hours = 0;           // the quota for the service type
  std::int64_t labor_cents = 0;     // labor_hours × labor_rate, rounded to the cent
  std::vector<QuoteLine> parts;
  std::int64_t parts_cents = 0;
  std::int64_t total_cents = 0;
  std::vector<std::string> unpriced;  // parts without a list price (not in the total)
  std::vector<std::string> covered;   // parts a 三包 entitlement covers (free, not in the total; covered_quote)
};

// The fee standard's price: labour by the quota of the service type times the
// rate, plus each part at its list price.
Quote make_quote(const WarrantyPolicy& policy, const std::string& type, std::vector<QuoteLine> parts);

}  // namespace svc
