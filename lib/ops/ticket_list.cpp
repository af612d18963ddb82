// svc ticket list: the rows, the table and the JSON.
#include "ticket.hpp"
#include "ticket_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include "audit.hpp"
#include "calendar.hpp"
#include "corrections.hpp"
#include "error.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "installed_base.hpp"
#include "masterdata.hpp"
#include "ticket_id.hpp"


namespace svc {

using namespace ticket_detail;

// ---------------------------------------------------------------- list

std::vector<ListRow> list_tickets(Store& st, const Policy& p, const ListFilter& f) {
  std::vector<ListRow> rows;
  BusinessCalendar cal(p.calendar, p.tz);
  std::string cond;
  std::vector<std::string> params;
  auto eq = [&](const char* col, const std::string& v) {
    if (v.empty()) return;
    params.push_back(v);
    cond += fmt::format("{}t.{} = ?{}", cond.empty() ? "" : " AND ", col, params.size());
  };
  eq("outlet", f.outlet);
  eq("region", f.region);
  eq("type", f.type);
  eq("urgency", f.urgency);
  st.for_each_ticket(
      [&](std::vector<Event>& evs) {
        const Event* c = created_of(evs);
        if (!c || c->ts > f.as_of) return;
        Day d = p.tz.local_day(c->ts);
        if ((f.from && d < *f.from) || (f.to && d > *f.to)) return;
        TicketState s = derive_state(evs, f.as_of);
        if (!f.engineer.empty() && s.engineer != f.engineer) return;
        if (!f.phases.empty() && std::find(f.phases.begin(), f.phases.end(), s.phase) == f.phases.end()) return;
        if (f.paused_only && !s.paused) return;
        TicketSla sla = evaluate_ticket(evs, p, cal, f.as_of);
        ListRow r;
        r.breached = sla.any(TargetStatus::Breached);
        r.at_risk = sla.at_risk();
        if ((f.breached || f.at_risk) && !((f.breached && r.breached) || (f.at_risk && r.at_risk))) return;
        r.ticket = c->ticket;
        r.type = c->get(Field::Type);
        r.urgency = c->get(Field::Urgency);
        r.outlet = c->get(Field::Outlet);
        r.region = c->get(Field::Region);
        r.engineer = s.engineer;
        r.phase = s.phase;
        r.paused = s.paused;
        r.created = c->ts;
        r.status = sla.status;
        for (const auto& t : sla.targets)
          if (t.status == TargetStatus::Pending && t.due) r.next_due = std::min(r.next_due.value_or(*t.due), *t.due);
        rows.push_back(std::move(r));
      },
      cond, params);
  auto by = f.sort;
  std::stable_sort(rows.begin(), rows.end(), [&](const ListRow& a, const ListRow& b) {
    if (by == "ticket") return a.ticket < b.ticket;
    if (by == "outlet") return std::tie(a.outlet, a.created, a.ticket) < std::tie(b.outlet, b.created, b.ticket);
    if (by == "state") return std::make_tuple(int(a.phase), a.created, a.ticket) < std::make_tuple(int(b.phase), b.created, b.ticket);
    if (by == "due") {
      // tickets with a due time first, soonest first
      Instant da = a.next_due.value_or(kFarFuture), db = b.next_due.value_or(kFarFuture);
      return std::tie(da, a.ticket) < std::tie(db, b.ticket);
    }
    return std::tie(a.created, a.ticket) < std::tie(b.created, b.ticket);
  });
  return rows;
}

Table list_table(const std::vector<ListRow>& rows, const TimeZone& tz, bool csv) {
  Table t;
  t.headers = {"ticket", "state", "type", "urgency", "outlet", "region", "engineer", "created", "sla", "next_due"};
  for (const auto& r : rows) {
    auto time = [&](Instant x) { return csv ? format_rfc3339(x, tz) : format_local_minutes(x, tz); };
    std::string sla(to_string(r.status));
    if (!csv && r.at_risk && !r.breached) sla += " (at risk)";
    t.add({r.ticket, std::string(to_string(r.phase)) + (r.paused ? (csv ? "" : " (paused)") : ""), r.type, r.urgency,
           r.outlet, r.region, r.engineer, time(r.created), sla, r.next_due ? time(*r.next_due) : ""});
  }
  return t;
}

void write_list_json(JsonWriter& w, const std::vector<ListRow>& rows, const TimeZone& tz) {
  w.begin_array();
  for (const auto& r : rows) {
    w.begin_object();
    w.field("ticket", r.ticket);
    w.field("state", std::string(to_string(r.phase)));
    w.field("paused", r.paused);
    w.field("type", r.type);
    w.field("urgency", r.urgency);
    w.field("outlet", r.outlet);
    w.field("region", r.region);
    w.key("engineer");
    if (r.engineer.empty()) w.null();
    else w.value(r.engineer);
    w.field("created", format_rfc3339(r.created, tz));
    w.field("status", std::string(to_string(r.status)));
    w.field("breached", r.breached);
    w.field("at_risk", r.at_risk);
    w.key("next_due");
    if (r.next_due) w.value(format_rfc3339(*r.next_due, tz));
    else w.null();
    w.end_object();
  }
  w.end_array();
}

}  // namespace svc
