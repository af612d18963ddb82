#include "kpi.hpp"
#include "money.hpp"

#include <algorithm>
#include <map>

namespace svc {

std::optional<ReportTicket> extract_facts(const std::vector<Event>& events, Instant as_of) {
  ReportTicket t;
  bool have_created = false, responded = false;
  for (const Event& e : events) {
    if (!counts(e, as_of)) continue;
    switch (e.kind) {
      case EventKind::Created:
        if (have_created) break;
        have_created = true;
        t.ticket = e.ticket;
        t.created = e.ts;
        t.outlet = e.get(Field::Outlet);
        t.region = e.get(Field::Region);
        t.type = e.get(Field::Type);
        t.urgency = e.get(Field::Urgency);
        t.channel = e.get(Field::Channel);
        t.serial = e.get(Field::Serial);
        t.product = e.get(Field::Product);
        break;
      case EventKind::Responded:
        if (!responded) responded = true, t.response = e.ts;
        break;
      case EventKind::Dispatched:
        if (e.has(Field::Engineer)) t.engineer = e.get(Field::Engineer);
        break;
      case EventKind::Completed:
        t.final_completion = true;
        t.completed_at = e.ts;
        if (auto h = e.number(Field::LaborHours)) t.labor_hours += *h;
        break;
      case EventKind::Rejected:
      case EventKind::Reopened:
        t.final_completion = false;
        t.rework = true;
        if (e.kind == EventKind::Reopened) t.closed = false;
        break;
      case EventKind::FollowedUp:
        t.followed_up = true;
        t.satisfaction = int(e.integer(Field::Satisfaction).value_or(0));
        break;
      case EventKind::Complaint:
        t.complaint = true;
        if (e.get(Field::Responsible) == "yes") t.responsible_complaint = true;
        t.complaint_note = e.get(Field::Note);
        t.complaint_at = e.ts;
        break;
      case EventKind::PartUsed:
        t.parts.emplace_back(e.get(Field::Part), e.integer(Field::Qty).value_or(0));
        break;
      case EventKind::Fee:
        // approved = no: money taken outside the fee standard, an integrity finding, not revenue
        add_to(e.get(Field::Approved) == "no" ? t.unapproved_fees_cents : t.fees_cents, e.cents().value_or(0),
               "a ticket's fees");
        break;
      case EventKind::Cancelled:
        t.cancelled = true;
        break;
      case EventKind::Closed:
        t.closed = true;
        break;
      default:
        break;
    }
  }
  if (!have_created) return std::nullopt;
  if (t.response) t.response = *t.response - t.created;
  return t;
}

std::optional<Instant> nearest_rank(const std::vector<Instant>& sorted, int percent) {
  if (sorted.empty()) return std::nullopt;
  // rank = ceil(percent · N / 100), in integers so that no rounding can move it
  std::int64_t n = std::int64_t(sorted.size());
  std::int64_t rank = (std::int64_t(percent) * n + 99) / 100;
  rank = std::clamp<std::int64_t>(rank, 1, n);
  return sorted[size_t(rank - 1)];
}

void Kpis::add(const ReportTicket& t) {
  ++tickets;
  if (t.status == TicketStatus::OnTime) ++on_time;
  else if (t.status == TicketStatus::Late) ++late;
  if (t.followed_up) {
    ++followed_up;
    if (t.satisfaction >= 4) ++satisfied;
  }
  if (t.type != "complaint") {
    ++non_complaint;
    if (t.responsible_complaint) ++complaints;
  }
  if (t.final_completion) {
    ++completed;
    if (!t.rework) ++first_time;
  }
  findings += t.findings;
  if (t.type == "repair" && !t.serial.empty()) {
    ++repairs_with_serial;
    if (t.repeat_repair) ++repeat_repairs;
  }
  labor_hours += t.labor_hours;
  if (t.response) responses.push_back(*t.response);
}

std::optional<UnitService> unit_service(std::string_view ticket, std::span<const SlaEvent> events, Instant as_of) {
  UnitService u;
  bool have_created = false;
  std::optional<Instant> final_completion;
  for (const SlaEvent& e : events) {
    if (!counts_at(e.ts, e.kind, e.voided_at, as_of)) continue;
    switch (e.kind) {
      case EventKind::Created: have_created = true; break;
      case EventKind::Dispatched:
        if (!e.engineer.empty()) u.engineer = std::string(e.engineer);
        break;
      case EventKind::Completed: final_completion = e.ts; break;
      case EventKind::Rejected:
      case EventKind::Reopened: final_completion.reset(); break;
      case EventKind::Cancelled: u.cancelled = true; break;
      default: break;
    }
  }
  if (!have_created) return std::nullopt;
  u.ticket = ticket;
  u.completed_at = final_completion;
  return u;
}

void mark_repeat_repairs(std::vector<ReportTicket>& tickets,
                         const std::unordered_map<std::string, std::vector<UnitService>>& history, int repeat_days) {
  mark_repeat_repairs(std::span<std::vector<ReportTicket>>(&tickets, 1), history, repeat_days);
}

void mark_repeat_repairs(std::span<std::vector<ReportTicket>> parts,
                         const std::unordered_map<std::string, std::vector<UnitService>>& history, int repeat_days) {
  const Instant window = Instant(repeat_days) * 24 * 3600 * 1'000'000;
  // Per unit, its completions that can name a repeat (not cancelled), by time
  // and, at one time, the larger ticket id first: the best earlier completion
  // for a ticket (the latest, ties to the smaller id) is then the last one at
  // or before its created, or the one before it when that is its own.
  std::unordered_map<const std::vector<UnitService>*, std::vector<const UnitService*>> by_time;
  auto completions = [&](const std::vector<UnitService>& services) -> const std::vector<const UnitService*>& {
    auto [it, added] = by_time.try_emplace(&services);
    if (added) {
      for (const UnitService& u : services)
        if (!u.cancelled && u.completed_at) it->second.push_back(&u);
      std::sort(it->second.begin(), it->second.end(), [](const UnitService* a, const UnitService* b) {
        if (*a->completed_at != *b->completed_at) return *a->completed_at < *b->completed_at;
        return a->ticket > b->ticket;
      });
    }
    return it->second;
  };
  for (auto& tickets : parts) {
    for (ReportTicket& t : tickets) {
      t.repeat_repair = false;
      t.repeat_of.clear();
      if (t.type != "repair" || t.serial.empty()) continue;
      auto h = history.find(t.serial);
      if (h == history.end()) continue;
      const auto& done = completions(h->second);
      auto it = std::upper_bound(done.begin(), done.end(), t.created,
                                 [](Instant created, const UnitService* u) { return created < *u->completed_at; });
      if (it != done.begin() && (*std::prev(it))->ticket == t.ticket) --it;  // its own completion names nothing
      if (it == done.begin()) continue;
      const UnitService& u = **std::prev(it);
      if (t.created - *u.completed_at > window) continue;  // the latest is too early: so is every other
      t.repeat_repair = true;
      t.repeat_of = u.ticket;
      t.repeat_prev_completed = *u.completed_at;
      t.repeat_prev_engineer = u.engineer;
    }
  }
}

void Kpis::finish() { std::sort(responses.begin(), responses.end()); }

std::optional<double> Kpis::response_h(int percent) const {
  auto v = nearest_rank(responses, percent);
  if (!v) return std::nullopt;
  return double(*v) / 3.6e9;
}

KpiChecks check_kpis(const Kpis& k, const KpiPolicy& p) {
  KpiChecks c;
  if (auto r = k.timeliness()) c.timeliness = *r >= p.timeliness - kTolerance;
  if (auto r = k.satisfaction()) c.satisfaction = *r >= p.satisfaction - kTolerance;
  if (auto r = k.complaint_rate()) c.complaint_rate = *r <= p.complaint_rate + kTolerance;
  return c;
}

std::optional<GroupBy> parse_group_by(std::string_view s) {
  for (GroupBy g : {GroupBy::Region, GroupBy::Outlet, GroupBy::Engineer, GroupBy::Type, GroupBy::Urgency,
                    GroupBy::Channel, GroupBy::Product})
    if (to_string(g) == s) return g;
  return std::nullopt;
}

std::string_view to_string(GroupBy g) {
  switch (g) {
    case GroupBy::None: return "none";
    case GroupBy::Region: return "region";
    case GroupBy::Outlet: return "outlet";
    case GroupBy::Engineer: return "engineer";
    case GroupBy::Type: return "type";
    case GroupBy::Urgency: return "urgency";
    case GroupBy::Channel: return "channel";
    case GroupBy::Product: return "product";
  }
  return "?";
}

std::optional<std::string> group_key(const ReportTicket& t, GroupBy by) {
  auto opt = [](const std::string& s) -> std::optional<std::string> {
    if (s.empty()) return std::nullopt;
    return s;
  };
  switch (by) {
    case GroupBy::None: return std::string("all");
    case GroupBy::Region: return opt(t.region);
    case GroupBy::Outlet: return opt(t.outlet);
    case GroupBy::Engineer: return t.engineer;
    case GroupBy::Type: return opt(t.type);
    case GroupBy::Urgency: return opt(t.urgency);
    case GroupBy::Channel: return opt(t.channel);
    case GroupBy::Product: return opt(t.product);
  }
  return std::nullopt;
}

KpiReport kpi_report(const FactSet& tickets, const Period& period, GroupBy by, Instant as_of) {
  KpiReport r;
  r.period = period;
  r.as_of = as_of;
  r.by = by;
  std::map<std::string, Kpis> named;
  std::optional<Kpis> unnamed;
  for (const auto& t : tickets) {
    if (!in_scope(t, period)) continue;
    r.total.add(t);
    if (by == GroupBy::None) continue;
    if (auto k = group_key(t, by)) named[*k].add(t);
    else {
      if (!unnamed) unnamed.emplace();
      unnamed->add(t);
    }
  }
  r.total.finish();
  for (auto& [k, v] : named) {
    v.finish();
    r.groups.push_back({k, std::move(v)});
  }
  if (unnamed) {
    unnamed->finish();
    r.groups.push_back({std::nullopt, std::move(*unnamed)});
  }
  return r;
}

}  // namespace svc
