#include "dispatch.hpp"

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

namespace {


struct Appt {
  std::int64_t id = 0;
  Instant recorded_at = 0;
  Window window;
};

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
struct ModelSkills {
  std::string line;
  std::vector<std::string> needs;
};
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

std::string reasons_json(const std::vector<Reason>& rs) {
  std::ostringstream ss;
  JsonWriter w(ss);
  write_reasons(w, rs);
  return ss.str();
}

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

}  // namespace

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

namespace {

// The tickets listed in items: none (only the load), the open ones in scope,
// or also the completed/signed ones in scope (their follow-up can be at risk).
enum class List { None, Open, NotClosed };

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

}  // namespace

Workload load_workload(Store& s, const Policy& p, Instant as_of, const DispatchScope& scope) {
  return load(s, p, as_of, scope, List::Open);
}

// ---------------------------------------------------------------- suggest

namespace {

// The item of one ticket and the engineers' load without it (so that its
// current engineer is compared on equal terms).
struct OneTicket {
  Workload w;
  WorkItem item;
};

OneTicket load_one(Store& s, const Policy& p, const std::string& ticket, Instant as_of) {
  auto evs = s.ticket_events(ticket);
  if (!last_created(evs)) require_ticket(s, ticket);  // NoInputError, did you mean
  OneTicket o;
  o.w = load(s, p, as_of, {}, List::None);
  auto item = work_item(evs, as_of, product_lines(s), latest_appointments(s, as_of));
  if (!item) throw DataError(fmt::format("ticket '{}' was not created yet at {}", ticket, format_rfc3339(as_of, p.tz)));
  o.item = *item;
  BusinessCalendar cal(p.calendar, p.tz);
  o.item.sla = evaluate_ticket(evs, p, cal, as_of);
  set_due_key(o.item, as_of);
  if (o.item.assigned) {
    int i = o.w.engineer_index(o.item.engineer);
    if (i >= 0) {
      auto& e = o.w.engineers[size_t(i)];
      --e.open;
      std::erase_if(e.bookings, [&](const Booking& b) { return b.ticket == ticket; });
    }
  }
  return o;
}

}  // namespace

Suggestion suggest(Store& s, const Policy& p, const std::string& ticket, Instant as_of, bool all_regions) {
  OneTicket o = load_one(s, p, ticket, as_of);
  if (!open_phase(o.item.phase))
    throw DataError(fmt::format("ticket '{}' is {}: nothing to dispatch (only new, responded, scheduled, on-site and "
                                "rework tickets take an engineer)",
                                ticket, to_string(o.item.phase)));
  Suggestion sg;
  sg.ticket = ticket;
  sg.as_of = as_of;
  sg.item = o.item;
  std::vector<DispatchEngineer> pool;
  for (const auto& e : o.w.engineers)
    if (e.active && (all_regions || e.region == o.item.t.region)) pool.push_back(e);
  sg.candidates = rank_candidates(p.dispatch, o.item.t, pool);
  for (const auto& c : sg.candidates) sg.engineers.push_back(o.w.engineers[size_t(o.w.engineer_index(c.engineer))]);
  return sg;
}

Table suggestion_table(const Suggestion& sg, std::size_t limit) {
  Table t;
  t.headers = {"rank", "engineer", "name", "outlet", "level", "open", "score", "eligible", "reasons"};
  t.align = {Align::Right, Align::Left, Align::Left, Align::Left, Align::Right, Align::Right, Align::Right};
  for (size_t i = 0; i < sg.candidates.size() && (limit == 0 || i < limit); ++i) {
    const auto& c = sg.candidates[i];
    const auto& e = sg.engineers[i];
    std::string score = format_points(c.score);
    if (score[0] == '+') score.erase(0, 1);
    t.add({std::to_string(i + 1), c.engineer, e.name, e.outlet, std::to_string(c.level), std::to_string(c.open), score,
           c.eligible() ? "yes" : "no: " + c.blocked(), reasons_text(c.reasons)});
  }
  return t;
}

