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

}  // namespace svc
