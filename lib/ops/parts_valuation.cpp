// Valuation arithmetic (moving average, shares, half-up rounding) and the parts
// cost of tickets.
#include "parts_internal.hpp"
#include "money.hpp"

#include <algorithm>

#include "error.hpp"

namespace svc {

using namespace detail;

// ---- valuation arithmetic ----------------------------------------------------

std::int64_t div_half_up(std::int64_t num, std::int64_t den) {
  if (den <= 0) throw InternalError("div_half_up: denominator must be positive");
  bool neg = num < 0;
  std::int64_t a = neg ? -num : num;
  std::int64_t q = a / den, r = a % den;
  if (2 * r >= den) ++q;
  return neg ? -q : q;
}

std::int64_t moving_average(std::int64_t on_hand, std::int64_t avg, std::int64_t in_qty, std::int64_t in_value) {
  if (on_hand < 0) on_hand = 0;
  if (on_hand + in_qty <= 0) return avg;
  return div_half_up(add_cents(mul_cents(avg, on_hand, "the stock's value"), in_value, "the stock's value"),
                     on_hand + in_qty);
}

std::int64_t share_of(std::int64_t pool_value, std::int64_t pool_qty, std::int64_t qty) {
  if (pool_qty <= 0 || qty <= 0) return 0;
  if (qty >= pool_qty) return pool_value;
  return div_half_up(mul_cents(pool_value, qty, "a share of value"), pool_qty);
}

std::int64_t reversal_average(std::int64_t on_hand, std::int64_t avg, std::int64_t qty, std::int64_t value,
                              std::int64_t avg_before) {
  if (on_hand < 0) on_hand = 0;
  if (on_hand + qty <= 0) return avg_before;
  return std::max<std::int64_t>(
      0, div_half_up(add_cents(mul_cents(avg, on_hand, "the stock's value"), value, "the stock's value"), on_hand + qty));
}
// ---- costs -------------------------------------------------------------------------

std::map<std::string, std::int64_t> parts_cost_by_ticket(Store& s, const std::string& ticket_filter,
                                                         const std::vector<std::string>& params) {
  std::map<std::string, std::int64_t> out;
  try {
    std::string in = ticket_filter.empty()
                         ? std::string()
                         : fmt::format(" AND ticket IN (SELECT t.ticket FROM tickets t WHERE {})", ticket_filter);
    auto bind_all = [&](SQLite::Statement& st) {
      for (size_t i = 0; i < params.size(); ++i) st.bind(int(i + 1), params[i]);
    };
    SQLite::Statement mv(s.db(), fmt::format("SELECT ticket, value_cents FROM part_movements "
                                             "WHERE kind = 'consume'{}", in));
    bind_all(mv);
    // summed here, checked (SQLite's sum() fails on an overflow with an internal error)
    while (mv.executeStep()) {
      auto& c = out[mv.getColumn(0).getString()];
      c = sub_cents(c, mv.getColumn(1).getInt64(), "a ticket's parts cost");
    }
    SQLite::Statement ev(s.db(),
                         fmt::format("SELECT e.ticket, COALESCE(e.qty, 0), COALESCE(v.avg_cents, p.list_cents, 0) "
                                     "FROM (SELECT * FROM events WHERE event = 'part_used'{}) e "
                                     "LEFT JOIN part_valuation v ON v.part = e.part "
                                     "LEFT JOIN parts p ON p.part = e.part "
                                     "WHERE NOT EXISTS (SELECT 1 FROM part_movements m WHERE m.event_id = e.id)",
                                     in));
    bind_all(ev);
    while (ev.executeStep()) {
      auto& c = out[ev.getColumn(0).getString()];
      add_to(c, mul_cents(ev.getColumn(2).getInt64(), ev.getColumn(1).getInt64(), "a part's value"),
             "a ticket's parts cost");
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading parts cost");
  }
  return out;
}

std::int64_t parts_cost_cents(Store& s, const std::string& ticket_filter, const std::vector<std::string>& params) {
  std::int64_t sum = 0;
  for (const auto& [t, c] : parts_cost_by_ticket(s, ticket_filter, params)) add_to(sum, c, "the parts cost");
  return sum;
}
}  // namespace svc
