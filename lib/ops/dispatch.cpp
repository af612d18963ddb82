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
#include "free_text.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "masterdata.hpp"

namespace svc {

namespace dispatch_detail {

// The latest appointment of each ticket recorded at or before as_of.
std::unordered_map<std::string, Appt> latest_appointments(Store& s, Instant as_of) {
  std::unordered_map<std::string, Appt> m;
  SQLite::Statement q(s.db(),
                      "SELECT ticket, id, recorded_at, window_from, window_to FROM appointments WHERE recorded_at <= ? "
                      "ORDER BY id");
  q.bind(1, static_cast<std::int64_t>(as_of));
  while (q.executeStep())
    m[q.getColumn(0).getString()] =
        Appt{q.getColumn(1).getInt64(), q.getColumn(2).getInt64(), {q.getColumn(3).getInt64(), q.getColumn(4).getInt64()}};
  return m;
}

// A registered model's line and the skills a job on it needs (docs/installed-base.md).
std::unordered_map<std::string, ModelSkills> product_lines(Store& s) {
  std::unordered_map<std::string, ModelSkills> m;
  SQLite::Statement q(s.db(), "SELECT model, coalesce(line, ''), skills FROM products "
                              "WHERE (line IS NOT NULL AND line <> '') OR skills <> ''");
  while (q.executeStep())
    m[q.getColumn(0).getString()] = {q.getColumn(1).getString(), split_skills(q.getColumn(2).getString())};
  return m;
}

// The start of the current round of work: the last rejected/reopened at or
// before as_of, else the creation.
Instant round_start(const std::vector<Event>& evs, Instant as_of) {
  Instant r = std::numeric_limits<Instant>::min();
  for (const Event& e : evs)
    if (counts(e, as_of) && (e.kind == EventKind::Rejected || e.kind == EventKind::Reopened)) r = e.ts;
  return r;
}

bool open_phase(Phase ph) {
  return ph == Phase::New || ph == Phase::Responded || ph == Phase::Scheduled || ph == Phase::OnSite ||
         ph == Phase::Rework;
}

// Builds the work item of one ticket (events in log order), or nullopt when
// it has no created event at or before as_of.
std::optional<WorkItem> work_item(const std::vector<Event>& evs, Instant as_of,
                                  const std::unordered_map<std::string, ModelSkills>& lines,
                                  const std::unordered_map<std::string, Appt>& appts) {
  TicketState st = derive_state(evs, as_of);
  if (st.phase == Phase::None) return std::nullopt;
  const Event* created = nullptr;
  for (const Event& e : evs)
    if (e.kind == EventKind::Created && counts(e, as_of)) { created = &e; break; }
  if (!created) return std::nullopt;
  WorkItem w;
  w.t.ticket = created->ticket;
  w.t.outlet = created->get(Field::Outlet);
  w.t.region = created->get(Field::Region);
  w.t.type = created->get(Field::Type);
  w.t.urgency = created->get(Field::Urgency);
  w.product = created->get(Field::Product);
  if (!w.product.empty()) {
    // the model's line from the products table; a model not in it is taken as the line itself
    auto it = lines.find(w.product);
    w.t.line = it != lines.end() ? it->second.line : w.product;
    if (it != lines.end()) w.t.needs = it->second.needs;
  }
  w.t.distance_km = created->number(Field::DistanceKm);
  w.phase = st.phase;
  w.paused = st.paused;
  w.engineer = st.engineer;
  w.created = created->ts;
  w.assigned = st.engineer_this_round && !st.engineer.empty() &&
               (st.phase == Phase::Scheduled || st.phase == Phase::OnSite || st.phase == Phase::Rework);
  w.unassigned = open_phase(st.phase) && !w.assigned;
  for (const Event& e : evs)
    if (e.ts > as_of) w.later_events = true;
  if (auto it = appts.find(w.t.ticket); it != appts.end() && it->second.recorded_at >= round_start(evs, as_of))
    w.t.window = it->second.window;
  return w;
}

void set_due_key(WorkItem& w, Instant as_of) {
  w.due_key.reset();
  w.overdue = false;
  if (!w.sla || w.sla->closed || w.sla->cancelled) return;
  for (const auto& r : w.sla->targets) {
    if (r.target != Target::Response && r.target != Target::Arrival) continue;
    std::optional<Instant> k;
    bool over = false;
    if (r.status == TargetStatus::Pending && r.due) k = *r.due;
    else if (r.status == TargetStatus::Breached && !r.stop) k = as_of - r.overdue, over = true;
    if (k && (!w.due_key || *k < *w.due_key)) w.due_key = k, w.overdue = over;
  }
}

const Event* last_created(const std::vector<Event>& evs) {
  for (const Event& e : evs)
    if (e.kind == EventKind::Created) return &e;
  return nullptr;
}

std::string window_text(const Window& w, const TimeZone& tz) {
  std::string a = format_local_minutes(w.from, tz), b = format_local_minutes(w.to, tz);
  if (a.substr(0, 10) == b.substr(0, 10)) return fmt::format("{}-{}", a, b.substr(11));
  return fmt::format("{}/{}", a, b);
}

void write_reasons(JsonWriter& w, const std::vector<Reason>& rs) {
  w.begin_array();
  for (const auto& r : rs) {
    w.begin_object();
    w.field("factor", r.factor);
    w.field("points", r.points);
    w.field("text", r.text);
    w.end_object();
  }
  w.end_array();
}

namespace {
std::string reasons_json(const std::vector<Reason>& rs) {
  std::ostringstream ss;
  JsonWriter w(ss);
  write_reasons(w, rs);
  return ss.str();
}
}  // namespace

void write_window(JsonWriter& w, const std::optional<Window>& win, const TimeZone& tz) {
  if (!win) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("from", format_rfc3339(win->from, tz));
  w.field("to", format_rfc3339(win->to, tz));
  w.end_object();
}

std::string opt_time(const std::optional<Instant>& t, const TimeZone& tz) {
  return t ? format_local_minutes(*t, tz) : "";
}

Event dispatched_event(const std::string& ticket, Instant at, const std::string& engineer, const std::string& note) {
  Event e;
  e.ticket = ticket;
  e.kind = EventKind::Dispatched;
  e.ts = at;
  e.at(Field::Engineer) = engineer;
  e.at(Field::Note) = note;
  e.id = content_digest(e).substr(0, 32);  // the id the importer would derive
  return e;
}

void insert_log(Store& s, const std::string& ticket, Instant at, const std::string& engineer,
                const std::string& previous, const char* mode, const std::string& reason, bool forced,
                const Candidate& c, const std::string& event_id, std::optional<std::int64_t> appointment) {
  check_text("--reason", reason);  // the free-text rule (free_text.hpp)
  SQLite::Statement q(s.db(),
                      "INSERT INTO dispatch_log(ticket, at, engineer, previous, mode, reason, forced, score, reasons, "
                      "dispatched_event, appointment) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, ticket);
  q.bind(2, static_cast<std::int64_t>(at));
  q.bind(3, engineer);
  if (previous.empty()) q.bind(4);
  else q.bind(4, previous);
  q.bind(5, mode);
  if (reason.empty()) q.bind(6);
  else q.bind(6, reason);
  q.bind(7, forced ? 1 : 0);
  q.bind(8, c.score);
  q.bind(9, reasons_json(c.reasons));
  q.bind(10, event_id);
  if (appointment) q.bind(11, *appointment);
  else q.bind(11);
  q.exec();
}

void append_checked(Store& s, const Policy& p, const std::vector<Event>& out, const std::string& source) {
  if (out.empty()) return;
  ImportResult r = append_events(s, p, out, source);
  if (r.added != out.size())
    throw DataError(fmt::format("{}: already recorded: {} of these events are in the store with the same time and "
                                "content, nothing changed",
                                source, out.size() - r.added));
}

}  // namespace dispatch_detail

using namespace dispatch_detail;

void write_reasons_json(JsonWriter& w, const std::vector<Reason>& rs) { write_reasons(w, rs); }

// ---------------------------------------------------------------- workload

int Workload::engineer_index(const std::string& id) const {
  auto it = std::lower_bound(engineers.begin(), engineers.end(), id,
                             [](const DispatchEngineer& e, const std::string& k) { return e.id < k; });
  return it != engineers.end() && it->id == id ? int(it - engineers.begin()) : -1;
}

bool dispatch_order(const WorkItem& a, const WorkItem& b) {
  bool ua = a.t.urgency == "urgent", ub = b.t.urgency == "urgent";
  if (ua != ub) return ua;
  if (a.due_key.has_value() != b.due_key.has_value()) return a.due_key.has_value();
  if (a.due_key && *a.due_key != *b.due_key) return *a.due_key < *b.due_key;
  if (a.created != b.created) return a.created < b.created;
  return a.t.ticket < b.t.ticket;
}

namespace dispatch_detail {

Workload load(Store& s, const Policy& p, Instant as_of, const DispatchScope& scope, List list) {
  Workload w;
  w.as_of = as_of;
  for (const Engineer& e : list_engineers(s)) {
    DispatchEngineer d;
    d.id = e.id;
    d.name = e.name;
    d.outlet = e.outlet;
    d.region = e.region;
    d.skills = e.skills;
    d.level = e.level;
    d.active = e.active;
    w.engineers.push_back(std::move(d));
  }
  std::sort(w.engineers.begin(), w.engineers.end(),
            [](const DispatchEngineer& a, const DispatchEngineer& b) { return a.id < b.id; });
  auto lines = product_lines(s);
  auto appts = latest_appointments(s, as_of);
  BusinessCalendar cal(p.calendar, p.tz);
  // Open at as_of: the projection (as of the last write) says open, or the
  // ticket has events after as_of (it may have been open then).
  const std::string asof = std::to_string(as_of);
  s.for_each_ticket(
      [&](std::vector<Event>& evs) {
        auto item = work_item(evs, as_of, lines, appts);
        if (!item) return;
        bool open = open_phase(item->phase);
        if (!open && !(list == List::NotClosed && (item->phase == Phase::Completed || item->phase == Phase::Signed)))
          return;
        if (item->assigned) {
          int i = w.engineer_index(item->engineer);
          if (i >= 0) {
            auto& e = w.engineers[size_t(i)];
            ++e.open;
            if (item->t.window) e.bookings.push_back({item->t.ticket, *item->t.window});
          }
        }
        if (list == List::None) return;
        if (!scope.outlet.empty() && item->t.outlet != scope.outlet) return;
        if (!scope.region.empty() && item->t.region != scope.region) return;
        item->sla = evaluate_ticket(evs, p, cal, as_of);
        set_due_key(*item, as_of);
        w.items.push_back(std::move(*item));
      },
      "t.created_at <= CAST(?1 AS INTEGER) AND (t.state NOT IN ('closed', 'cancelled') OR t.last_ts > CAST(?1 AS "
      "INTEGER))",
      {asof});
  std::sort(w.items.begin(), w.items.end(), dispatch_order);
  return w;
}

}  // namespace dispatch_detail

Workload load_workload(Store& s, const Policy& p, Instant as_of, const DispatchScope& scope) {
  return load(s, p, as_of, scope, List::Open);
}

}  // namespace svc
