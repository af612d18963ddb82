// --map --check: the report of what the rules make of an export.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "mapping_internal.hpp"

namespace svc {

using namespace mapping_detail;

MapCheck check_mapped(const std::string& path, std::shared_ptr<const MapRules> rules, const std::string& display,
                      const TimeZone& policy_tz, std::size_t tickets, std::size_t max_problems) {
  std::string name = display.empty() ? path : display;
  MappedSource src(path, std::move(rules), name, policy_tz);
  MapCheck c;
  RawRecord r;
  std::uint64_t last_line = 0, last_bad = 0;
  std::set<std::string> shown;
  std::unordered_set<std::string> first_event;  // tickets whose first event was seen
  while (src.next(r)) {
    if (r.line != last_line) ++c.rows, last_line = r.line;
    if (!src.pending_error().empty()) {
      if (r.line != last_bad) ++c.bad_rows, last_bad = r.line;
      if (c.problems.size() < max_problems) c.problems.push_back(fmt::format("{}:{}: {}", name, r.line, src.pending_error()));
      continue;
    }
    ++c.events_total;
    const auto& col = src.pending_columns();
    const std::string& t = col[kColTicket];
    if (first_event.emplace(t).second && col[kColEvent] != "created") {
      auto f = std::find_if(c.not_opened.begin(), c.not_opened.end(),
                            [&](const auto& x) { return x.first == col[kColEvent]; });
      if (f == c.not_opened.end()) c.not_opened.emplace_back(col[kColEvent], 1);
      else ++f->second;
    }
    if (!shown.count(t)) {
      if (shown.size() >= tickets) continue;
      shown.insert(t);
      c.ticket_order.push_back(t);
    }
    c.events.push_back(col);
  }
  for (auto& [ix, seen] : src.unmapped_) c.unmapped.push_back({ix, seen.source_column, seen.values});
  c.skipped = src.skipped();
  for (auto& [reason, n] : c.skipped) c.rows += n;
  return c;
}

}  // namespace svc
