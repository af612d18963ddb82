#include "audit.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "error.hpp"

namespace svc {

// ---------------------------------------------------------------------------
// SlaStoreView: one sequential pass over the events table.

std::int32_t SlaStoreView::intern(std::string_view s) {
  auto it = pool_index_.find(s);
  if (it != pool_index_.end()) return it->second;
  pool_.emplace_back(s);
  auto id = std::int32_t(pool_.size() - 1);
  pool_index_.emplace(pool_.back(), id);
  return id;
}

namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

std::string_view text(sqlite3_stmt* st, int col) {
  const unsigned char* p = sqlite3_column_text(st, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(st, col)));
}

}  // namespace

SlaStoreView::SlaStoreView(Store& store, Instant as_of, const std::string& ticket) : as_of_(as_of) {
  sqlite3* db = store.db().getHandle();
  const char* sql_all =
      "SELECT ts, ticket, event, type, urgency, channel, region, outlet, distance_km, engineer FROM events "
      "ORDER BY seq";
  const char* sql_one =
      "SELECT ts, ticket, event, type, urgency, channel, region, outlet, distance_km, engineer FROM events "
      "WHERE ticket = ?1 ORDER BY seq";
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, ticket.empty() ? sql_all : sql_one, -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, StmtDeleter> st(raw);
  if (rc != SQLITE_OK) rethrow_sqlite(SQLite::Exception(db, rc), "reading events");
  if (!ticket.empty()) sqlite3_bind_text(raw, 1, ticket.data(), int(ticket.size()), SQLITE_TRANSIENT);

  std::deque<std::string>& names = names_;
  std::unordered_map<std::string_view, std::int32_t> name_index;
  std::vector<Ticket> all;
  std::vector<Row> rows;
  const Instant kNone = std::numeric_limits<Instant>::max();
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    const Instant ts = sqlite3_column_int64(raw, 0);
    if (ts > as_of) continue;
    std::string_view name = text(raw, 1);
    std::int32_t tix;
    if (auto it = name_index.find(name); it != name_index.end()) {
      tix = it->second;
    } else {
      names.emplace_back(name);
      tix = std::int32_t(names.size() - 1);
      name_index.emplace(names.back(), tix);
      Ticket t;
      t.name = &names.back();
      t.created = kNone;
      all.push_back(t);
    }
    auto kind = parse_event_kind(text(raw, 2));
    if (!kind) throw StoreUnavailable(fmt::format("ticket {} has an event of unknown kind '{}'", name, text(raw, 2)));
    std::int32_t eng = -1;
    if (*kind == EventKind::Dispatched) eng = intern(text(raw, 9));
    if (*kind == EventKind::Created && ts < all[std::size_t(tix)].created) {
      Ticket& t = all[std::size_t(tix)];
      t.created = ts;
      t.type = intern(text(raw, 3));
      t.urgency = intern(text(raw, 4));
      t.channel = intern(text(raw, 5));
      t.region = intern(text(raw, 6));
      t.outlet = intern(text(raw, 7));
      t.has_distance = sqlite3_column_type(raw, 8) != SQLITE_NULL && !text(raw, 8).empty();
      t.distance = t.has_distance ? sqlite3_column_double(raw, 8) : 0;
    }
    rows.push_back({ts, tix, eng, *kind});
  }
  if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(db, rc), "reading events");

  // Group by ticket (a stable counting sort keeps store order inside a ticket),
  // then put each ticket's events in log order: ts, then seq.
  std::vector<std::size_t> start(all.size() + 1, 0);
  for (const Row& r : rows) ++start[std::size_t(r.ticket) + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  rows_.resize(rows.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (const Row& r : rows) rows_[next[std::size_t(r.ticket)]++] = r;
  }
  std::vector<Row>().swap(rows);
  auto by_ts = [](const Row& a, const Row& b) { return a.ts < b.ts; };
  for (std::size_t t = 0; t < all.size(); ++t) {
    auto b = rows_.begin() + std::ptrdiff_t(start[t]), e = rows_.begin() + std::ptrdiff_t(start[t + 1]);
    if (!std::is_sorted(b, e, by_ts)) std::stable_sort(b, e, by_ts);
    if (all[t].created == kNone) continue;  // not created (yet): not a ticket as of then
    all[t].begin = start[t], all[t].end = start[t + 1];
    tickets_.push_back(all[t]);
  }
}

