#include "warranty.hpp"
#include "money.hpp"

#include <cmath>

namespace svc {

Day warranty_last_day(Day purchased, int months) {
  int y;
  unsigned m, d;
  civil_from_days(purchased, y, m, d);
  int total = y * 12 + int(m) - 1 + months;
  int ny = total / 12;
  unsigned nm = unsigned(total % 12 + 1);
  unsigned nd = d;
  while (nd > 28 && !valid_civil(ny, nm, nd)) --nd;
  return days_from_civil(ny, nm, nd);
}

WarrantyCheck check_warranty(const WarrantyPolicy& policy, std::optional<Day> purchased, Day on,
                             const std::string& line, std::optional<int> product_months) {
  WarrantyCheck w;
  w.line = line;
  if (product_months) w.months = *product_months, w.basis = "product";
  else if (auto it = policy.lines.find(line); !line.empty() && it != policy.lines.end()) w.months = it->second, w.basis = "line";
  else w.months = policy.months, w.basis = "default";
  w.purchased = purchased;
  if (!purchased) return w;
  w.known = true;
  w.last_day = warranty_last_day(*purchased, w.months);
  w.in_warranty = on >= *purchased && on <= *w.last_day;
  return w;
}

Quote make_quote(const WarrantyPolicy& policy, const std::string& type, std::vector<QuoteLine> parts) {
  Quote q;
  if (auto it = policy.labor_quota.find(type); it != policy.labor_quota.end()) q.labor_hours = it->second;
  q.labor_cents = round_cents(q.labor_hours * double(policy.labor_rate_cents), "a quote's labour");
  for (const auto& p : parts) {
    if (!p.unit_cents) q.unpriced.push_back(p.part);
    add_to(q.parts_cents, p.cents(), "a quote's parts");
  }
  q.parts = std::move(parts);
  q.total_cents = add_cents(q.labor_cents, q.parts_cents, "a quote's total");
  return q;
}

}  // namespace svc
