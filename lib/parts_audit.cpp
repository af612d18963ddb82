#include "parts_audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
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
  std::int64_t id, ts, qty, unit, value, avg;
  std::string kind, warehouse, part, book, ticket, event_id, reference;
};

std::vector<Row> load_movements(SQLite::Database& db) {
  std::vector<Row> out;
  SQLite::Statement st(db,
                       "SELECT id, ts, qty, unit_cents, value_cents, avg_cents, kind, warehouse, part, "
                       "COALESCE(book, ''), COALESCE(ticket, ''), COALESCE(event_id, ''), COALESCE(reference, '') "
                       "FROM part_movements ORDER BY id");
  while (st.executeStep())
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64(),
                   st.getColumn(3).getInt64(), st.getColumn(4).getInt64(), st.getColumn(5).getInt64(),
                   st.getColumn(6).getString(), st.getColumn(7).getString(), st.getColumn(8).getString(),
                   st.getColumn(9).getString(), st.getColumn(10).getString(), st.getColumn(11).getString(),
                   st.getColumn(12).getString()});
  return out;
}

// FIFO: `draws` (quantities taken out, in any order) are set against `lots`
// (time, qty, index) oldest first; returns what is left of each lot.
struct Lot {
  Instant ts;
  std::int64_t qty;
  const Row* row;
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
    auto rows = load_movements(db);
    std::map<std::string, bool> claimable;
    {
      SQLite::Statement st(db, "SELECT part, claimable FROM parts");
      while (st.executeStep()) claimable[st.getColumn(0).getString()] = st.getColumn(1).getInt() != 0;
    }

    // Per ticket and part: issues vs fitted + returned unused; fitted vs old parts back.
    struct Pool {
      std::vector<Lot> issues, fits;
      std::int64_t drawn = 0, old_back = 0;
    };
    std::map<std::pair<std::string, std::string>, Pool> pools;
    for (const auto& r : rows) {
      if (r.ticket.empty() || r.ts > as_of) continue;
      auto& pl = pools[{r.ticket, r.part}];
      if (r.kind == "issue") pl.issues.push_back({r.ts, -r.qty, &r});
      else if (r.kind == "consume") pl.fits.push_back({r.ts, -r.qty, &r}), pl.drawn += -r.qty;
      else if (r.kind == "return-new") pl.drawn += r.qty;
      else if (r.kind == "return-old") pl.old_back += r.qty;
    }
    const Instant issue_limit = Instant(p.parts.unconsumed_days) * kMicrosPerDay;
    const Instant old_limit = Instant(p.parts.old_part_days) * kMicrosPerDay;
    for (auto& [key, pl] : pools) {
      auto left = fifo_left(pl.issues, pl.drawn);
      for (size_t i = 0; i < pl.issues.size(); ++i) {
        const auto& l = pl.issues[i];
        if (left[i] > 0 && as_of > l.ts + issue_limit)
          out.push_back({PartsCheck::UnconsumedIssue, l.row->warehouse, key.second, key.first,
                         fmt::format("#{}", l.row->id), l.ts, l.ts + issue_limit,
                         fmt::format("{} of {} issued{} neither fitted nor returned", left[i],
                                     plural(l.qty, "unit"),
                                     l.row->reference.empty() ? "" : " on requisition " + l.row->reference)});
      }
      auto cl = claimable.find(key.second);
      if (cl == claimable.end() || !cl->second) continue;
      auto old_left = fifo_left(pl.fits, pl.old_back);
      for (size_t i = 0; i < pl.fits.size(); ++i) {
        const auto& l = pl.fits[i];
        if (old_left[i] > 0 && as_of > l.ts + old_limit)
          out.push_back({PartsCheck::OldPartOverdue, l.row->warehouse, key.second, key.first,
                         fmt::format("#{}", l.row->id), l.ts, l.ts + old_limit,
                         fmt::format("{} of {} fitted: old part not brought back", old_left[i], plural(l.qty, "unit"))});
      }
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

    // Balances against the ledger, and no book ever negative.
    {
      std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> sum;
      std::map<std::tuple<std::string, std::string, std::string>, bool> went_negative;
      for (const auto& r : rows) {
        if (r.book.empty()) continue;
        auto k = std::make_tuple(r.warehouse, r.part, r.book);
        auto& v = sum[k];
        v += r.qty;
        if (v < 0 && !went_negative[k]) {
          went_negative[k] = true;
          out.push_back({PartsCheck::BalanceMismatch, r.warehouse, r.part, r.ticket, fmt::format("#{}", r.id), 0, 0,
                         fmt::format("{} book went negative ({}) at this movement", r.book, v)});
        }
      }
      std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> bal;
      SQLite::Statement st(db, "SELECT warehouse, part, book, qty FROM part_stock");
      while (st.executeStep())
        bal[{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString()}] =
            st.getColumn(3).getInt64();
      auto all = sum;
      for (auto& [k, v] : bal) all.emplace(k, 0);
      for (auto& [k, unused] : all) {
        std::int64_t m = sum.count(k) ? sum[k] : 0, b = bal.count(k) ? bal[k] : 0;
        if (m != b)
          out.push_back({PartsCheck::BalanceMismatch, std::get<0>(k), std::get<1>(k), "", "", 0, 0,
                         fmt::format("{} balance is {}, the movements sum to {}", std::get<2>(k), b, m)});
      }
    }

    // Moving average and movement values, replayed.
    {
      std::map<std::string, std::pair<std::int64_t, std::int64_t>> val;  // part -> (new qty, avg)
      std::set<std::string> averaged;  // parts with a receipt or a return-new
      for (const auto& r : rows) {
        auto& [qty, avg] = val[r.part];
        std::int64_t before = avg, expect_avg = avg, expect_value = r.value;
        if (r.kind == "receive" || r.kind == "return-new") averaged.insert(r.part);
        if (r.kind == "receive") {
          expect_value = r.qty * r.unit;
          expect_avg = moving_average(qty, avg, r.qty, r.value);
        } else if (r.kind == "return-new") {
          expect_avg = moving_average(qty, avg, r.qty, r.value);
        } else if (r.book == "new" && (r.kind == "transfer" || r.kind == "issue" || r.kind == "scrap" ||
                                       r.kind == "count")) {
          expect_value = r.qty * before;
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
      }
      SQLite::Statement st(db, "SELECT part, avg_cents FROM part_valuation");
      std::map<std::string, std::int64_t> stored;
      while (st.executeStep()) stored[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
      for (auto& [part, qa] : val) {
        bool moved_avg = averaged.count(part) > 0;
        std::int64_t have = stored.count(part) ? stored[part] : 0;
        if (moved_avg && have != qa.second)
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
