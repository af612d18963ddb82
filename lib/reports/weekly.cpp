#include "weekly.hpp"
#include "money.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "reports.hpp"

namespace svc {

namespace {

struct Builder {
  RegionWeek r;
  std::map<std::string, OutletBreaches> outlets;
};

void add_current(Builder& b, const ReportTicket& t, const Period& week, const TimeZone& tz,
                 const std::map<std::string, std::optional<std::int64_t>>& prices, const ConsumedParts& consumed) {
  auto& r = b.r;
  r.kpis.add(t);
  ++r.by_type[t.type];
  ++r.by_channel[t.channel];
  Day d = tz.local_day(t.created) - week.first;
  if (d >= 0 && d < 7) ++r.per_day[size_t(d)];
  if (t.followed_up && t.satisfaction >= 1 && t.satisfaction <= 5) ++r.satisfaction[size_t(t.satisfaction - 1)];
  auto& o = b.outlets[t.outlet];
  o.outlet = t.outlet;
  o.breaches += t.breached_targets;
  o.late += t.status == TicketStatus::Late;
  ++o.tickets;
  if (t.complaint && !t.closed)
    r.open_complaints.push_back({t.ticket, t.outlet, t.created, t.complaint_at, t.responsible_complaint, t.complaint_note});
  const PartsCost pc = fitted_parts_cost(t, prices, consumed);
  add_to(r.parts_cents, pc.cents, "the parts total");
  r.unpriced_parts += pc.unpriced;
  add_to(r.fees_cents, t.fees_cents, "the fees total");
  add_to(r.unapproved_fees_cents, t.unapproved_fees_cents, "the unapproved fees total");
}

void finish(Builder& b, int top) {
  auto& r = b.r;
  r.kpis.finish();
  r.previous.finish();
  for (auto& [k, o] : b.outlets)
    if (o.breaches > 0) r.top_outlets.push_back(o);
  std::stable_sort(r.top_outlets.begin(), r.top_outlets.end(), [](const auto& a, const auto& b) {
    if (a.breaches != b.breaches) return a.breaches > b.breaches;
    return a.late > b.late;
  });
  if (r.top_outlets.size() > size_t(top)) r.top_outlets.resize(size_t(top));
  std::sort(r.open_complaints.begin(), r.open_complaints.end(),
            [](const auto& a, const auto& b) { return a.complained < b.complained; });
}

std::optional<double> delta(std::optional<double> a, std::optional<double> b) {
  if (!a || !b) return std::nullopt;
  return *a - *b;
}

// Control characters (line breaks in a note) would break a table row.
std::string one_line(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return s;
}

std::string points(std::optional<double> d) {
  if (!d) return "-";
  return fmt::format("{:+.1f} pt", *d * 100);
}

std::vector<std::string> channel_columns(const WeeklyReport& r) {
  std::vector<std::string> cols(kChannels.begin(), kChannels.end());
  if (r.total.by_channel.count("")) cols.push_back("");
  return cols;
}

std::int64_t count(const std::map<std::string, std::int64_t>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

void json_kpis(JsonWriter& w, const Kpis& k, const KpiPolicy* kp) {
  w.begin_object();
  w.field("tickets", k.tickets);
  w.field("on_time", k.on_time);
  w.field("late", k.late);
  w.field("open", k.open());
  w.field("timeliness", k.timeliness());
  w.field("satisfaction", k.satisfaction());
  w.field("complaint_rate", k.complaint_rate());
  w.field("first_time_fix", k.first_time_fix());
  w.field("repairs_with_serial", k.repairs_with_serial);
  w.field("repeat_repairs", k.repeat_repairs);
  w.field("repeat_repair_rate", k.repeat_repair_rate());
  w.field("response_p50_h", k.response_h(50));
  w.field("response_p90_h", k.response_h(90));
  if (kp) {
    auto c = check_kpis(k, *kp);
    w.field("timeliness_ok", c.timeliness);
    w.field("satisfaction_ok", c.satisfaction);
    w.field("complaint_rate_ok", c.complaint_rate);
  }
  w.end_object();
}

void json_region(JsonWriter& w, const RegionWeek& r, const Policy& p) {
  w.begin_object();
  w.field("region", r.region);
  w.field("tickets", r.kpis.tickets);
  w.key("by_type").begin_object();
  for (const auto& [k, v] : r.by_type) w.field(k, v);
  w.end_object();
  w.key("by_channel").begin_object();
  for (const auto& [k, v] : r.by_channel) w.field(k.empty() ? "none" : k, v);
  w.end_object();
  w.key("per_day").begin_array();
  for (auto n : r.per_day) w.value(n);
  w.end_array();
  w.key("kpis");
  json_kpis(w, r.kpis, &p.kpi);
  w.key("previous");
  json_kpis(w, r.previous, nullptr);
  w.key("change").begin_object();
  w.field("tickets", r.kpis.tickets - r.previous.tickets);
  w.field("timeliness", delta(r.kpis.timeliness(), r.previous.timeliness()));
  w.field("satisfaction", delta(r.kpis.satisfaction(), r.previous.satisfaction()));
  w.field("complaint_rate", delta(r.kpis.complaint_rate(), r.previous.complaint_rate()));
  w.field("first_time_fix", delta(r.kpis.first_time_fix(), r.previous.first_time_fix()));
  w.end_object();
  w.key("satisfaction_distribution").begin_array();
  for (auto n : r.satisfaction) w.value(n);
  w.end_array();
  w.key("top_breach_outlets").begin_array();
  for (const auto& o : r.top_outlets) {
    w.begin_object();
    w.field("outlet", o.outlet);
    w.field("breaches", o.breaches);
    w.field("late", o.late);
    w.field("tickets", o.tickets);
    w.end_object();
  }
  w.end_array();
  w.key("open_complaints").begin_array();
  for (const auto& c : r.open_complaints) {
    w.begin_object();
    w.field("ticket", c.ticket);
    w.field("outlet", c.outlet);
    w.field("created", format_rfc3339(c.created, p.tz));
    w.field("complained", format_rfc3339(c.complained, p.tz));
    w.field("responsible", c.responsible);
    w.field("note", c.note);
    w.end_object();
  }
  w.end_array();
  w.key("parts_cost").money(r.parts_cents);
  w.field("unpriced_parts", r.unpriced_parts);
  w.key("fees").money(r.fees_cents);
  w.key("unapproved_fees").money(r.unapproved_fees_cents);
  w.end_object();
}

}  // namespace

WeeklyReport weekly_report(const FactSet& tickets, const Period& week, const Period& previous,
                           Instant as_of, const std::string& region, const TimeZone& tz,
                           const std::map<std::string, std::optional<std::int64_t>>& prices,
                           const ConsumedParts& consumed, int top) {
  WeeklyReport rep;
  rep.week = week;
  rep.previous = previous;
  rep.as_of = as_of;
  rep.region = region;
  std::map<std::string, Builder> regions;
  Builder total;
  total.r.region = "all";
  if (!region.empty()) regions[region].r.region = region;
  for (const auto& t : tickets) {
    if (!region.empty() && t.region != region) continue;
    if (in_scope(t, week)) {
      auto& b = regions[t.region];
      b.r.region = t.region;
      add_current(b, t, week, tz, prices, consumed);
      add_current(total, t, week, tz, prices, consumed);
    }
  }
  for (const auto& t : tickets) {
    if (!in_scope(t, previous)) continue;
    if (auto it = regions.find(t.region); it != regions.end()) it->second.r.previous.add(t);
    if (region.empty() || t.region == region) total.r.previous.add(t);
  }
  for (auto& [k, b] : regions) {
    finish(b, top);
    rep.regions.push_back(std::move(b.r));
  }
  finish(total, top);
  rep.total = std::move(total.r);
  return rep;
}

void write_weekly_report(std::ostream& out, Format f, const WeeklyReport& r, const Policy& p) {
  if (f == Format::Html) return write_weekly_html(out, r, p);
  if (f == Format::Json) {
    JsonWriter w(out);
    w.begin_object();
    w.field("week", r.week.label);
    w.field("from", format_date(r.week.first));
    w.field("to", format_date(r.week.last));
    w.field("previous_week", r.previous.label);
    w.field("as_of", format_rfc3339(r.as_of, p.tz));
    w.key("region");
    if (r.region.empty()) w.null();
    else w.value(r.region);
    w.key("regions").begin_array();
    for (const auto& g : r.regions) json_region(w, g, p);
    w.end_array();
    w.key("total");
    json_region(w, r.total, p);
    w.end_object();
    w.newline();
    return;
  }
  auto channels = channel_columns(r);
  if (f == Format::Csv) {
    Table t;
    t.headers = {"region", "tickets", "previous_tickets"};
    for (auto ty : kServiceTypes) t.headers.push_back("type_" + std::string(ty));
    for (const auto& c : channels) t.headers.push_back("channel_" + (c.empty() ? std::string("none") : c));
    for (const char* k : {"timeliness", "satisfaction", "complaint_rate"})
      for (const char* suffix : {"", "_previous", "_ok"}) t.headers.push_back(std::string(k) + suffix);
    for (const char* h : {"first_time_fix", "first_time_fix_previous", "response_p50_h", "response_p90_h",
                          "parts_cost", "unpriced_parts", "open_complaints", "most_breaches_outlet", "most_breaches"})
      t.headers.push_back(h);
    for (const char* h : {"fees", "unapproved_fees"}) t.headers.push_back(h);
    auto b = [](std::optional<bool> v) -> std::string { return v ? (*v ? "true" : "false") : ""; };
    auto row = [&](const RegionWeek& g) {
      auto c = check_kpis(g.kpis, p.kpi);
      std::vector<std::string> x = {g.region, std::to_string(g.kpis.tickets), std::to_string(g.previous.tickets)};
      for (auto ty : kServiceTypes) x.push_back(std::to_string(count(g.by_type, std::string(ty))));
      for (const auto& ch : channels) x.push_back(std::to_string(count(g.by_channel, ch)));
      x.insert(x.end(), {raw_number(g.kpis.timeliness()), raw_number(g.previous.timeliness()), b(c.timeliness),
                         raw_number(g.kpis.satisfaction()), raw_number(g.previous.satisfaction()), b(c.satisfaction),
                         raw_number(g.kpis.complaint_rate()), raw_number(g.previous.complaint_rate()),
                         b(c.complaint_rate), raw_number(g.kpis.first_time_fix()),
                         raw_number(g.previous.first_time_fix()), raw_number(g.kpis.response_h(50)),
                         raw_number(g.kpis.response_h(90)), format_cents(g.parts_cents),
                         std::to_string(g.unpriced_parts), std::to_string(g.open_complaints.size()),
                         g.top_outlets.empty() ? "" : g.top_outlets[0].outlet,
                         g.top_outlets.empty() ? "0" : std::to_string(g.top_outlets[0].breaches)});
      x.insert(x.end(), {format_cents(g.fees_cents), format_cents(g.unapproved_fees_cents)});
      t.add(std::move(x));
    };
    for (const auto& g : r.regions) row(g);
    row(r.total);
    write_csv(out, t);
    return;
  }
  // table
  out << fmt::format(fmt::runtime(p.report.pick("Weekly report {} ({} to {}), compared with {}, as of {}{}\n\n",
                                                 "服务周报 {}（{} 至 {}），对比 {}，截至 {}{}\n\n")),
                     r.week.label, format_date(r.week.first), format_date(r.week.last), r.previous.label,
                     format_rfc3339_s(r.as_of, p.tz),
                     r.region.empty() ? "" : p.report.pick(", region ", "，区域 ") + r.region);
  Table s;
  s.headers = {"region", "tickets", "vs_prev", "timeliness", "vs_prev", "satisfaction", "vs_prev", "complaint_rate",
               "vs_prev", "first_time_fix", "parts_cost", "open_complaints"};
  for (const char* h : {"fees", "unapproved_fees"}) s.headers.push_back(h);
  s.align = {Align::Left};
  s.align.resize(s.headers.size(), Align::Right);
  auto srow = [&](const RegionWeek& g) {
    auto c = check_kpis(g.kpis, p.kpi);
    auto wm = [](std::optional<double> v, std::optional<bool> ok) {
      std::string x = percent_cell(v);
      if (ok) {
        x += ' ';
        x += mark_cell(ok);
      }
      return x;
    };
    s.add({g.region, std::to_string(g.kpis.tickets), fmt::format("{:+}", g.kpis.tickets - g.previous.tickets),
           wm(g.kpis.timeliness(), c.timeliness), points(delta(g.kpis.timeliness(), g.previous.timeliness())),
           wm(g.kpis.satisfaction(), c.satisfaction), points(delta(g.kpis.satisfaction(), g.previous.satisfaction())),
           wm(g.kpis.complaint_rate(), c.complaint_rate),
           points(delta(g.kpis.complaint_rate(), g.previous.complaint_rate())), percent_cell(g.kpis.first_time_fix()),
           parts_cell(g.parts_cents, g.unpriced_parts), std::to_string(g.open_complaints.size()), format_cents(g.fees_cents),
           format_cents(g.unapproved_fees_cents)});
  };
  for (const auto& g : r.regions) srow(g);
  srow(r.total);
  write_table(out, s);

  Table v;
  v.headers = {"region"};
  for (auto ty : kServiceTypes) v.headers.emplace_back(ty);
  for (const auto& c : channels) v.headers.push_back(c.empty() ? "(no channel)" : c);
  v.align = {Align::Left};
  v.align.resize(v.headers.size(), Align::Right);
  for (const auto* g : [&] {
         std::vector<const RegionWeek*> all;
         for (const auto& x : r.regions) all.push_back(&x);
         all.push_back(&r.total);
         return all;
       }()) {
    std::vector<std::string> x = {g->region};
    for (auto ty : kServiceTypes) x.push_back(std::to_string(count(g->by_type, std::string(ty))));
    for (const auto& ch : channels) x.push_back(std::to_string(count(g->by_channel, ch)));
    v.add(std::move(x));
  }
  out << "\n" << p.report.pick("Volume by type and channel", "按服务类型和渠道的工单量") << "\n\n";
  write_table(out, v);

  Table o;
  o.headers = {"region", "outlet", "breaches", "late", "tickets"};
  o.align = {Align::Left, Align::Left, Align::Right, Align::Right, Align::Right};
  for (const auto& g : r.regions)
    for (const auto& x : g.top_outlets)
      o.add({g.region, x.outlet, std::to_string(x.breaches), std::to_string(x.late), std::to_string(x.tickets)});
  out << "\n" << p.report.pick("Outlets with most SLA breaches", "超时最多的网点") << "\n\n";
  if (o.rows.empty()) out << "(none)\n";
  else write_table(out, o);

  Table c;
  c.headers = {"region", "ticket", "outlet", "complained", "responsible", "note"};
  for (const auto& g : r.regions)
    for (const auto& x : g.open_complaints)
      c.add({g.region, x.ticket, x.outlet, format_local_minutes(x.complained, p.tz), x.responsible ? "yes" : "no",
             one_line(x.note)});
  out << "\n" << p.report.pick("Open complaints", "未结投诉") << "\n\n";
  if (c.rows.empty()) out << "(none)\n";
  else write_table(out, c);
  out << "\nthresholds: timeliness >= " << fmt::format("{:.1f}%", p.kpi.timeliness * 100) << ", satisfaction >= "
      << fmt::format("{:.1f}%", p.kpi.satisfaction * 100) << ", complaint rate <= "
      << fmt::format("{:.1f}%", p.kpi.complaint_rate * 100) << "; vs_prev in percentage points\n"
      << "fees = approved fees collected; unapproved_fees = fees recorded with approved = no (outside the fee "
         "standard: not revenue, see 'svc audit integrity')\n";
}

}  // namespace svc