TicketSla SlaStoreView::evaluate(std::size_t i, const Policy& policy, const BusinessCalendar& cal,
                                 bool explain) const {
  const Ticket& t = tickets_[i];
  scratch_.clear();
  for (std::size_t k = t.begin; k < t.end; ++k) scratch_.push_back({rows_[k].ts, rows_[k].kind, str(rows_[k].engineer)});
  TicketFacts f;
  f.ticket = *t.name;
  f.type = str(t.type), f.urgency = str(t.urgency), f.channel = str(t.channel);
  f.region = str(t.region), f.outlet = str(t.outlet);
  if (t.has_distance) f.distance_km = t.distance;
  return evaluate_sla(f, scratch_, policy, cal, as_of_, explain);
}

std::vector<std::size_t> SlaStoreView::by_ticket_id() const {
  std::vector<std::size_t> idx(tickets_.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return *tickets_[a].name < *tickets_[b].name; });
  return idx;
}

// ---------------------------------------------------------------------------

bool TicketFilter::matches(Instant created, std::string_view o, std::string_view r, const TimeZone& tz) const {
  if (!outlet.empty() && o != outlet) return false;
  if (!region.empty() && r != region) return false;
  if (from || to) {
    Day d = tz.local_day(created);
    if (from && d < *from) return false;
    if (to && d > *to) return false;
  }
  return true;
}

void SlaCounts::add(const TicketSla& t) {
  ++tickets;
  switch (t.status) {
    case TicketStatus::Late: ++late; break;
    case TicketStatus::OnTime: ++on_time; break;
    case TicketStatus::Open: ++open; break;
    case TicketStatus::Cancelled: ++cancelled; break;
    case TicketStatus::None: ++none; break;
  }
  if (t.any(TargetStatus::Breached)) ++breached;
  else if (t.at_risk()) ++at_risk;
}

std::string SlaCounts::line(Instant as_of, const TimeZone& tz) const {
  return fmt::format(
      "{} ticket{} as of {}: {} late, {} on time, {} open, {} cancelled, {} without a rule; {} with a breached "
      "target, {} at risk",
      tickets, tickets == 1 ? "" : "s", format_rfc3339(as_of, tz), late, on_time, open, cancelled, none, breached,
      at_risk);
}

std::string format_hm(Instant micros) {
  bool neg = micros < 0;
  if (neg) micros = -micros;
  Instant s = micros / kMicrosPerSecond;
  std::string out = s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s / 60 % 60) : fmt::format("{}m", s / 60);
  if (s % 60) out += fmt::format("{:02}s", s % 60);
  if (micros % kMicrosPerSecond) out = fmt::format("{}s", format_seconds(micros));
  return (neg ? "-" : "") + out;
}

namespace {

std::string target_cell(const TargetResult& t) {
  if (t.status == TargetStatus::Pending && t.at_risk) return "at_risk";
  return std::string(to_string(t.status));
}

std::optional<Instant> earliest_due(const TicketSla& t) {
  std::optional<Instant> d;
  for (const auto& x : t.targets)
    if (x.status == TargetStatus::Pending && x.due && (!d || *x.due < *d)) d = x.due;
  return d;
}

bool listed(const TicketSla& t) { return t.any(TargetStatus::Breached) || t.at_risk(); }

}  // namespace