void write_suggestion_json(JsonWriter& w, const Suggestion& sg, const Policy& p, std::size_t limit) {
  const auto& it = sg.item;
  w.begin_object();
  w.field("ticket", sg.ticket);
  w.field("as_of", format_rfc3339(sg.as_of, p.tz));
  w.field("outlet", it.t.outlet);
  w.field("region", it.t.region);
  w.field("type", it.t.type);
  w.field("urgency", it.t.urgency);
  w.key("line");
  if (it.t.line.empty()) w.null();
  else w.value(it.t.line);
  w.field("distance_km", it.t.distance_km);
  w.field("distance_band", std::string(to_string(distance_band(p.dispatch, it.t.distance_km))));
  w.field("remote", remote_handling(p.dispatch, it.t));
  w.key("window");
  write_window(w, it.t.window, p.tz);
  w.key("engineer");
  if (it.assigned) w.value(it.engineer);
  else w.null();
  w.key("candidates").begin_array();
  for (size_t i = 0; i < sg.candidates.size() && (limit == 0 || i < limit); ++i) {
    const auto& c = sg.candidates[i];
    const auto& e = sg.engineers[i];
    w.begin_object();
    w.field("rank", std::int64_t(i + 1));
    w.field("engineer", c.engineer);
    w.field("name", e.name);
    w.field("outlet", e.outlet);
    w.field("region", e.region);
    w.field("level", c.level);
    w.field("open", c.open);
    w.field("score", c.score);
    w.field("eligible", c.eligible());
    w.key("blocked");
    if (c.eligible()) w.null();
    else w.value(c.blocked());
    w.key("reasons");
    write_reasons(w, c.reasons);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// ---------------------------------------------------------------- assign

namespace {

void check_at(const std::string& ticket, const std::vector<Event>& evs, Instant at, const TimeZone& tz) {
  Instant now = svc::now();
  if (at > now)
    throw DataError(fmt::format("--at {} is in the future (now is {}): a dispatch is recorded when it happens",
                                format_rfc3339(at, tz), format_rfc3339_s(now, tz)));
  for (const Event& e : evs)
    if (e.ts > at && e.kind != EventKind::Paused && e.kind != EventKind::Resumed && e.kind != EventKind::Voided &&
        e.voided_at == kNotVoided)
      throw DataError(fmt::format("ticket '{}' already has a later event ({} at {}): --at must be at or after it",
                                  ticket, to_string(e.kind), format_rfc3339(e.ts, tz)));
}

}  // namespace

AssignResult assign(Store& s, const Policy& p, const AssignRequest& r) {
  AssignResult res;
  res.ticket = r.ticket;
  const char* mode = r.reassign ? "reassign" : "assign";
  const std::string source = fmt::format("svc dispatch {}", mode);
  s.write([&] {
    auto evs = s.ticket_events(r.ticket);
    if (!last_created(evs)) require_ticket(s, r.ticket);  // NoInputError, did you mean
    check_at(r.ticket, evs, r.at, p.tz);
    OneTicket o = load_one(s, p, r.ticket, r.at);
    const WorkItem& it = o.item;
    if (!open_phase(it.phase))
      throw DataError(fmt::format("ticket '{}' is {}: nothing to dispatch (an engineer goes to new, responded, "
                                  "scheduled, on-site and rework tickets)",
                                  r.ticket, to_string(it.phase)));
    if (!r.reassign && it.assigned)
      throw DataError(fmt::format("ticket '{}' is already assigned to {}: use 'svc dispatch reassign {} ENGINEER "
                                  "--reason TEXT'",
                                  r.ticket, it.engineer, r.ticket));
    if (r.reassign && !it.assigned)
      throw DataError(fmt::format("ticket '{}' has no engineer to replace (it is {}): use 'svc dispatch assign'",
                                  r.ticket, to_string(it.phase)));
    if (r.reassign && r.reason.empty()) throw DataError("reassign needs --reason: why the engineer is replaced");
    Engineer eng = get_engineer(s, r.engineer);
    if (r.reassign && eng.id == it.engineer)
      throw DataError(fmt::format("ticket '{}' is already assigned to {}: nothing to reassign", r.ticket, eng.id));
    if (!eng.active)
      throw DataError(fmt::format("engineer '{}' ({}) is not active: choose another (svc dispatch suggest {})", eng.id,
                                  eng.name, r.ticket));
    if (eng.region != it.t.region && !r.force)
      throw DataError(fmt::format("engineer '{}' is in region {}, ticket '{}' in {}: use --force to send an engineer "
                                  "from another region",
                                  eng.id, eng.region, r.ticket, it.t.region));
    std::optional<Window> window = r.window ? r.window : it.t.window;
    bool new_window = r.window.has_value();
    if (new_window && r.window->to <= r.at)
      throw DataError(fmt::format("the window ends at {}, before the dispatch at {}", format_rfc3339(r.window->to, p.tz),
                                  format_rfc3339(r.at, p.tz)));
    SQLite::Statement hq(s.db(), "SELECT count(*) FROM appointments WHERE ticket = ?");
    hq.bind(1, r.ticket);
    bool had_window = hq.executeStep() && hq.getColumn(0).getInt64() > 0;
    if (new_window && had_window && r.reason.empty())
      throw DataError(fmt::format("ticket '{}' already has an appointment window: a new window is a reschedule, give "
                                  "--reason",
                                  r.ticket));
    DispatchTicket dt = it.t;
    dt.window = window;
    const auto& de = o.w.engineers[size_t(o.w.engineer_index(eng.id))];
    Candidate c = score_candidate(p.dispatch, dt, de);
    if (!c.conflicts.empty()) {
      std::string which;
      for (const auto& b : de.bookings)
        if (window && b.ticket != r.ticket && b.window.overlaps(*window))
          which += fmt::format("{}{} ({})", which.empty() ? "" : ", ", b.ticket, window_text(b.window, p.tz));
      throw DataError(fmt::format("double booking: engineer '{}' already holds {} overlapping {}", eng.id, which,
                                  window_text(*window, p.tz)));
    }
    std::vector<Event> out;
    if (new_window && !derive_state(evs, r.at).responded) {
      // an appointment window is agreed with the customer: that is the response (appointment confirmed)
      Event e;
      e.ticket = r.ticket;
      e.kind = EventKind::Responded;
      e.ts = r.at;
      e.at(Field::Note) = "appointment confirmed";
      e.id = content_digest(e).substr(0, 32);
      out.push_back(std::move(e));
    }
    std::string note = r.reassign ? fmt::format("reassigned from {}: {}", it.engineer, r.reason)
                                  : (r.force && eng.region != it.t.region
                                         ? fmt::format("assigned across regions ({} engineer, --force)", eng.region)
                                         : std::string("assigned"));
    Event d = dispatched_event(r.ticket, r.at, eng.id, note);
    std::string event_id = d.id;
    out.push_back(std::move(d));
    for (const Event& e : out) res.events.emplace_back(to_string(e.kind));
    append_checked(s, p, out, source);
    std::optional<std::int64_t> appt;
    if (new_window) {
      SQLite::Statement q(s.db(),
                          "INSERT INTO appointments(ticket, recorded_at, window_from, window_to, engineer, reason, "
                          "consent, dispatched_event) VALUES(?,?,?,?,?,?,0,?)");
      q.bind(1, r.ticket);
      q.bind(2, static_cast<std::int64_t>(r.at));
      q.bind(3, static_cast<std::int64_t>(r.window->from));
      q.bind(4, static_cast<std::int64_t>(r.window->to));
      q.bind(5, eng.id);
      if (had_window) q.bind(6, r.reason);
      else q.bind(6);
      q.bind(7, event_id);
      q.exec();
      appt = s.db().getLastInsertRowid();
    }
    insert_log(s, r.ticket, r.at, eng.id, r.reassign ? it.engineer : "", mode, r.reason,
               r.force && eng.region != it.t.region, c, event_id, appt);
    res.engineer = eng.id;
    res.previous = r.reassign ? it.engineer : "";
    res.candidate = std::move(c);
    res.window = window;
  });
  return res;
}

// ---------------------------------------------------------------- auto

Plan plan_auto(Store& s, const Policy& p, const DispatchScope& scope, Instant as_of) {
  Workload w = load_workload(s, p, as_of, scope);
  Plan plan;
  plan.as_of = as_of;
  // candidates per region: active engineers, by id (the order of w.engineers)
  std::map<std::string, std::vector<size_t>> by_region;
  for (size_t i = 0; i < w.engineers.size(); ++i)
    if (w.engineers[i].active) by_region[w.engineers[i].region].push_back(i);
  const int cap = p.dispatch.max_open;
  for (const WorkItem& it : w.items) {
    if (!it.unassigned) continue;
    PlanItem pi;
    pi.ticket = it.t.ticket;
    pi.outlet = it.t.outlet;
    pi.urgency = it.t.urgency;
    pi.due = it.due_key;
    pi.overdue = it.overdue;
    pi.window = it.t.window;
    const std::vector<size_t>* pool = nullptr;
    if (auto f = by_region.find(it.t.region); f != by_region.end()) pool = &f->second;
    std::optional<Candidate> best;
    size_t best_i = 0;
    int booked = 0, full = 0;
    if (pool)
      for (size_t i : *pool) {
        const auto& e = w.engineers[i];
        if (cap > 0 && e.open >= cap) {
          ++full;
          continue;
        }
        Candidate c = score_fast(p.dispatch, it.t, e);
        if (!c.eligible()) {
          ++booked;
          continue;
        }
        if (!best || better(c, *best)) best = std::move(c), best_i = i;
      }
    if (best) {
      auto& e = w.engineers[best_i];
      Candidate c = score_candidate(p.dispatch, it.t, e);
      pi.engineer = e.id;
      pi.engineer_name = e.name;
      pi.score = c.score;
      pi.reasons = std::move(c.reasons);
      ++e.open;
      if (it.t.window) e.bookings.push_back({it.t.ticket, *it.t.window});
      ++plan.assigned;
    } else {
      std::string why;
      if (!pool) why = fmt::format("no active engineer in region {}", it.t.region.empty() ? "(none)" : it.t.region);
      else
        why = fmt::format("none of the {} active engineers of {} is free: {} double-booked in the window, {} at "
                          "max_open {}",
                          pool->size(), it.t.region, booked, full, cap);
      pi.reasons.push_back({"none", 0, why});
      ++plan.left;
    }
    plan.items.push_back(std::move(pi));
  }
  return plan;
}

Plan run_auto(Store& s, const Policy& p, const DispatchScope& scope, Instant as_of) {
  Instant now = svc::now();
  if (as_of > now)
    throw DataError(fmt::format("--as-of {} is in the future (now is {}): auto writes its dispatches at --as-of; use "
                                "--dry-run to plan ahead",
                                format_rfc3339(as_of, p.tz), format_rfc3339_s(now, p.tz)));
  Plan plan;
  s.write([&] {
    plan = plan_auto(s, p, scope, as_of);
    std::vector<Event> out;
    std::vector<std::string> problems;
    for (const auto& pi : plan.items) {
      if (pi.engineer.empty()) continue;
      out.push_back(dispatched_event(pi.ticket, as_of, pi.engineer, fmt::format("auto: score {}", pi.score)));
    }
    if (out.empty()) return;
    {
      // a dispatch at as_of must not come before a ticket's later events
      std::map<std::string, Instant> last;
      for (const Event& e : out) last[e.ticket] = 0;
      SQLite::Statement q(s.db(), "SELECT ticket, max(ts) FROM events WHERE ticket = ? AND event NOT IN ('paused', "
                                  "'resumed')");
      for (auto& [t, l] : last) {
        q.reset();
        q.bind(1, t);
        if (q.executeStep() && !q.getColumn(1).isNull() && q.getColumn(1).getInt64() > as_of)
          problems.push_back(fmt::format("ticket '{}' has an event at {}, after --as-of", t,
                                         format_rfc3339(q.getColumn(1).getInt64(), p.tz)));
      }
    }
    if (!problems.empty())
      throw DataError(fmt::format("auto writes its dispatches at --as-of {}, before later events of {} ticket{}",
                                  format_rfc3339(as_of, p.tz), problems.size(), problems.size() == 1 ? "" : "s"),
                      problems);
    append_checked(s, p, out, "svc dispatch auto");
    size_t k = 0;
    for (const auto& pi : plan.items) {
      if (pi.engineer.empty()) continue;
      Candidate c;
      c.score = pi.score;
      c.reasons = pi.reasons;
      insert_log(s, pi.ticket, as_of, pi.engineer, "", "auto", "", false, c, out[k++].id, std::nullopt);
    }
  });
  return plan;
}

Table plan_table(const Plan& plan, const TimeZone& tz) {
  Table t;
  t.headers = {"ticket", "outlet", "urgency", "due", "window", "engineer", "name", "score", "reasons"};
  t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
  for (const auto& pi : plan.items) {
    std::string due = opt_time(pi.due, tz);
    if (pi.overdue) due += " (overdue)";
    std::string score = pi.engineer.empty() ? "" : format_points(pi.score);
    if (!score.empty() && score[0] == '+') score.erase(0, 1);
    t.add({pi.ticket, pi.outlet, pi.urgency, due, pi.window ? window_text(*pi.window, tz) : "",
           pi.engineer.empty() ? "-" : pi.engineer, pi.engineer_name, score, reasons_text(pi.reasons)});
  }
  return t;
}

void write_plan_json(JsonWriter& w, const Plan& plan, const Policy& p, bool dry_run) {
  w.begin_object();
  w.field("as_of", format_rfc3339(plan.as_of, p.tz));
  w.field("dry_run", dry_run);
  w.field("assigned", plan.assigned);
  w.field("unassigned", plan.left);
  w.key("plan").begin_array();
  for (const auto& pi : plan.items) {
    w.begin_object();
    w.field("ticket", pi.ticket);
    w.field("outlet", pi.outlet);
    w.field("urgency", pi.urgency);
    w.key("due");
    if (pi.due) w.value(format_rfc3339(*pi.due, p.tz));
    else w.null();
    w.field("overdue", pi.overdue);
    w.key("window");
    write_window(w, pi.window, p.tz);
    w.key("engineer");
    if (pi.engineer.empty()) w.null();
    else w.value(pi.engineer);
    w.key("score");
    if (pi.engineer.empty()) w.null();
    else w.value(pi.score);
    w.key("reasons");
    write_reasons(w, pi.reasons);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

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

// ---------------------------------------------------------------- queue

Queue queue(Store& s, const Policy& p, const std::string& region, Instant as_of) {
  auto regions = region_names(s);
  if (std::find(regions.begin(), regions.end(), region) == regions.end()) {
    std::string hint = nearest(region, regions);
    throw DataError(fmt::format("unknown region '{}'{}", region,
                                hint.empty() ? " (no outlet is in it)" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  Queue q;
  q.region = region;
  q.as_of = as_of;
  for (const auto& r : list_regions(s))
    if (r.name == region) q.leader = r.leader, q.leader_name = r.leader_name;
  Workload w = load(s, p, as_of, {"", region}, List::NotClosed);
  for (auto& it : w.items) {
    QueueRow row;
    for (const auto& t : it.sla->targets) {
      if (t.status == TargetStatus::Breached) row.breached.emplace_back(std::string(to_string(t.target)), t.overdue);
      if (t.status == TargetStatus::Pending) {
        if (t.at_risk) row.at_risk.emplace_back(to_string(t.target));
        if (t.due && (!row.next_due || *t.due < *row.next_due)) row.next_due = t.due;
      }
    }
    if (!it.unassigned && row.breached.empty() && row.at_risk.empty()) continue;
    row.item = std::move(it);
    q.rows.push_back(std::move(row));
  }
  return q;
}

namespace {
std::string hours_text(Instant us) {
  Instant m = us / (60 * kMicrosPerSecond);
  if (m < 60) return fmt::format("{}m", m);
  if (m % 60 == 0) return fmt::format("{}h", m / 60);
  return fmt::format("{}h{:02}m", m / 60, m % 60);
}
}  // namespace

Table queue_table(const Queue& q, const TimeZone& tz) {
  Table t;
  t.headers = {"ticket", "outlet", "type", "urgency", "state", "engineer", "flags", "next_due"};
  for (const auto& r : q.rows) {
    std::vector<std::string> f;
    if (r.item.unassigned) f.emplace_back("unassigned");
    for (const auto& [target, over] : r.breached) f.push_back(fmt::format("breached {} +{}", target, hours_text(over)));
    for (const auto& a : r.at_risk) f.push_back("at risk " + a);
    std::string flags;
    for (const auto& x : f) flags += (flags.empty() ? "" : "; ") + x;
    std::string state(to_string(r.item.phase));
    if (r.item.paused) state += " (paused)";
    t.add({r.item.t.ticket, r.item.t.outlet, r.item.t.type, r.item.t.urgency, state,
           r.item.assigned ? r.item.engineer : "-", flags, opt_time(r.next_due, tz)});
  }
  return t;
}

void write_queue_json(JsonWriter& w, const Queue& q, const Policy& p) {
  w.begin_object();
  w.field("region", q.region);
  w.key("leader");
  if (q.leader.empty()) w.null();
  else w.value(q.leader);
  w.field("as_of", format_rfc3339(q.as_of, p.tz));
  w.key("tickets").begin_array();
  for (const auto& r : q.rows) {
    w.begin_object();
    w.field("ticket", r.item.t.ticket);
    w.field("outlet", r.item.t.outlet);
    w.field("type", r.item.t.type);
    w.field("urgency", r.item.t.urgency);
    w.field("state", std::string(to_string(r.item.phase)));
    w.field("paused", r.item.paused);
    w.key("engineer");
    if (r.item.assigned) w.value(r.item.engineer);
    else w.null();
    w.field("unassigned", r.item.unassigned);
    w.key("at_risk").begin_array();
    for (const auto& a : r.at_risk) w.value(a);
    w.end_array();
    w.key("breached").begin_array();
    for (const auto& [target, over] : r.breached) {
      w.begin_object();
      w.field("target", target);
      w.key("overdue_s").raw(format_seconds(over));
      w.end_object();
    }
    w.end_array();
    w.key("next_due");
    if (r.next_due) w.value(format_rfc3339(*r.next_due, p.tz));
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace svc
