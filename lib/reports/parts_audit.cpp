#include "parts_audit.hpp"
#include "money.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "error.hpp"
#include "output.hpp"
#include "parts.hpp"

namespace svc {

namespace {
constexpr std::string_view kNames[] = {"unconsumed-issue",   "old-part-overdue", "claim-overdue",
                                       "unlinked-part-used", "balance-mismatch", "valuation-mismatch"};
constexpr int kCount = 6;
}  // namespace

std::string_view to_string(PartsCheck c) { return kNames[static_cast<int>(c)]; }

std::optional<PartsCheck> parse_parts_check(std::string_view s) {
  for (int i = 0; i < kCount; ++i)
    if (kNames[i] == s) return static_cast<PartsCheck>(i);
  return std::nullopt;
}

const std::vector<std::string>& parts_check_names() {
  static const std::vector<std::string> v(std::begin(kNames), std::end(kNames));
  return v;
}

namespace {

struct Row {
  std::int64_t id = 0, ts = 0, qty = 0, unit = 0, value = 0, avg = 0;
  std::string kind, warehouse, part, book, ticket, reference;
  // reversals (schema 015): the movement this row reverses (0 = none), that
  // movement's value and the part's average just before it; whether this row
  // is reversed by a movement at or before the bound instant (false unbound)
  std::int64_t reverses = 0, reversed_value = 0, avg_before = 0;
  bool reversed = false;
};

// Streams movements (`where_order` = WHERE/ORDER BY clause, one optional
// bound instant) without holding the ledger in memory.
void for_each_movement(SQLite::Database& db, const std::string& where_order, std::optional<Instant> bound,
                       const std::function<void(const Row&)>& fn) {
  SQLite::Statement st(db,
                       "SELECT id, ts, qty, unit_cents, value_cents, avg_cents, kind, warehouse, part, "
                       "COALESCE(book, ''), COALESCE(ticket, ''), COALESCE(reference, ''), COALESCE(reverses, 0), "
                       "CASE WHEN reverses IS NULL THEN 0 ELSE (SELECT o.value_cents FROM part_movements o "
                       "  WHERE o.id = part_movements.reverses) END, "
                       "CASE WHEN reverses IS NULL THEN 0 ELSE COALESCE((SELECT b.avg_cents FROM part_movements b "
                       "  WHERE b.part = part_movements.part AND b.id < part_movements.reverses ORDER BY b.id DESC "
                       "  LIMIT 1), 0) END, "
                       "EXISTS (SELECT 1 FROM part_movements x WHERE x.reverses = part_movements.id AND x.ts <= ?1) "
                       "FROM part_movements " +
                           where_order);
  if (bound) st.bind(1, *bound);
  Row r;
  while (st.executeStep()) {
    r.id = st.getColumn(0).getInt64(), r.ts = st.getColumn(1).getInt64(), r.qty = st.getColumn(2).getInt64();
    r.unit = st.getColumn(3).getInt64(), r.value = st.getColumn(4).getInt64(), r.avg = st.getColumn(5).getInt64();
    r.kind = st.getColumn(6).getString(), r.warehouse = st.getColumn(7).getString();
    r.part = st.getColumn(8).getString(), r.book = st.getColumn(9).getString();
    r.ticket = st.getColumn(10).getString(), r.reference = st.getColumn(11).getString();
    r.reverses = st.getColumn(12).getInt64(), r.reversed_value = st.getColumn(13).getInt64();
    r.avg_before = st.getColumn(14).getInt64(), r.reversed = st.getColumn(15).getInt() != 0;
    fn(r);
  }
}

// FIFO: `draws` (quantities taken out, in any order) are set against `lots`
// (time, qty, index) oldest first; returns what is left of each lot.
struct Lot {
  Instant ts;
  std::int64_t qty;
  Row row;
};
std::vector<std::int64_t> fifo_left(std::vector<Lot>& lots, std::int64_t drawn) {
  std::stable_sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) { return a.ts < b.ts; });
  std::vector<std::int64_t> left;
  for (auto& l : lots) {
    std::int64_t take = std::min(l.qty, drawn);
    drawn -= take;
    left.push_back(l.qty - take);
  }
  return left;
}

