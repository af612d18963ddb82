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
  // every visit: the latest record says whether it is complete; each record's
  // findings need a follow-up (its repair ticket, not cancelled)
  SQLite::Statement q(s.db(),
                      "SELECT v.ticket, w.plan, w.asset, w.due, a.outlet, p.min_crew FROM maint_visits v JOIN "
                      "maint_work w ON w.ticket = v.ticket JOIN maint_assets a ON a.id = w.asset JOIN maint_plans p "
                      "ON p.id = w.plan WHERE v.at <= ? ORDER BY a.outlet, w.due, v.ticket");
  q.bind(1, std::int64_t(as_of));
  while (q.executeStep()) {
    MaintFinding f;
    f.ticket = q.getColumn(0).getString();
    f.plan = q.getColumn(1).getString();
    f.asset = q.getColumn(2).getString();
    f.due = *parse_date(q.getColumn(3).getString());
    f.outlet = q.getColumn(4).getString();
    int min_crew = q.getColumn(5).getInt();
    std::vector<VisitRecord> recs;
    for (auto& rec : visit_records(s, f.ticket))
      if (rec.at <= as_of) recs.push_back(rec);
    const VisitRecord& last = recs.back();
    if (!last.missing.empty() || last.crew_size < min_crew) {
      f.kind = "incomplete";
      std::string why;
      if (!last.missing.empty()) why = "missing checklist items: " + last.missing;
      if (last.crew_size < min_crew)
        why += fmt::format("{}crew of {} below the plan's minimum of {}", why.empty() ? "" : "; ", last.crew_size,
                           min_crew);
      f.detail = why;
      out.push_back(f);
    }
    for (auto& rec : recs) {
      std::vector<std::tuple<std::string, std::string, std::string>> res = rec.results;
      std::sort(res.begin(), res.end());
      std::string findings;
      for (auto& x : res)
        if (!std::get<2>(x).empty())
          findings += fmt::format("{}{} = {} ({})", findings.empty() ? "" : "; ", std::get<0>(x), std::get<1>(x),
                                  std::get<2>(x));
      if (findings.empty()) continue;
      std::string why;
      if (rec.repair.empty()) {
        why = "no repair ticket";
      } else {
        TicketState st = derive_state(s.ticket_events(rec.repair), as_of);
        if (st.phase == Phase::None) why = fmt::format("repair ticket {} does not exist", rec.repair);
        else if (st.phase == Phase::Cancelled) why = fmt::format("repair ticket {} was cancelled", rec.repair);
      }
      if (why.empty()) continue;
      MaintFinding u = f;
      u.kind = "unfollowed";
      u.detail = fmt::format("{}: {}", why, findings);
      out.push_back(u);
    }
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
