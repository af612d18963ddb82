// The SLA audit's writers: the ticket filter and counts, table and CSV rows,
// the machine-readable JSON (spec §6) and --explain.
#include "audit.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <sstream>

#include "digest.hpp"
#include "projection_scan.hpp"
#include "error.hpp"
#include "audit_internal.hpp"

namespace svc {

using namespace audit_detail;

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

void SlaCounts::add(const SlaCounts& o) {
  tickets += o.tickets, late += o.late, on_time += o.on_time, open += o.open, cancelled += o.cancelled;
  none += o.none, breached += o.breached, at_risk += o.at_risk, listed += o.listed;
}

std::string SlaCounts::line(Instant as_of, const TimeZone& tz) const {
  return fmt::format(
      "{} ticket{} as of {}: {} late, {} on time, {} open, {} cancelled, {} without a rule; {} with a breached "
      "target, {} at risk",
      tickets, tickets == 1 ? "" : "s", format_rfc3339_s(as_of, tz), late, on_time, open, cancelled, none, breached,
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

}  // namespace

namespace audit_detail {

void append_json_string(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) break;
      ++i;
      continue;
    }
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || i + len > n) break;
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) ok = ok && (p[i + k] & 0xC0) == 0x80;
    if (c == 0xE0 && p[i + 1] < 0xA0) ok = false;   // overlong
    if (c == 0xED && p[i + 1] >= 0xA0) ok = false;  // surrogate
    if (c == 0xF0 && p[i + 1] < 0x90) ok = false;   // overlong
    if (c == 0xF4 && p[i + 1] >= 0x90) ok = false;  // beyond U+10FFFF
    if (!ok) break;
    i += len;
  }
  if (i == n) {
    out += '"';
    out.append(s);
    out += '"';
  } else {
    out += json_escape(s);
  }
}

}  // namespace audit_detail

namespace {

void append_key(std::string& out, std::string_view k) {
  out += '"';
  out.append(k);
  out += "\":";
}

}  // namespace

void append_sla_json(std::string& out, const TicketSla& t, const TimeZone& tz) {
  out += '{';
  append_key(out, "ticket");
  append_json_string(out, t.ticket);
  out += ',';
  append_key(out, "outlet");
  append_json_string(out, t.outlet);
  out += ',';
  append_key(out, "region");
  append_json_string(out, t.region);
  out += ',';
  append_key(out, "rule");
  if (t.rule_index < 0) out += "null";
  else append_json_string(out, t.rule);
  out += ',';
  append_key(out, "status");
  append_json_string(out, to_string(t.status));
  out += ',';
  append_key(out, "targets");
  out += '{';
  bool first = true;
  for (const auto& x : t.targets) {
    if (!first) out += ',';
    first = false;
    append_key(out, to_string(x.target));
    out += "{\"status\":";
    append_json_string(out, to_string(x.status));
    auto num = [&](std::string_view k, Instant v) {
      out += ',';
      append_key(out, k);
      if (v % kMicrosPerSecond == 0) {  // whole seconds, as format_seconds writes them, without a string
        char buf[24];
        out.append(buf, std::size_t(std::to_chars(buf, buf + sizeof buf, v / kMicrosPerSecond).ptr - buf));
      } else {
        out += format_seconds(v);
      }
    };
    switch (x.status) {
      case TargetStatus::Met:
        num("elapsed_s", x.elapsed);
        num("target_s", x.limit.micros);
        break;
      case TargetStatus::Breached:
        num("elapsed_s", x.elapsed);
        num("target_s", x.limit.micros);
        num("overdue_s", x.overdue);
        break;
      case TargetStatus::Pending:
        out += x.at_risk ? ",\"at_risk\":true" : ",\"at_risk\":false";
        num("elapsed_s", x.elapsed);
        num("target_s", x.limit.micros);
        out += ",\"due\":";
        if (x.due) append_json_string(out, format_rfc3339(*x.due, tz));
        else out += "null";
        break;
      case TargetStatus::NotApplicable:
        num("target_s", x.limit.micros);
        break;
    }
    out += '}';
  }
  out += "}}";
}

void write_sla_json(JsonWriter& w, const TicketSla& t, const TimeZone& tz) {
  std::string buf;
  append_sla_json(buf, t, tz);
  w.raw(buf);
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
  out << fmt::format("ticket {} as of {}\n", t.ticket, format_rfc3339_s(as_of, tz));
  if (!t.created) {
    out << "  not created as of then: no SLA\n";
    return;
  }
  out << fmt::format("  created   {}  {}, {}{}, {} / {}\n", format_local_minutes(*t.created, tz), t.type, t.urgency,
                     t.channel.empty() ? "" : ", " + t.channel, t.region, t.outlet);
  if (t.ticket_due) out << fmt::format("  due       {}  (the ticket's own due time)\n", format_local_minutes(*t.ticket_due, tz));
  // Why the rule: each rule before it and why it did not hold, then the one that did.
  TicketFacts f;
  f.ticket = t.ticket, f.type = t.type, f.urgency = t.urgency, f.channel = t.channel;
  f.region = t.region, f.outlet = t.outlet;
  f.customer = t.customer, f.product = t.product, f.serial = t.serial;
  f.distance_km = t.distance_km;
  f.due = t.ticket_due;
  for (int i = 0; i < (t.rule_index < 0 ? int(policy.rules.size()) : t.rule_index); ++i) {
    const auto& r = policy.rules[std::size_t(i)];
    out << fmt::format("  rule      {} does not apply: {}\n", r.name, rule_mismatch(r, f));
  }
  if (t.rule_index < 0) {
    out << "  rule      none: no rule matches, so the ticket has no targets\n";
  } else {
    out << fmt::format("  rule      {} applies: {}\n", t.rule, t.rule_reason);
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

}  // namespace svc
