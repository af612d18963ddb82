#include "entitlement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "warranty.hpp"

namespace svc {

std::string_view to_string(Remedy r) {
  switch (r) {
    case Remedy::Return: return "return";
    case Remedy::Exchange: return "exchange";
    case Remedy::FreeRepair: return "free_repair";
    case Remedy::PaidRepair: return "paid_repair";
  }
  return "?";
}

ProductTerms resolve_terms(const WarrantyPolicy& p, const ProductOwnTerms& own) {
  ProductTerms t;
  t.model = own.model;
  t.line = own.line;
  if (own.warranty_months) t.warranty_months = *own.warranty_months, t.warranty_basis = "product";
  else if (auto it = p.lines.find(own.line); !own.line.empty() && it != p.lines.end())
    t.warranty_months = it->second, t.warranty_basis = "line";
  else t.warranty_months = p.months, t.warranty_basis = "default";
  t.key_parts = own.key_parts;
  if (own.key_part_months) t.key_part_months = *own.key_part_months;
  else if (auto it = p.key_part_lines.find(own.line); !own.line.empty() && it != p.key_part_lines.end())
    t.key_part_months = it->second;
  else t.key_part_months = p.key_part_months;
  if (t.key_part_months == 0) t.key_part_months = t.warranty_months;  // 0: as the whole unit
  t.return_days = own.return_days.value_or(p.return_days);
  t.exchange_days = own.exchange_days.value_or(p.exchange_days);
  t.repairs_before_exchange = own.repairs_before_exchange.value_or(p.repairs_before_exchange);
  t.repair_months = own.repair_months.value_or(p.repair_months);
  return t;
}

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

Entitlement entitlement(const ProductTerms& t, std::optional<Day> purchased, Day on,
                        const std::vector<PriorRepair>& repairs_in, const std::vector<std::string>& parts) {
  Entitlement e;
  e.purchased = purchased;
  e.on = on;
  // completed repairs up to the day, oldest first
  std::vector<PriorRepair> repairs;
  for (const auto& r : repairs_in)
    if (r.completed && *r.completed <= on) repairs.push_back(r);
  std::stable_sort(repairs.begin(), repairs.end(), [](const PriorRepair& a, const PriorRepair& b) {
    return std::tie(*a.completed, a.opened, a.ticket) < std::tie(*b.completed, b.opened, b.ticket);
  });
  // parts repaired earlier and still under their repair warranty (the latest repair of a part counts)
  if (t.repair_months > 0)
    for (const auto& r : repairs)
      for (const auto& part : r.parts) {
        Day until = warranty_last_day(*r.completed, t.repair_months);
        std::erase_if(e.covered_parts, [&](const CoveredPart& c) { return c.part == part; });
        if (on <= until) e.covered_parts.push_back({part, r.ticket, *r.completed, until});
      }

  if (!purchased) {
    e.rule = "no_purchase_date";
    e.why = "no purchase date: 三包 needs the proof of purchase, so the service is charged";
    e.choices = {Remedy::PaidRepair};
    return e;
  }
  const Day buy = *purchased;
  e.days_since_purchase = on - buy;
  e.warranty_end = warranty_last_day(buy, t.warranty_months);
  if (!t.key_parts.empty() && t.key_part_months > t.warranty_months)
    e.key_part_end = warranty_last_day(buy, t.key_part_months);
  for (const auto& r : repairs)
    if (*r.completed >= buy && *r.completed <= *e.warranty_end) {
      ++e.repairs_in_warranty;
      e.repair_tickets.push_back(r.ticket);
    }
  const int days = *e.days_since_purchase;
  const std::string bought = format_date(buy), end = format_date(*e.warranty_end);

  if (days < 0) {
    e.rule = "before_purchase";
    e.why = fmt::format("the day {} is before the purchase on {}: no 三包 yet", format_date(on), bought);
    e.choices = {Remedy::PaidRepair};
    return e;
  }
  if (days <= t.return_days) {
    e.remedy = Remedy::Return;
    e.choices = {Remedy::Return, Remedy::Exchange, Remedy::FreeRepair};
    e.rule = "return_days";
    e.cover_until = buy + t.return_days;
    e.why = fmt::format("day {} since the purchase on {} (return within {} days): a performance fault may be "
                        "returned, exchanged or repaired free",
                        days, bought, t.return_days);
    return e;
  }
  if (days <= t.exchange_days) {
    e.remedy = Remedy::Exchange;
    e.choices = {Remedy::Exchange, Remedy::FreeRepair};
    e.rule = "exchange_days";
    e.cover_until = buy + t.exchange_days;
    e.why = fmt::format("day {} since the purchase on {} (exchange within {} days): a performance fault may be "
                        "exchanged or repaired free",
                        days, bought, t.exchange_days);
    return e;
  }
  if (on <= *e.warranty_end) {
    if (t.repairs_before_exchange > 0 && e.repairs_in_warranty >= t.repairs_before_exchange) {
      std::string list;
      for (const auto& x : e.repair_tickets) list += (list.empty() ? "" : ", ") + x;
      e.remedy = Remedy::Exchange;
      e.choices = {Remedy::Exchange, Remedy::Return};
      e.rule = "repairs_before_exchange";
      e.cover_until = e.warranty_end;
      e.why = fmt::format("repaired {} times within the warranty ({}); after {} repairs a fault still there is "
                          "exchanged or returned free (warranty until {})",
                          e.repairs_in_warranty, list, t.repairs_before_exchange, end);
      return e;
    }
    e.remedy = Remedy::FreeRepair;
    e.choices = {Remedy::FreeRepair};
    e.rule = "warranty";
    e.cover_until = e.warranty_end;
    e.why = fmt::format("in warranty until {} ({} months from the purchase on {}, day {}): free repair{}", end,
                        t.warranty_months, bought, days,
                        e.repairs_in_warranty == 0
                            ? std::string()
                            : fmt::format("; {} of {} repairs before exchange used", e.repairs_in_warranty,
                                          t.repairs_before_exchange));
    return e;
  }
  for (const auto& c : e.covered_parts)
    if (contains(parts, c.part)) {
      e.remedy = Remedy::FreeRepair;
      e.choices = {Remedy::FreeRepair};
      e.rule = "repair_warranty";
      e.cover_part = c.part;
      e.cover_until = c.until;
      e.why = fmt::format("part {} was repaired on {} ({}) and is under its {}-month repair warranty until {}: "
                          "free repair of that part (the unit's warranty ended {})",
                          c.part, format_date(c.repaired), c.ticket, t.repair_months, format_date(c.until), end);
      return e;
    }
  if (e.key_part_end && on <= *e.key_part_end)
    for (const auto& part : parts)
      if (contains(t.key_parts, part)) {
        e.remedy = Remedy::FreeRepair;
        e.choices = {Remedy::FreeRepair};
        e.rule = "key_part";
        e.cover_part = part;
        e.cover_until = e.key_part_end;
        e.why = fmt::format("key part {} is under its {}-month warranty until {}: free repair of the key part "
                            "(the unit's warranty ended {})",
                            part, t.key_part_months, format_date(*e.key_part_end), end);
        return e;
      }
  e.rule = "out_of_warranty";
  e.choices = {Remedy::PaidRepair};
  std::string more;
  if (!e.covered_parts.empty()) {
    std::string l;
    for (const auto& c : e.covered_parts) l += fmt::format("{}{} until {}", l.empty() ? "" : ", ", c.part, format_date(c.until));
    more += fmt::format("; parts under repair warranty: {}", l);
  }
  if (e.key_part_end && on <= *e.key_part_end) {
    std::string l;
    for (const auto& k : t.key_parts) l += (l.empty() ? "" : ", ") + k;
    more += fmt::format("; key parts {} until {}", l, format_date(*e.key_part_end));
  }
  e.why = fmt::format("out of warranty since {} ({} months from the purchase on {}): paid repair{}", end,
                      t.warranty_months, bought, more);
  return e;
}

std::string cover_text(const Entitlement& e) {
  if (!e.covered() || !e.cover_until) return "";
  const std::string until = format_date(*e.cover_until);
  if (e.rule == "key_part") return fmt::format("key part {} until {}", e.cover_part, until);
  if (e.rule == "repair_warranty") {
    for (const auto& c : e.covered_parts)
      if (c.part == e.cover_part)
        return fmt::format("part {} repaired on {} ({}) until {}", c.part, format_date(c.repaired), c.ticket, until);
  }
  if (e.rule == "return_days" || e.rule == "exchange_days")
    return fmt::format("{} within 三包 until {} (day {})", e.rule == "return_days" ? "return" : "exchange", until,
                       e.days_since_purchase.value_or(0));
  if (e.rule == "repairs_before_exchange") return fmt::format("exchange or return (三包) until {}", until);
  return fmt::format("in warranty until {}", until);
}

std::optional<PartCover> part_cover(const ProductTerms& t, const Entitlement& e, const std::string& part) {
  for (const auto& c : e.covered_parts)
    if (c.part == part) return PartCover{part, "repair_warranty", c.until, c.ticket};
  if (e.key_part_end && e.on <= *e.key_part_end && e.purchased && e.on >= *e.purchased && contains(t.key_parts, part))
    return PartCover{part, "key_part", *e.key_part_end, ""};
  return std::nullopt;
}

Quote covered_quote(const WarrantyPolicy& p, const std::string& type, std::vector<QuoteLine> parts,
                    const ProductTerms& t, const Entitlement& e) {
  if (!e.covered()) return make_quote(p, type, std::move(parts));
  Quote q;  // a covered service: no labour charged
  std::vector<QuoteLine> charged;
  for (auto& l : parts) {
    if (e.whole_unit() || part_cover(t, e, l.part)) q.covered.push_back(l.part);
    else charged.push_back(l);
  }
  for (const auto& l : charged) {
    if (!l.unit_cents) q.unpriced.push_back(l.part);
    q.parts_cents += l.cents();
  }
  q.parts = std::move(charged);
  q.total_cents = q.parts_cents;
  return q;
}

std::optional<Day> repair_warranty_until(const ProductTerms& t, Day completed) {
  if (t.repair_months <= 0) return std::nullopt;
  return warranty_last_day(completed, t.repair_months);
}

}  // namespace svc
