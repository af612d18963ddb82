#include "dispatch.hpp"
#include "dispatch_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>
#include <unordered_map>

#include "calendar.hpp"
#include "error.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "masterdata.hpp"

namespace svc {

using namespace dispatch_detail;

// ---------------------------------------------------------------- board

Board board(Store& s, const Policy& p, const BoardRequest& r) {
  Board b;
  b.date = r.date;
  b.as_of = r.as_of;
  Instant day_from = p.tz.day_start(r.date), day_to = p.tz.day_start(r.date + 1);
  std::map<std::string, BoardRow> rows;  // by engineer id
  std::map<std::string, Engineer> engineers;
  for (Engineer& e : list_engineers(s)) engineers.emplace(e.id, std::move(e));
  if (!r.engineer.empty()) get_engineer(s, r.engineer);  // did you mean
  if (!r.outlet.empty()) get_outlet(s, r.outlet);
  auto in_scope = [&](const std::string& eng, const std::string& ticket_outlet) {
    if (!r.engineer.empty()) return eng == r.engineer;
    if (!r.outlet.empty()) {
      auto it = engineers.find(eng);
      return it != engineers.end() ? it->second.outlet == r.outlet : ticket_outlet == r.outlet;
    }
    return true;
  };
  for (const auto& [id, e] : engineers)
    if (e.active && in_scope(id, "")) rows[id] = BoardRow{id, e.name, e.outlet, {}};
  auto appts = latest_appointments(s, r.as_of);
  BusinessCalendar cal(p.calendar, p.tz);
  for (const auto& [ticket, a] : appts) {
    if (!(a.window.from < day_to && day_from < a.window.to)) continue;
    auto evs = s.ticket_events(ticket);
    if (a.recorded_at < round_start(evs, r.as_of)) continue;  // a window of an earlier round of work
    TicketState st = derive_state(evs, r.as_of);
    if (st.phase == Phase::None || st.phase == Phase::Cancelled) continue;
    const Event* created = last_created(evs);
    std::string eng = st.engineer_this_round || st.phase == Phase::Completed || st.phase == Phase::Signed ||
                              st.phase == Phase::Closed
                          ? st.engineer
                          : "";
    if (!in_scope(eng, created->get(Field::Outlet))) continue;
    BoardVisit v;
    v.ticket = ticket;
    v.outlet = created->get(Field::Outlet);
    v.urgency = created->get(Field::Urgency);
    v.phase = st.phase;
    v.window = a.window;
    for (const Event& e : evs)
      if (e.kind == EventKind::Arrived && e.ts >= a.recorded_at && counts(e, r.as_of)) {
        v.arrived = e.ts;
        break;
      }
    v.overdue = !v.arrived && a.window.to < r.as_of;
    v.late = v.arrived && *v.arrived > a.window.to;
    TicketSla sla = evaluate_ticket(evs, p, cal, r.as_of);
    for (const auto& t : sla.targets)
      if (t.target == Target::Arrival && t.status == TargetStatus::Breached) v.sla_breached = true;
    auto& row = rows[eng];
    if (row.engineer.empty() && !eng.empty()) {
      auto it = engineers.find(eng);
      row.engineer = eng;
      if (it != engineers.end()) row.name = it->second.name, row.outlet = it->second.outlet;
    }
    row.visits.push_back(std::move(v));
  }
  for (auto& [id, row] : rows) {
    std::sort(row.visits.begin(), row.visits.end(), [](const BoardVisit& x, const BoardVisit& y) {
      return std::tie(x.window.from, x.window.to, x.ticket) < std::tie(y.window.from, y.window.to, y.ticket);
    });
    if (id.empty()) continue;  // unheld windows do not conflict with each other
    for (auto& v : row.visits)
      for (const auto& o : row.visits)
        if (&o != &v && o.window.overlaps(v.window)) v.conflicts.push_back(o.ticket);
    b.rows.push_back(std::move(row));
  }
  std::stable_sort(b.rows.begin(), b.rows.end(), [](const BoardRow& x, const BoardRow& y) {
    return std::tie(x.outlet, x.engineer) < std::tie(y.outlet, y.engineer);
  });
  if (auto it = rows.find(""); it != rows.end() && !it->second.visits.empty()) b.rows.push_back(std::move(it->second));
  return b;
}

namespace {
std::string visit_flags(const BoardVisit& v) {
  std::vector<std::string> f;
  if (!v.conflicts.empty()) {
    std::string t;
    for (const auto& c : v.conflicts) t += (t.empty() ? "" : ",") + c;
    f.push_back("CONFLICT with " + t);
  }
  if (v.overdue) f.emplace_back("OVERDUE: no arrival by the window's end");
  if (v.late) f.emplace_back("late arrival");
  if (v.sla_breached) f.emplace_back("arrival SLA breached");
  std::string out;
  for (const auto& x : f) out += (out.empty() ? "" : "; ") + x;
  return out;
}
std::string hhmm(Instant t, const TimeZone& tz) { return format_local_minutes(t, tz).substr(11); }
}  // namespace

Table board_table(const Board& b, const TimeZone& tz) {
  Table t;
  t.headers = {"engineer", "name", "outlet", "window", "ticket", "urgency", "state", "arrived", "flags"};
  for (const auto& row : b.rows) {
    std::string eng = row.engineer.empty() ? "(unassigned)" : row.engineer;
    if (row.visits.empty()) t.add({eng, row.name, row.outlet, "(free)", "", "", "", "", ""});
    for (const auto& v : row.visits) {
      std::string win = format_local_minutes(v.window.from, tz).substr(0, 10) == format_date(b.date) &&
                                format_local_minutes(v.window.to, tz).substr(0, 10) == format_date(b.date)
                            ? fmt::format("{}-{}", hhmm(v.window.from, tz), hhmm(v.window.to, tz))
                            : window_text(v.window, tz);
      t.add({eng, row.name, row.outlet, win, v.ticket, v.urgency, std::string(to_string(v.phase)),
             v.arrived ? hhmm(*v.arrived, tz) : "", visit_flags(v)});
    }
  }
  return t;
}

void write_board_json(JsonWriter& w, const Board& b, const Policy& p) {
  w.begin_object();
  w.field("date", format_date(b.date));
  w.field("as_of", format_rfc3339(b.as_of, p.tz));
  w.key("engineers").begin_array();
  for (const auto& row : b.rows) {
    w.begin_object();
    w.key("engineer");
    if (row.engineer.empty()) w.null();
    else w.value(row.engineer);
    w.field("name", row.name);
    w.field("outlet", row.outlet);
    w.key("visits").begin_array();
    for (const auto& v : row.visits) {
      w.begin_object();
      w.field("ticket", v.ticket);
      w.field("outlet", v.outlet);
      w.field("urgency", v.urgency);
      w.field("state", std::string(to_string(v.phase)));
      w.key("window");
      write_window(w, v.window, p.tz);
      w.key("arrived");
      if (v.arrived) w.value(format_rfc3339(*v.arrived, p.tz));
      else w.null();
      w.key("conflicts").begin_array();
      for (const auto& c : v.conflicts) w.value(c);
      w.end_array();
      w.field("overdue", v.overdue);
      w.field("late", v.late);
      w.field("arrival_breached", v.sla_breached);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace svc
