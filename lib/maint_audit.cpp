#include "maint_audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "maint.hpp"
#include "ticket_state.hpp"

namespace svc {

std::vector<MaintFinding> audit_maint(Store& s, const Policy& p, Instant as_of) {
  std::vector<MaintFinding> out;
  for (const DueRow& r : due_work(s, p, as_of, 0)) {
    if (!r.overdue) continue;
    Day today = p.tz.local_day(as_of);
    out.push_back({"overdue", r.outlet, r.plan, r.asset, r.ticket, r.first_due,
                   fmt::format("due {} ({} days ago), {} due date{} open", format_date(r.first_due), today - r.first_due,
                               r.open, r.open == 1 ? "" : "s")});
  }
  SQLite::Statement q(s.db(),
                      "SELECT v.ticket, w.plan, w.asset, w.due, a.outlet, v.missing, v.repair FROM maint_visits v JOIN "
                      "maint_work w ON w.ticket = v.ticket JOIN maint_assets a ON a.id = w.asset WHERE v.at <= ? "
                      "ORDER BY a.outlet, w.due, v.ticket");
  q.bind(1, std::int64_t(as_of));
  while (q.executeStep()) {
    MaintFinding f;
    f.ticket = q.getColumn(0).getString();
    f.plan = q.getColumn(1).getString();
    f.asset = q.getColumn(2).getString();
    f.due = *parse_date(q.getColumn(3).getString());
    f.outlet = q.getColumn(4).getString();
    std::string missing = q.getColumn(5).getString();
    std::string repair = q.getColumn(6).isNull() ? "" : q.getColumn(6).getString();
    if (!missing.empty()) {
      f.kind = "incomplete";
      f.detail = "missing checklist items: " + missing;
      out.push_back(f);
    }
    SQLite::Statement r(s.db(), "SELECT key, value, finding FROM maint_results WHERE ticket = ? AND finding IS NOT NULL "
                                "ORDER BY key");
    r.bind(1, f.ticket);
    std::string findings;
    while (r.executeStep())
      findings += fmt::format("{}{} = {} ({})", findings.empty() ? "" : "; ", r.getColumn(0).getString(),
                              r.getColumn(1).getString(), r.getColumn(2).getString());
    if (findings.empty()) continue;
    std::string why;
    if (repair.empty()) {
      why = "no repair ticket";
    } else {
      TicketState st = derive_state(s.ticket_events(repair), as_of);
      if (st.phase == Phase::None) why = fmt::format("repair ticket {} does not exist", repair);
      else if (st.phase == Phase::Cancelled) why = fmt::format("repair ticket {} was cancelled", repair);
    }
    if (why.empty()) continue;
    f.kind = "unfollowed";
    f.detail = fmt::format("{}: {}", why, findings);
    out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(), [](const MaintFinding& a, const MaintFinding& b) {
    return std::tie(a.outlet, a.due, a.asset) < std::tie(b.outlet, b.due, b.asset);
  });
  return out;
}

Table maint_findings_table(const std::vector<MaintFinding>& v) {
  Table t;
  t.headers = {"finding", "outlet", "plan", "asset", "due", "ticket", "detail"};
  for (auto& f : v) t.add({f.kind, f.outlet, f.plan, f.asset, format_date(f.due), f.ticket, f.detail});
  return t;
}

}  // namespace svc
