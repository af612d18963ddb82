#include "sla.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace svc {

std::string_view to_string(TargetStatus s) {
  switch (s) {
    case TargetStatus::Met: return "met";
    case TargetStatus::Breached: return "breached";
    case TargetStatus::Pending: return "pending";
    case TargetStatus::NotApplicable: return "n/a";
  }
  return "?";
}

std::string_view to_string(TicketStatus s) {
  switch (s) {
    case TicketStatus::Cancelled: return "cancelled";
    case TicketStatus::Late: return "late";
    case TicketStatus::OnTime: return "on_time";
    case TicketStatus::None: return "none";
    case TicketStatus::Open: return "open";
  }
  return "?";
}

Instant TicketSla::max_overdue() const {
  Instant m = 0;
  for (const auto& t : targets)
    if (t.status == TargetStatus::Breached) m = std::max(m, t.overdue);
  return m;
}

bool TicketSla::any(TargetStatus s) const {
  return std::any_of(targets.begin(), targets.end(), [s](const TargetResult& t) { return t.status == s; });
}

bool TicketSla::at_risk() const {
  return std::any_of(targets.begin(), targets.end(),
                     [](const TargetResult& t) { return t.status == TargetStatus::Pending && t.at_risk; });
}

TicketFacts facts_of(const Event& c) {
  TicketFacts f;
  f.ticket = c.ticket;
  f.type = c.get(Field::Type);
  f.urgency = c.get(Field::Urgency);
  f.channel = c.get(Field::Channel);
  f.region = c.get(Field::Region);
  f.outlet = c.get(Field::Outlet);
  f.customer = c.get(Field::Customer);
  f.product = c.get(Field::Product);
  f.serial = c.get(Field::Serial);
  f.distance_km = c.number(Field::DistanceKm);
  f.due = due_instant(c.get(Field::Due));
  return f;
}

std::optional<Instant> due_instant(std::string_view canonical) {
  if (canonical.empty()) return std::nullopt;
  return parse_timestamp(canonical, TimeZone::utc());
}

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool in(const std::vector<std::string>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// The conditions of a `when`, each as (holds, why it holds, why it does not).
struct Cond {
  bool holds;
  std::string yes, no;
};

std::vector<Cond> conditions(const SlaRule& r, const TicketFacts& t) {
  const RuleWhen& w = r.when;
  std::vector<Cond> out;
  auto list = [&](const char* key, const std::vector<std::string>& set, std::string_view v) {
    if (set.empty()) return;
    std::string shown = v.empty() ? "absent" : std::string(v);
    if (set.size() == 1)
      out.push_back({in(set, v), fmt::format("{} = {}", key, set[0]), fmt::format("{} is {}, not {}", key, shown, set[0])});
    else
      out.push_back({in(set, v), fmt::format("{} {} is one of {}", key, v, join(set)),
                     fmt::format("{} is {}, not one of {}", key, shown, join(set))});
  };
  list("urgency", w.urgency, t.urgency);
  list("type", w.type, t.type);
  list("region", w.region, t.region);
  list("channel", w.channel, t.channel);
  list("outlet", w.outlet, t.outlet);
  list("customer", w.customer, t.customer);
  list("product", w.product, t.product);
  list("serial", w.serial, t.serial);
  if (w.has_due) {
    if (*w.has_due)
      out.push_back({t.due.has_value(), "has a due time", "has no due time"});
    else
      out.push_back({!t.due.has_value(), "has no due time", "has a due time"});
  }
  if (r.uses_due() && !(w.has_due && *w.has_due))  // a "due" target is a condition of its own
    out.push_back({t.due.has_value(), "has a due time (its target is due)", "has no due time, which its target 'due' needs"});
  if (w.distance_km_over) {
    double lim = *w.distance_km_over;
    if (!t.distance_km)
      out.push_back({false, "", fmt::format("no distance_km, so not over {}", lim)});
    else
      out.push_back({*t.distance_km > lim, fmt::format("distance_km {} > {}", *t.distance_km, lim),
                     fmt::format("distance_km {} is not over {}", *t.distance_km, lim)});
  }
  return out;
}

bool holds(const SlaRule& r, const TicketFacts& t) {
  const RuleWhen& w = r.when;
  if (!w.urgency.empty() && !in(w.urgency, t.urgency)) return false;
  if (!w.type.empty() && !in(w.type, t.type)) return false;
  if (!w.region.empty() && !in(w.region, t.region)) return false;
  if (!w.channel.empty() && !in(w.channel, t.channel)) return false;
  if (!w.outlet.empty() && !in(w.outlet, t.outlet)) return false;
  if (!w.customer.empty() && !in(w.customer, t.customer)) return false;
  if (!w.product.empty() && !in(w.product, t.product)) return false;
  if (!w.serial.empty() && !in(w.serial, t.serial)) return false;
  if (w.has_due && *w.has_due != t.due.has_value()) return false;
  if (r.uses_due() && !t.due) return false;
  if (w.distance_km_over && !(t.distance_km && *t.distance_km > *w.distance_km_over)) return false;
  return true;
}

}  // namespace

