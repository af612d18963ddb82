// Stock-takes: the count sheet and the variances it books.
#include "parts_internal.hpp"
#include "money.hpp"

#include <algorithm>

#include "error.hpp"
#include "small_csv.hpp"

namespace svc {

using namespace detail;

// ---- stock-takes -------------------------------------------------------------------

std::vector<CountVariance> PartsLedger::count(const std::string& warehouse, const std::vector<CountLine>& lines,
                                              const Actor& who, const std::string& sheet_name) {
  std::vector<CountVariance> out;
  s_.write([&] {
    auto& db = s_.db();
    require_warehouse(db, warehouse);
    Instant ts = when(who);
    std::vector<std::string> problems;
    auto parts = all_ids(db, "SELECT part FROM parts");
    for (const auto& l : lines) {
      auto bad = [&](const std::string& m) { problems.push_back(fmt::format("{}:{}: {}", sheet_name, l.line, m)); };
      if (!find_part_db(db, l.part)) {
        bad(fmt::format("unknown part '{}'{}", l.part, did_you_mean(l.part, parts)));
        continue;
      }
      CountVariance v;
      v.part = l.part, v.counted = l.counted, v.reason = l.reason;
      v.system = book_qty(db, warehouse, l.part, "new");
      v.variance = v.counted - v.system;
      if (v.variance != 0 && v.reason.empty()) {
        bad(fmt::format("{}: counted {}, the books say {}: a variance needs a reason", l.part, v.counted, v.system));
        continue;
      }
      if (v.variance != 0) {
        try {
          check_time_order(db, p_.tz, warehouse, l.part, ts);
        } catch (const DataError& e) {
          bad(e.what());
          continue;
        }
      }
      out.push_back(v);
    }
    if (!problems.empty())
      throw DataError(fmt::format("stock-take '{}' has {} problem{}; nothing was applied", sheet_name,
                                  problems.size(), problems.size() == 1 ? "" : "s"),
                      problems);
    for (auto& v : out) {
      if (v.variance == 0) continue;
      Movement m;
      std::int64_t avg = avg_of(db, v.part);
      m.ts = ts, m.kind = MoveKind::Count, m.warehouse = warehouse, m.part = v.part, m.book = "new";
      m.qty = v.variance, m.unit_cents = avg, m.value_cents = mul_cents(avg, v.variance, "the count's value"), m.avg_cents = avg;
      m.reference = sheet_name, m.user = who.user, m.reason = v.reason;
      insert(db, m);
      v.value_cents = m.value_cents, v.movement_id = m.id;
    }
  });
  return out;
}

std::vector<CountLine> read_count_sheet(const std::string& path) {
  CsvFile f = read_small_csv(path);
  static const std::vector<std::string> known = {"part", "counted", "reason"};
  auto idx = map_columns(f, known, {"part", "counted"});
  std::vector<CountLine> out;
  std::vector<std::string> problems;
  std::map<std::string, int> seen;
  for (const auto& r : f.records) {
    CountLine l;
    l.line = r.line;
    std::string counted;
    for (size_t c = 0; c < idx.size(); ++c) {
      const std::string& v = r.fields[c];
      switch (idx[c]) {
        case 0: l.part = v; break;
        case 1: counted = v; break;
        default: l.reason = v;
      }
    }
    auto bad = [&](const std::string& m) { problems.push_back(fmt::format("{}:{}: {}", path, r.line, m)); };
    if (l.part.empty()) { bad("part is required"); continue; }
    bool digits = !counted.empty() && counted.size() <= 9 &&
                  std::all_of(counted.begin(), counted.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits) { bad(fmt::format("counted must be a whole number >= 0, got '{}'", counted)); continue; }
    l.counted = std::stoll(counted);
    if (auto it = seen.find(l.part); it != seen.end()) {
      bad(fmt::format("part '{}' already counted on line {}", l.part, it->second));
      continue;
    }
    seen[l.part] = r.line;
    out.push_back(std::move(l));
  }
  if (!problems.empty())
    throw DataError(fmt::format("'{}' has {} problem{}; nothing was applied", path, problems.size(),
                                problems.size() == 1 ? "" : "s"),
                    problems);
  return out;
}
}  // namespace svc