void write_sla_json(JsonWriter& w, const TicketSla& t, const TimeZone& tz) {
  w.begin_object();
  w.field("ticket", t.ticket).field("outlet", t.outlet).field("region", t.region);
  w.key("rule");
  if (t.rule_index < 0) w.null();
  else w.value(t.rule);
  w.field("status", to_string(t.status));
  w.key("targets").begin_object();
  for (const auto& x : t.targets) {
    w.key(to_string(x.target)).begin_object();
    w.field("status", to_string(x.status));
    switch (x.status) {
      case TargetStatus::Met:
        w.key("elapsed_s").raw(format_seconds(x.elapsed));
        w.key("target_s").raw(format_seconds(x.limit.micros));
        break;
      case TargetStatus::Breached:
        w.key("elapsed_s").raw(format_seconds(x.elapsed));
        w.key("target_s").raw(format_seconds(x.limit.micros));
        w.key("overdue_s").raw(format_seconds(x.overdue));
        break;
      case TargetStatus::Pending:
        w.field("at_risk", x.at_risk);
        w.key("elapsed_s").raw(format_seconds(x.elapsed));
        w.key("target_s").raw(format_seconds(x.limit.micros));
        w.key("due");
        if (x.due) w.value(format_rfc3339(*x.due, tz));
        else w.null();
        break;
      case TargetStatus::NotApplicable:
        w.key("target_s").raw(format_seconds(x.limit.micros));
        break;
    }
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

std::vector<std::string> sla_columns(Format f) {
  if (f == Format::Table)
    return {"TICKET", "OUTLET", "REGION", "RULE", "STATUS", "RESPONSE", "ARRIVAL", "RESOLUTION", "FOLLOWUP", "OVERDUE", "DUE"};
  return {"ticket", "outlet", "region", "rule", "status", "response", "arrival", "resolution", "followup",
          "overdue_s", "due"};
}

std::vector<std::string> sla_row(const TicketSla& t, const TimeZone& tz, Format f) {
  const bool table = f == Format::Table;
  std::vector<std::string> row = {t.ticket, t.outlet, t.region, t.rule, std::string(to_string(t.status))};
  for (Target tg : kTargets) {
    auto it = std::find_if(t.targets.begin(), t.targets.end(), [tg](const TargetResult& x) { return x.target == tg; });
    row.push_back(it == t.targets.end() ? (table ? "-" : "") : target_cell(*it));
  }
  const bool breach = t.any(TargetStatus::Breached);
  if (table) row.push_back(breach ? format_hm(t.max_overdue()) : "");
  else row.push_back(breach ? format_seconds(t.max_overdue()) : "");
  auto due = earliest_due(t);
  row.push_back(!due ? "" : table ? format_local_minutes(*due, tz) : format_rfc3339(*due, tz));
  return row;
}

void explain_sla(std::ostream& out, const TicketSla& t, const Policy& policy, Instant as_of) {
  const TimeZone& tz = policy.tz;
  out << fmt::format("ticket {} as of {}\n", t.ticket, format_rfc3339(as_of, tz));
  if (!t.created) {
    out << "  not created as of then: no SLA\n";
    return;
  }
  out << fmt::format("  created   {}  {}, {}{}, {} / {}\n", format_local_minutes(*t.created, tz), t.type, t.urgency,
                     t.channel.empty() ? "" : ", " + t.channel, t.region, t.outlet);
  // Why the rule: each rule before it and why it did not hold, then the one that did.
  TicketFacts f;
  f.ticket = t.ticket, f.type = t.type, f.urgency = t.urgency, f.channel = t.channel;
  f.region = t.region, f.outlet = t.outlet;
  f.distance_km = t.distance_km;
  for (int i = 0; i < (t.rule_index < 0 ? int(policy.rules.size()) : t.rule_index); ++i) {
    const auto& r = policy.rules[std::size_t(i)];
    out << fmt::format("  rule      {}: does not apply ({})\n", r.name, rule_mismatch(r, f));
  }
  if (t.rule_index < 0) {
    out << "  rule      none: no rule matches, so the ticket has no targets\n";
  } else {
    out << fmt::format("  rule      {}: applies ({})\n", t.rule, t.rule_reason);
  }
  for (const auto& p : t.pauses)
    out << fmt::format("  paused    {} - {}\n", format_local_minutes(p.from, tz),
                       p.to ? format_local_minutes(*p.to, tz) : "still paused");
  if (!t.engineer.empty()) out << fmt::format("  engineer  {}\n", t.engineer);
  std::string state = t.cancelled ? "cancelled" : t.closed ? "closed" : t.paused ? "paused" : "open";
  out << fmt::format("  ticket    {}; SLA status {}\n\n", state, to_string(t.status));
  if (t.targets.empty()) return;
  Table tab;
  tab.headers = {"TARGET", "LIMIT", "CLOCK", "START", "STOP", "MEASURED TO", "ELAPSED", "DUE", "STATUS"};
  tab.align = {Align::Left, Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left, Align::Left};
  for (const auto& x : t.targets) {
    const bool measured = x.status != TargetStatus::NotApplicable;
    std::string status(to_string(x.status));
    if (x.status == TargetStatus::Breached) status += " by " + format_hm(x.overdue);
    if (x.status == TargetStatus::Pending && x.at_risk) status += " (at risk)";
    std::string due = x.status != TargetStatus::Pending ? "" : x.due ? format_local_minutes(*x.due, tz) : "none while paused";
    tab.add({std::string(to_string(x.target)), x.limit.text, x.limit.clock == Clock::Calendar ? "calendar" : "business",
             x.start ? format_local_minutes(*x.start, tz) : "not started", x.stop ? format_local_minutes(*x.stop, tz) : "-",
             measured ? format_local_minutes(x.clock_end, tz) : "-", measured ? format_hm(x.elapsed) : "-", due, status});
  }
  write_table(out, tab);
}

SlaCounts audit_sla(Store& store, const Policy& policy, const SlaAuditOptions& o, std::ostream& out) {
  const TimeZone& tz = policy.tz;
  BusinessCalendar cal(policy.calendar, tz);
  SlaStoreView view(store, o.as_of, o.ticket);
  SlaCounts counts;

  // Which tickets, in which order.
  std::vector<std::size_t> order;
  if (!o.ticket.empty()) {
    if (view.size() == 0) {
      if (store.ticket_events(o.ticket).empty()) throw NoInputError(fmt::format("no ticket '{}' in the store", o.ticket));
      throw NoInputError(fmt::format("ticket '{}' was not created as of {}", o.ticket, format_rfc3339(o.as_of, tz)));
    }
    order.push_back(0);
  } else {
    std::vector<std::pair<Instant, std::size_t>> flagged;  // (overdue, index) for the default listing
    for (std::size_t i = 0; i < view.size(); ++i) {
      if (!o.filter.matches(view.created(i), view.outlet(i), view.region(i), tz)) continue;
      TicketSla t = view.evaluate(i, policy, cal);
      counts.add(t);
      if (o.all) order.push_back(i);
      else if (listed(t)) flagged.emplace_back(t.max_overdue(), i);
    }
    if (o.all) {
      auto ids = view.by_ticket_id();
      std::vector<char> keep(view.size(), 0);
      for (auto i : order) keep[i] = 1;
      order.clear();
      for (auto i : ids)
        if (keep[i]) order.push_back(i);
    } else {
      std::sort(flagged.begin(), flagged.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first > b.first;
        return view.ticket(a.second) < view.ticket(b.second);
      });
      for (auto& f : flagged) order.push_back(f.second);
    }
  }

  if (!o.ticket.empty() && o.format == Format::Table) {
    TicketSla t = view.evaluate(0, policy, cal, true);
    counts.add(t);
    counts.listed = 1;
    explain_sla(out, t, policy, o.as_of);
    return counts;
  }

  counts.listed = std::int64_t(order.size());
  if (o.format == Format::Json) {
    JsonWriter w(out);
    w.begin_object();
    w.field("as_of", format_rfc3339(o.as_of, tz));
    w.key("tickets").begin_array();
    for (auto i : order) {
      TicketSla t = view.evaluate(i, policy, cal);
      if (!o.ticket.empty()) counts.add(t);
      write_sla_json(w, t, tz);
    }
    w.end_array().end_object();
    w.newline();
  } else if (o.format == Format::Csv) {
    write_csv_row(out, sla_columns(o.format));
    for (auto i : order) {
      TicketSla t = view.evaluate(i, policy, cal);
      if (!o.ticket.empty()) counts.add(t);
      write_csv_row(out, sla_row(t, tz, o.format));
    }
  } else {
    Table tab;
    tab.headers = sla_columns(o.format);
    tab.align.assign(tab.headers.size(), Align::Left);
    tab.align[9] = Align::Right;
    for (auto i : order) tab.add(sla_row(view.evaluate(i, policy, cal), tz, o.format));
    if (!tab.rows.empty()) write_table(out, tab);
    out << counts.line(o.as_of, tz) << "\n";
  }
  return counts;
}

// ---------------------------------------------------------------------------

std::int64_t audit_integrity(Store& store, const Policy& policy, const IntegrityOptions& o, std::ostream& out) {
  const TimeZone& tz = policy.tz;
  std::vector<Finding> all;
  store.for_each_ticket([&](std::vector<Event>& evs) {
    const Event* created = nullptr;
    for (const auto& e : evs)
      if (e.kind == EventKind::Created && e.ts <= o.as_of) {
        created = &e;
        break;
      }
    if (!created) return;
    if (!o.filter.matches(created->ts, created->get(Field::Outlet), created->get(Field::Region), tz)) return;
    for (auto& f : integrity_findings(evs, o.as_of)) all.push_back(std::move(f));
  });
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    if (a.ts != b.ts) return a.ts < b.ts;
    return a.ticket < b.ticket;
  });
  if (o.format == Format::Json) {
    JsonWriter w(out);
    w.begin_object();
    w.field("as_of", format_rfc3339(o.as_of, tz));
    w.key("findings").begin_array();
    for (const auto& f : all) {
      w.begin_object();
      w.field("ticket", f.ticket).field("check", to_string(f.check)).field("event", f.event_id);
      w.field("kind", to_string(f.kind)).field("ts", format_rfc3339(f.ts, tz)).field("outlet", f.outlet);
      w.key("engineer");
      if (f.engineer.empty()) w.null();
      else w.value(f.engineer);
      w.field("detail", f.detail);
      w.end_object();
    }
    w.end_array().end_object();
    w.newline();
  } else {
    Table t;
    const bool csv = o.format == Format::Csv;
    t.headers = csv ? std::vector<std::string>{"ticket", "check", "event", "kind", "ts", "outlet", "engineer", "detail"}
                    : std::vector<std::string>{"TICKET", "CHECK", "EVENT", "KIND", "TIME", "OUTLET", "ENGINEER", "DETAIL"};
    for (const auto& f : all)
      t.add({f.ticket, std::string(to_string(f.check)), f.event_id, std::string(to_string(f.kind)),
             csv ? format_rfc3339(f.ts, tz) : format_local_minutes(f.ts, tz), f.outlet,
             f.engineer.empty() && !csv ? "-" : f.engineer, f.detail});
    if (csv) {
      write_csv(out, t);
    } else {
      if (!t.rows.empty()) write_table(out, t);
      out << fmt::format("{} finding{} as of {}\n", all.size(), all.size() == 1 ? "" : "s", format_rfc3339(o.as_of, tz));
    }
  }
  return std::int64_t(all.size());
}

}  // namespace svc
