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
