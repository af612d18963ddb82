// The integrity audit (audit_integrity, spec §4) over the store.
#include "audit.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <set>
#include <sstream>

#include "digest.hpp"
#include "projection_scan.hpp"
#include "error.hpp"
#include "audit_internal.hpp"

namespace svc {

using namespace audit_detail;

std::int64_t audit_integrity(Store& store, const Policy& policy, const IntegrityOptions& o, std::ostream& out) {
  const TimeZone& tz = policy.tz;
  // One lean pass over the store picks the tickets that could have a finding;
  // integrity_findings decides on their full events.
  std::vector<Finding> all;
  std::set<std::string> covered;  // fees taken on covered work (svc's own finding, fee_on_covered_work)
  {
    SQLite::Statement q(store.db(), "SELECT fee_event FROM covered_fees");
    while (q.executeStep()) covered.insert(q.getColumn(0).getString());
  }
  SlaStoreView view(store, o.as_of);
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (!o.filter.matches(view.created(i), view.outlet(i), view.region(i), tz)) continue;
    if (!view.integrity_candidate(i)) continue;
    for (auto& f : integrity_findings(store.ticket_events(std::string(view.ticket(i))), o.as_of, covered))
      all.push_back(std::move(f));
  }
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    if (a.ts != b.ts) return a.ts < b.ts;
    return a.ticket < b.ticket;
  });
  if (o.format == Format::Json) {
    JsonWriter w(out);
    w.begin_object();
    w.field("as_of", format_rfc3339(o.as_of, tz));
    w.key("findings").begin_array();
    for (const auto& f : all) {
      w.begin_object();
      w.field("ticket", f.ticket).field("check", to_string(f.check)).field("event", f.event_id);
      w.field("kind", to_string(f.kind)).field("ts", format_rfc3339(f.ts, tz)).field("outlet", f.outlet);
      w.key("engineer");
      if (f.engineer.empty()) w.null();
      else w.value(f.engineer);
      w.field("detail", f.detail);
      w.end_object();
    }
    w.end_array().end_object();
    w.newline();
  } else {
    Table t;
    const bool csv = o.format == Format::Csv;
    t.headers = csv ? std::vector<std::string>{"ticket", "check", "event", "kind", "ts", "outlet", "engineer", "detail"}
                    : std::vector<std::string>{"TICKET", "CHECK", "EVENT", "KIND", "TIME", "OUTLET", "ENGINEER", "DETAIL"};
    for (const auto& f : all)
      t.add({f.ticket, std::string(to_string(f.check)), f.event_id, std::string(to_string(f.kind)),
             csv ? format_rfc3339(f.ts, tz) : format_local_minutes(f.ts, tz), f.outlet,
             f.engineer.empty() && !csv ? "-" : f.engineer, f.detail});
    if (csv) {
      write_csv(out, t);
    } else {
      if (!t.rows.empty()) write_table(out, t);
      out << fmt::format("{} finding{} as of {}\n", all.size(), all.size() == 1 ? "" : "s", format_rfc3339_s(o.as_of, tz));
    }
  }
  return std::int64_t(all.size());
}

}  // namespace svc
