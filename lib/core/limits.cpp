#include "limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "error.hpp"
#include "small_csv.hpp"
#include "output.hpp"

namespace svc {

namespace {

constexpr std::string_view kMarker = "forced beyond [limits] ";

std::string num_text(double v) { return fmt::format("{}", v); }

std::uint64_t magnitude(std::int64_t v) { return v < 0 ? std::uint64_t(-(v + 1)) + 1 : std::uint64_t(v); }


}  // namespace

void check_override(const LimitOverride& o) {
  if (o.force && trim_blanks(o.reason).empty())
    throw UsageError("--force needs --reason TEXT: why the value is right (it is recorded with it)");
}

std::string LimitHit::message() const {
  return fmt::format("{} {} is beyond the plausibility limit {} ([limits] {})", key, value, limit, key);
}

std::string ceiling_message(const LimitHit& h) {
  return fmt::format("{} {} is beyond the absolute maximum {} of [limits] {}, which no --force passes", h.key, h.value,
                     h.ceiling.value_or(h.limit), h.key);
}

std::optional<LimitHit> qty_hit(std::int64_t qty, const Limits& l) {
  if (magnitude(qty) <= std::uint64_t(l.qty)) return std::nullopt;
  LimitHit h{"qty", std::to_string(qty), std::to_string(l.qty)};
  if (magnitude(qty) > std::uint64_t(kMaxQty)) h.ceiling = std::to_string(kMaxQty);
  return h;
}

std::optional<LimitHit> amount_hit(std::int64_t cents, const Limits& l) {
  if (magnitude(cents) <= std::uint64_t(l.amount_cents)) return std::nullopt;
  LimitHit h{"amount", format_cents(cents), format_cents(l.amount_cents)};
  if (magnitude(cents) > std::uint64_t(kMaxAmountCents)) h.ceiling = format_cents(kMaxAmountCents);
  return h;
}

std::optional<LimitHit> unit_cost_hit(std::int64_t cents, const Limits& l) {
  if (magnitude(cents) <= std::uint64_t(l.unit_cost_cents)) return std::nullopt;
  LimitHit h{"unit_cost", format_cents(cents), format_cents(l.unit_cost_cents)};
  if (magnitude(cents) > std::uint64_t(kMaxUnitCostCents)) h.ceiling = format_cents(kMaxUnitCostCents);
  return h;
}

std::vector<LimitHit> limit_hits(const Event& e, const Limits& l) {
  std::vector<LimitHit> out;
  auto decimal = [&](Field f, const char* key, double limit, double ceiling) {
    if (!e.has(f)) return;
    auto v = e.number(f);
    // a value that does not parse is not ours to judge (canonical_value refuses it)
    if (!v || !(std::fabs(*v) > limit)) return;
    LimitHit h{key, e.get(f), num_text(limit)};
    if (!(std::fabs(*v) <= ceiling)) h.ceiling = num_text(ceiling);
    out.push_back(std::move(h));
  };
  decimal(Field::DistanceKm, "distance_km", l.distance_km, kMaxDistanceKm);
  if (e.has(Field::Qty))
    if (auto q = e.integer(Field::Qty))
      if (auto h = qty_hit(*q, l)) out.push_back(std::move(*h));
  if (e.has(Field::Amount))
    if (auto c = e.cents())
      if (auto h = amount_hit(*c, l)) {
        h->value = e.get(Field::Amount);
        out.push_back(std::move(*h));
      }
  decimal(Field::LaborHours, "labor_hours", l.labor_hours, kMaxLaborHours);
  return out;
}

std::vector<std::string> forced_keys(const std::string& note) {
  std::vector<std::string> keys;
  for (size_t at = note.find(kMarker); at != std::string::npos; at = note.find(kMarker, at + 1)) {
    size_t from = at + kMarker.size();
    size_t colon = note.find(':', from);
    if (colon == std::string::npos) break;
    std::string_view list(note.data() + from, colon - from);
    while (!list.empty()) {
      size_t comma = list.find(',');
      std::string k = trim_blanks(list.substr(0, comma));
      if (!k.empty()) keys.push_back(k);
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return keys;
}

std::optional<std::string> limit_violation(const Event& e, const Limits& l) {
  auto hits = limit_hits(e, l);
  if (hits.empty()) return std::nullopt;
  std::vector<std::string> forced;
  if (e.has(Field::Note)) forced = forced_keys(e.get(Field::Note));
  std::string msg;
  for (const auto& h : hits) {
    if (h.ceiling) {  // a forced marker does not pass the absolute maximum either
      msg += (msg.empty() ? "" : "; ") + ceiling_message(h);
      continue;
    }
    if (std::find(forced.begin(), forced.end(), h.key) != forced.end()) continue;
    if (!msg.empty()) msg += "; ";
    msg += h.message();
  }
  if (msg.empty()) return std::nullopt;
  return msg;
}

std::string forced_marker(const std::vector<LimitHit>& hits, const std::string& reason) {
  std::string keys;
  for (const auto& h : hits) keys += (keys.empty() ? "" : ", ") + h.key;
  return fmt::format("{}{}: {}", kMarker, keys, trim_blanks(reason));
}

std::string enforce_limits(const std::vector<LimitHit>& hits, const LimitOverride& o) {
  if (hits.empty()) return "";
  std::string beyond;
  for (const auto& h : hits)
    if (h.ceiling) beyond += (beyond.empty() ? "" : "; ") + ceiling_message(h);
  if (!beyond.empty()) throw DataError(beyond);
  if (!o.force) {
    std::string msg;
    for (const auto& h : hits) msg += (msg.empty() ? "" : "; ") + h.message();
    throw DataError(msg + "; --force --reason TEXT records it anyway");
  }
  check_override(o);
  return forced_marker(hits, o.reason);
}

void apply_limits(Event& e, const Limits& l, const LimitOverride& o, const std::string& option,
                  std::vector<LimitHit> extra) {
  auto hits = limit_hits(e, l);
  hits.insert(hits.end(), extra.begin(), extra.end());
  if (hits.empty()) return;
  std::string marker;
  try {
    marker = enforce_limits(hits, o);
  } catch (const DataError& err) {
    throw DataError(fmt::format("{}: {}", option, err.what()));
  }
  std::string& note = e.at(Field::Note);
  note = note.empty() ? marker : note + "; " + marker;
}

std::string movement_limits(const Limits& l, const LimitOverride& o, std::int64_t qty,
                            std::optional<std::int64_t> unit_cents, std::optional<std::int64_t> amount_cents) {
  std::vector<LimitHit> hits;
  if (auto h = qty_hit(qty, l)) hits.push_back(std::move(*h));
  if (unit_cents)
    if (auto h = unit_cost_hit(*unit_cents, l)) hits.push_back(std::move(*h));
  if (amount_cents)
    if (auto h = amount_hit(*amount_cents, l)) hits.push_back(std::move(*h));
  return enforce_limits(hits, o);
}

std::string purchase_date_problem(std::string_view what, Day d, Day on, std::string_view on_what, const Limits& l) {
  if (d > on) return fmt::format("{} {} is after {} {}", what, format_date(d), on_what, format_date(on));
  int y;
  unsigned m, dd;
  civil_from_days(on, y, m, dd);
  Day oldest = days_from_civil(y - l.purchase_years, m, dd == 29 && m == 2 ? 28 : dd);
  if (d < oldest)
    return fmt::format("{} {} is more than {} years before {} {} ([limits] purchase_years)", what, format_date(d),
                       l.purchase_years, on_what, format_date(on));
  return "";
}

std::string date_problem(const Event& e, const Limits& l, const TimeZone& tz, Instant now) {
  std::string out;
  if (e.kind == EventKind::Voided && e.ts > now + Instant(l.future_minutes) * 60 * kMicrosPerSecond)
    out = fmt::format("ts {} is in the future (now is {}; [limits] future_minutes {}): a correction is recorded "
                      "when it is made",
                      format_rfc3339(e.ts, tz), format_rfc3339_s(now, tz), l.future_minutes);
  if (e.has(Field::Purchased))
    if (auto d = parse_date(e.get(Field::Purchased)))
      if (std::string p = purchase_date_problem("purchased", *d, tz.local_day(e.ts), "the ticket's date", l); !p.empty())
        out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string limits_summary(const Limits& l) {
  return fmt::format("labor_hours {}, amount {}, qty {}, distance_km {}, unit_cost {}", num_text(l.labor_hours),
                     format_cents(l.amount_cents), l.qty, num_text(l.distance_km), format_cents(l.unit_cost_cents));
}

}  // namespace svc