std::string plural(std::int64_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::vector<PartsFinding> audit_parts(Store& s, const Policy& p, Instant as_of) {
  std::vector<PartsFinding> out;
  try {
    auto& db = s.db();
    std::map<std::string, bool> claimable;
    {
      SQLite::Statement st(db, "SELECT part, claimable FROM parts");
      while (st.executeStep()) claimable[st.getColumn(0).getString()] = st.getColumn(1).getInt() != 0;
    }

    // Per ticket and part: issues vs fitted + returned unused; fitted vs old
    // parts back. One (ticket, part) group in memory at a time.
    struct Pool {
      std::string ticket, part;
      std::vector<Lot> issues, fits;
      std::int64_t drawn = 0, old_back = 0;
    };
    const Instant issue_limit = Instant(p.parts.unconsumed_days) * kMicrosPerDay;
    const Instant old_limit = Instant(p.parts.old_part_days) * kMicrosPerDay;
    auto finish = [&](Pool& pl) {
      auto left = fifo_left(pl.issues, pl.drawn);
      for (size_t i = 0; i < pl.issues.size(); ++i) {
        const auto& l = pl.issues[i];
        if (left[i] > 0 && as_of > l.ts + issue_limit)
          out.push_back({PartsCheck::UnconsumedIssue, l.row.warehouse, pl.part, pl.ticket, fmt::format("#{}", l.row.id),
                         l.ts, l.ts + issue_limit,
                         fmt::format("{} of {} issued{} neither fitted nor returned", left[i], plural(l.qty, "unit"),
                                     l.row.reference.empty() ? "" : " on requisition " + l.row.reference)});
      }
      auto cl = claimable.find(pl.part);
      if (cl == claimable.end() || !cl->second) return;
      auto old_left = fifo_left(pl.fits, pl.old_back);
      for (size_t i = 0; i < pl.fits.size(); ++i) {
        const auto& l = pl.fits[i];
        if (old_left[i] > 0 && as_of > l.ts + old_limit)
          out.push_back({PartsCheck::OldPartOverdue, l.row.warehouse, pl.part, pl.ticket, fmt::format("#{}", l.row.id),
                         l.ts, l.ts + old_limit,
                         fmt::format("{} of {} fitted: old part not brought back", old_left[i], plural(l.qty, "unit"))});
      }
    };
    {
      Pool pl;
      for_each_movement(db, "WHERE ticket IS NOT NULL AND ts <= ?1 ORDER BY ticket, part, id", as_of,
                        [&](const Row& r) {
                          // a reversed movement and its reversal: as if neither were recorded
                          if (r.reverses || r.reversed) return;
                          if (r.ticket != pl.ticket || r.part != pl.part) {
                            if (!pl.ticket.empty()) finish(pl);
                            pl = Pool{r.ticket, r.part, {}, {}, 0, 0};
                          }
                          if (r.kind == "issue") pl.issues.push_back({r.ts, -r.qty, r});
                          else if (r.kind == "consume") pl.fits.push_back({r.ts, -r.qty, r}), pl.drawn += -r.qty;
                          else if (r.kind == "return-new") pl.drawn += r.qty;
                          else if (r.kind == "return-old") pl.old_back += r.qty;
                        });
      if (!pl.ticket.empty()) finish(pl);
    }

    // Claims not decided in time.
    {
      const Instant limit = Instant(p.parts.claim_days) * kMicrosPerDay;
      SQLite::Statement st(db,
                           "SELECT id, opened_at, warehouse, part, COALESCE(ticket, ''), status, decided_at, "
                           "submitted_at, qty FROM part_claims WHERE opened_at <= ? ORDER BY id");
      st.bind(1, as_of);
      while (st.executeStep()) {
        Instant opened = st.getColumn(1).getInt64();
        auto dec = st.getColumn(6);
        bool decided = !dec.isNull() && dec.getInt64() <= as_of;
        if (decided || as_of <= opened + limit) continue;
        auto sub = st.getColumn(7);
        bool submitted = !sub.isNull() && sub.getInt64() <= as_of;
        out.push_back({PartsCheck::ClaimOverdue, st.getColumn(2).getString(), st.getColumn(3).getString(),
                       st.getColumn(4).getString(), fmt::format("claim #{}", st.getColumn(0).getInt64()), opened,
                       opened + limit,
                       fmt::format("claim for {} still {}", plural(st.getColumn(8).getInt64(), "old part"),
                                   submitted ? "submitted, not decided" : "open, not submitted")});
      }
    }

    // part_used events that no consume movement stands for.
    {
      SQLite::Statement st(db,
                           "SELECT e.id, e.ts, e.ticket, COALESCE(e.part, ''), COALESCE(e.qty, 0) FROM events e "
                           "WHERE e.event = 'part_used' AND e.ts <= ? "
                           "AND NOT EXISTS (SELECT 1 FROM part_movements m WHERE m.event_id = e.id AND m.ts <= ?) "
                           "ORDER BY e.ts, e.seq");
      st.bind(1, as_of);
      st.bind(2, as_of);
      while (st.executeStep())
        out.push_back({PartsCheck::UnlinkedPartUsed, "", st.getColumn(3).getString(), st.getColumn(2).getString(),
                       st.getColumn(0).getString(), st.getColumn(1).getInt64(), 0,
                       fmt::format("part_used {} x {} has no consume movement (no matching issue; see 'svc parts "
                                   "reconcile')",
                                   st.getColumn(4).getInt64(), st.getColumn(3).getString())});
    }

    // One pass over the ledger in recording order: running balances (never
    // negative, and equal to part_stock at the end) and the moving average
    // and movement values replayed. State per book and per part only.
    {
      using Key = std::tuple<std::string, std::string, std::string>;
      std::map<Key, std::pair<std::int64_t, bool>> sum;                   // running sum, went negative
      std::map<std::string, std::pair<std::int64_t, std::int64_t>> val;  // part -> (new qty, avg)
      std::set<std::string> averaged;  // parts with a receipt or a return-new
      for_each_movement(db, "ORDER BY id", std::nullopt, [&](const Row& r) {
        if (!r.book.empty()) {
          auto& [v, neg] = sum[Key{r.warehouse, r.part, r.book}];
          v += r.qty;
          if (v < 0 && !neg) {
            neg = true;
            out.push_back({PartsCheck::BalanceMismatch, r.warehouse, r.part, r.ticket, fmt::format("#{}", r.id), 0, 0,
                           fmt::format("{} book went negative ({}) at this movement", r.book, v)});
          }
        }
        auto& [qty, avg] = val[r.part];
        std::int64_t before = avg, expect_avg = avg, expect_value = r.value;
        if (r.kind == "receive" || r.kind == "return-new") averaged.insert(r.part);
        if (r.reverses && r.book == "new" && r.kind != "transfer") {
          // a reversal takes the movement's own value back out at its unit cost (docs/parts.md)
          averaged.insert(r.part);
          expect_value = -r.reversed_value;
          expect_avg = reversal_average(qty, avg, r.qty, r.value, r.avg_before);
        } else if (r.reverses && r.book.empty()) {
          expect_value = -r.reversed_value;  // a consume's reversal
        } else if (r.kind == "receive") {
          expect_value = mul_cents(r.unit, r.qty, "a receipt's value");
          expect_avg = moving_average(qty, avg, r.qty, r.value);
        } else if (r.kind == "return-new") {
          expect_avg = moving_average(qty, avg, r.qty, r.value);
        } else if (r.book == "new" && (r.kind == "transfer" || r.kind == "issue" || r.kind == "scrap" ||
                                       r.kind == "count")) {
          expect_value = mul_cents(before, r.qty, "a movement's value");
        } else if (r.book == "old") {
          expect_value = 0;
        }
        if (expect_value != r.value)
          out.push_back({PartsCheck::ValuationMismatch, r.warehouse, r.part, r.ticket, fmt::format("#{}", r.id), 0, 0,
                         fmt::format("{} valued {}, the ledger says {}", r.kind, format_cents(r.value),
                                     format_cents(expect_value))});
        if (expect_avg != r.avg)
          out.push_back({PartsCheck::ValuationMismatch, r.warehouse, r.part, r.ticket, fmt::format("#{}", r.id), 0, 0,
                         fmt::format("average after {} recorded as {}, the ledger gives {}", r.kind,
                                     format_cents(r.avg), format_cents(expect_avg))});
        avg = expect_avg;
        if (r.book == "new") qty += r.qty;
      });

      std::map<Key, std::int64_t> bal;
      SQLite::Statement st(db, "SELECT warehouse, part, book, qty FROM part_stock");
      while (st.executeStep())
        bal[Key{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString()}] =
            st.getColumn(3).getInt64();
      std::set<Key> keys;
      for (auto& [k, v] : sum) keys.insert(k);
      for (auto& [k, v] : bal) keys.insert(k);
      for (const auto& k : keys) {
        std::int64_t m = sum.count(k) ? sum[k].first : 0, b = bal.count(k) ? bal[k] : 0;
        if (m != b)
          out.push_back({PartsCheck::BalanceMismatch, std::get<0>(k), std::get<1>(k), "", "", 0, 0,
                         fmt::format("{} balance is {}, the movements sum to {}", std::get<2>(k), b, m)});
      }

      SQLite::Statement vs(db, "SELECT part, avg_cents FROM part_valuation");
      std::map<std::string, std::int64_t> stored;
      while (vs.executeStep()) stored[vs.getColumn(0).getString()] = vs.getColumn(1).getInt64();
      for (auto& [part, qa] : val) {
        std::int64_t have = stored.count(part) ? stored[part] : 0;
        if (averaged.count(part) && have != qa.second)
          out.push_back({PartsCheck::ValuationMismatch, "", part, "", "", 0, 0,
                         fmt::format("moving average is {}, the ledger gives {}", format_cents(have),
                                     format_cents(qa.second))});
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "auditing parts");
  }
  std::stable_sort(out.begin(), out.end(), [](const PartsFinding& a, const PartsFinding& b) {
    return std::tie(a.check, a.since, a.ref) < std::tie(b.check, b.since, b.ref);
  });
  return out;
}

}  // namespace svc