std::string rule_mismatch(const SlaRule& r, const TicketFacts& t) {
  std::vector<std::string> why;
  for (auto& c : conditions(r, t))
    if (!c.holds) why.push_back(c.no);
  return join(why);
}

int match_rule(const TicketFacts& t, const Policy& policy, std::string* reason) {
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const auto& r = policy.rules[i];
    if (!holds(r, t)) continue;
    if (reason) {
      if (r.when.empty() && !r.uses_due()) {
        *reason = "no conditions (matches every ticket)";
      } else {
        std::vector<std::string> yes;
        for (auto& c : conditions(r, t)) yes.push_back(c.yes);
        *reason = join(yes);
      }
    }
    return int(i);
  }
  if (reason) *reason = "no rule matches";
  return -1;
}

int match_rule(const Event& created, const Policy& policy, std::string* reason) {
  return match_rule(facts_of(created), policy, reason);
}

TicketSla evaluate_sla(const TicketFacts& facts, std::span<const SlaEvent> events, const Policy& policy,
                       const BusinessCalendar& cal, Instant as_of, bool explain) {
  TicketSla r;
  r.ticket = facts.ticket;
  const int n = int(events.size());
  int created = -1;
  // Only the events that count as of as_of (sla.md §2: not withdrawn by a
  // `voided` event by then; a `voided` event itself counts for nothing).
  auto live = [&](const SlaEvent& e) { return counts_at(e.ts, e.kind, e.voided_at, as_of); };
  for (int i = 0; i < n; ++i)
    if (events[i].kind == EventKind::Created && live(events[i])) {
      created = i;
      break;
    }
  if (created < 0) {
    r.status = TicketStatus::None;
    if (explain) r.rule_reason = "not created as of then";
    return r;
  }
  r.created = events[created].ts;
  r.outlet = facts.outlet, r.region = facts.region, r.type = facts.type;
  r.urgency = facts.urgency, r.channel = facts.channel;
  r.distance_km = facts.distance_km;
  r.ticket_due = facts.due;
  if (explain) r.customer = facts.customer, r.product = facts.product, r.serial = facts.serial;

  // One pass over the events at or before as_of.
  int first_responded = -1, first_arrived = -1, cancel = -1, final_completion = -1;
  Instant last_closed = 0;
  bool in_pause = false;
  std::string_view engineer;
  for (int i = 0; i < n; ++i) {
    const SlaEvent& e = events[i];
    if (!live(e)) continue;
    switch (e.kind) {
      case EventKind::Responded: if (first_responded < 0) first_responded = i; break;
      case EventKind::Arrived: if (first_arrived < 0) first_arrived = i; break;
      case EventKind::Completed: final_completion = i; break;
      case EventKind::Rejected: final_completion = -1; break;
      case EventKind::Reopened: final_completion = -1, r.closed = false; break;
      case EventKind::Closed: r.closed = true, last_closed = e.ts; break;
      case EventKind::Cancelled: if (cancel < 0) cancel = i; break;
      case EventKind::Dispatched: engineer = e.engineer; break;
      case EventKind::Paused:
        if (!in_pause) r.pauses.push_back({e.ts, std::nullopt}), in_pause = true;
        break;
      case EventKind::Resumed:
        if (in_pause) r.pauses.back().to = e.ts, in_pause = false;
        break;
      default: break;
    }
  }
  int followed_up = -1;
  if (final_completion >= 0)
    for (int i = final_completion + 1; i < n; ++i)
      if (events[i].kind == EventKind::FollowedUp && live(events[i])) {
        followed_up = i;
        break;
      }
  r.engineer = engineer;
  r.cancelled = cancel >= 0;
  r.paused = in_pause;

  r.rule_index = match_rule(facts, policy, explain ? &r.rule_reason : nullptr);
  if (r.rule_index < 0) {
    r.status = r.cancelled ? TicketStatus::Cancelled : TicketStatus::None;
    return r;
  }
  const SlaRule& rule = policy.rules[std::size_t(r.rule_index)];
  r.targets.reserve(4);
  r.rule = rule.name;

  // Time on a clock between a and b, less the pauses inside [a, b).
  auto elapsed = [&](Clock c, Instant a, Instant b) -> Instant {
    auto measure = [&](Instant x, Instant y) -> Instant {
      if (y <= x) return 0;
      return c == Clock::Calendar ? y - x : cal.business_between(x, y);
    };
    Instant total = measure(a, b);
    for (const auto& p : r.pauses) total -= measure(std::max(a, p.from), std::min(b, p.to.value_or(as_of)));
    return total;
  };

  for (Target tg : kTargets) {
    const auto& limit = rule.target(tg);
    if (!limit) continue;
    TargetResult t;
    t.target = tg;
    t.limit = *limit;
    if (limit->from_due)  // the ticket's own due time (the rule matched, so it has one)
      t.limit.micros = std::max<Instant>(0, *facts.due - events[created].ts);
    int start = created, stop = -1;
    switch (tg) {
      case Target::Response: stop = first_responded; break;
      case Target::Arrival: stop = first_arrived; break;
      case Target::Resolution: stop = final_completion; break;
      case Target::Followup: start = final_completion, stop = followed_up; break;
    }
    if (start >= 0) t.start = events[start].ts;
    if (stop >= 0) t.stop = events[stop].ts;
    const Clock clock = limit->clock;
    if (start < 0) {
      t.status = TargetStatus::NotApplicable;  // the clock never started
    } else if (stop >= 0) {
      if (cancel >= 0 && cancel < stop) {
        t.status = TargetStatus::NotApplicable;  // cancelled before the stop event
      } else {
        t.clock_end = *t.stop;
        t.elapsed = elapsed(clock, *t.start, t.clock_end);
        if (t.elapsed <= t.limit.micros) {
          t.status = TargetStatus::Met;
        } else {
          t.status = TargetStatus::Breached;
          t.overdue = t.elapsed - t.limit.micros;
        }
      }
    } else if (cancel >= 0) {
      t.status = TargetStatus::NotApplicable;
    } else if (r.closed) {
      t.clock_end = last_closed;
      t.elapsed = elapsed(clock, *t.start, t.clock_end);
      t.status = TargetStatus::Breached;  // closed without the stop event
      t.overdue = std::max<Instant>(0, t.elapsed - t.limit.micros);
    } else {
      t.clock_end = as_of;
      t.elapsed = elapsed(clock, *t.start, as_of);
      if (t.elapsed > t.limit.micros) {
        t.status = TargetStatus::Breached;
        t.overdue = t.elapsed - t.limit.micros;
      } else {
        t.status = TargetStatus::Pending;
        // compared in seconds, as the JSON shows them
        t.at_risk = double(t.elapsed) / 1e6 >= policy.warn_at * (double(t.limit.micros) / 1e6);
        if (!in_pause) {
          const Instant left = t.limit.micros - t.elapsed;
          if (clock == Clock::Calendar) {
            t.due = as_of + left;
          } else {
            Instant d = cal.add_business(as_of, left);
            if (d != BusinessCalendar::kNever) t.due = d;
          }
        }
      }
    }
    r.targets.push_back(t);
  }

  if (r.cancelled) {
    r.status = TicketStatus::Cancelled;
  } else if (r.any(TargetStatus::Breached)) {
    r.status = TicketStatus::Late;
  } else {
    bool all_met = true, one_met = false;
    for (const auto& t : r.targets) {
      if (t.status == TargetStatus::NotApplicable) continue;
      if (t.status == TargetStatus::Met) one_met = true;
      else all_met = false;
    }
    r.status = all_met && one_met ? TicketStatus::OnTime : TicketStatus::Open;
  }
  return r;
}

TicketSla evaluate_ticket(const std::vector<Event>& events, const Policy& policy, const BusinessCalendar& cal,
                          Instant as_of, bool explain) {
  thread_local std::vector<SlaEvent> lean;  // reused: reports evaluate 100k+ tickets a run
  lean.clear();
  const Event* created = nullptr;
  for (const auto& e : events) {
    if (!created && e.kind == EventKind::Created && counts(e, as_of)) created = &e;
    lean.push_back({e.ts, e.kind,
                    e.kind == EventKind::Dispatched ? std::string_view(e.get(Field::Engineer)) : std::string_view(),
                    e.voided_at});
  }
  if (!created) {
    TicketSla r;
    if (!events.empty()) r.ticket = events.front().ticket;
    r.status = TicketStatus::None;
    if (explain) r.rule_reason = "not created as of then";
    return r;
  }
  return evaluate_sla(facts_of(*created), lean, policy, cal, as_of, explain);
}

}  // namespace svc
