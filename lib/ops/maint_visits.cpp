// Maintenance: visits recorded (svc maint record) and the station log (maint visit list|show).
#include "maint.hpp"
#include "maint_internal.hpp"
#include "seals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "error.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "ticket_state.hpp"
#include "masterdata.hpp"
#include "small_csv.hpp"
#include "ticket.hpp"


namespace svc {

using namespace maint_detail;

// ---------------------------------------------------------------- record

void read_results_csv(const std::string& path, RecordRequest& r) {
  CsvFile f = read_small_csv(path);
  auto cols = map_columns(f, {"key", "value"}, {"key", "value"});
  for (auto& rec : f.records) {
    std::string k, v;
    for (size_t i = 0; i < cols.size() && i < rec.fields.size(); ++i) (cols[i] == 0 ? k : v) = rec.fields[i];
    r.values.emplace_back(trim_blanks(k), v);
    r.where.push_back(fmt::format("{}:{}", f.name, rec.line));
  }
}

std::vector<VisitRecord> visit_records(Store& s, const std::string& ticket) {
  std::vector<VisitRecord> v;
  SQLite::Statement q(s.db(),
                      "SELECT 1, at, crew, crew_size, missing, repair FROM maint_visits WHERE ticket = ?1 UNION ALL "
                      "SELECT seq, at, crew, crew_size, missing, repair FROM maint_revisits WHERE ticket = ?1 ORDER BY 1");
  q.bind(1, ticket);
  while (q.executeStep()) {
    VisitRecord r;
    r.seq = q.getColumn(0).getInt();
    r.at = q.getColumn(1).getInt64();
    r.crew = q.getColumn(2).getString();
    r.crew_size = q.getColumn(3).getInt();
    r.missing = q.getColumn(4).getString();
    r.repair = text_col(q, 5);
    SQLite::Statement x(s.db(), r.seq == 1
                                    ? "SELECT key, value, finding FROM maint_results WHERE ticket = ? ORDER BY rowid"
                                    : "SELECT key, value, finding FROM maint_revisit_results WHERE ticket = ? AND "
                                      "seq = ? ORDER BY rowid");
    x.bind(1, ticket);
    if (r.seq != 1) x.bind(2, r.seq);
    while (x.executeStep()) r.results.emplace_back(x.getColumn(0).getString(), x.getColumn(1).getString(), text_col(x, 2));
    v.push_back(std::move(r));
  }
  return v;
}

std::vector<VisitRow> list_visits(Store& s, const std::string& outlet, const std::string& plan,
                                  const std::string& asset) {
  std::vector<VisitRow> out;
  SQLite::Statement q(s.db(),
                      "SELECT v.ticket, w.plan, p.name, w.asset, a.kind, a.site, a.outlet, w.due, p.min_crew FROM "
                      "maint_visits v JOIN maint_work w ON w.ticket = v.ticket JOIN maint_assets a ON a.id = w.asset "
                      "JOIN maint_plans p ON p.id = w.plan WHERE (?1 IS NULL OR a.outlet = ?1) AND (?2 IS NULL OR "
                      "w.plan = ?2) AND (?3 IS NULL OR w.asset = ?3) ORDER BY v.ticket");
  bind_opt(q, 1, outlet);
  bind_opt(q, 2, plan);
  bind_opt(q, 3, asset);
  while (q.executeStep()) {
    VisitRow base;
    base.ticket = q.getColumn(0).getString();
    base.plan = q.getColumn(1).getString();
    base.plan_name = q.getColumn(2).getString();
    base.asset = q.getColumn(3).getString();
    base.kind = q.getColumn(4).getString();
    base.site = text_col(q, 5);
    base.outlet = q.getColumn(6).getString();
    base.due = *parse_date(q.getColumn(7).getString());
    base.min_crew = q.getColumn(8).getInt();
    for (auto& rec : visit_records(s, base.ticket)) {
      VisitRow r = base;
      r.complete = rec.missing.empty() && rec.crew_size >= r.min_crew;
      r.rec = std::move(rec);
      out.push_back(std::move(r));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const VisitRow& a, const VisitRow& b) {
    return std::tie(a.rec.at, a.ticket, a.rec.seq) < std::tie(b.rec.at, b.ticket, b.rec.seq);
  });
  return out;
}

std::vector<VisitRow> visit_of(Store& s, const std::string& ticket) {
  std::vector<VisitRow> v;
  for (auto& r : list_visits(s))
    if (r.ticket == ticket) v.push_back(r);
  if (v.empty()) {
    std::vector<std::string> ids;
    SQLite::Statement q(s.db(), "SELECT ticket FROM maint_visits ORDER BY ticket");
    while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
    std::string hint = nearest(ticket, ids);
    throw NotFound(fmt::format("no visit recorded for '{}'{}", ticket,
                               hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  return v;
}

Table visits_table(const std::vector<VisitRow>& rows, const TimeZone& tz) {
  Table t;
  t.headers = {"at", "ticket", "record", "outlet", "plan", "asset", "site", "crew", "status", "findings", "repair"};
  for (auto& r : rows) {
    int findings = 0;
    for (auto& x : r.rec.results)
      if (!std::get<2>(x).empty()) ++findings;
    std::string status = r.complete ? "complete" : "incomplete";
    t.add({format_rfc3339(r.rec.at, tz), r.ticket, std::to_string(r.rec.seq), r.outlet, r.plan, r.asset, r.site,
           r.rec.crew, status, std::to_string(findings), r.rec.repair});
  }
  return t;
}

namespace {

Event visit_event(const std::string& ticket, EventKind k, Instant ts, const std::string& note) {
  Event e;
  e.ticket = ticket;
  e.kind = k;
  e.ts = ts;
  if (!note.empty()) e.at(Field::Note) = note;
  return e;
}

// The ticket's life for the visit, appended like `svc ticket` steps do
// (append_events: the same validation and chain), all at the visit's time:
// responded if not yet, dispatched to the crew's first member when nobody is
// dispatched in this round, arrived unless on site, and — when no required
// item is missing — completed, its note holding the crew and every reading.
// A ticket already completed, signed or closed by `svc ticket` gets nothing.
std::vector<std::string> visit_events(Store& s, const Policy& pol, const RecordRequest& r, const TicketState& st,
                                      const std::vector<std::string>& names, const MaintPlan& plan,
                                      const std::map<std::string, std::pair<std::string, std::string>>& got,
                                      const RecordResult& res, bool complete) {
  std::vector<std::string> kinds;
  if (st.phase == Phase::Completed || st.phase == Phase::Signed || st.phase == Phase::Closed) return kinds;
  std::string crew;
  for (auto& n : names) crew += (crew.empty() ? "" : ",") + n;
  std::vector<Event> out;
  if (st.paused) out.push_back(visit_event(r.ticket, EventKind::Resumed, r.at, "maintenance visit"));
  if (!st.responded) out.push_back(visit_event(r.ticket, EventKind::Responded, r.at, "maintenance visit"));
  if (!st.engineer_this_round) {
    Event e = visit_event(r.ticket, EventKind::Dispatched, r.at, "maintenance crew: " + crew);
    e.at(Field::Engineer) = names.front();
    out.push_back(std::move(e));
  }
  if (st.phase != Phase::OnSite)
    out.push_back(visit_event(r.ticket, EventKind::Arrived, r.at, "maintenance visit, crew: " + crew));
  if (complete) {
    std::string readings;
    for (auto& c : plan.checklist) {
      auto it = got.find(c.key);
      if (it == got.end()) continue;
      readings += fmt::format("{}{}={}{}", readings.empty() ? "" : ", ", c.key, it->second.first,
                              c.unit.empty() || c.type != "number" ? "" : " " + c.unit);
      if (!it->second.second.empty()) readings += " (finding: " + it->second.second + ")";
    }
    std::string note = fmt::format("maintenance visit ({} {}), crew: {}; readings: {}", plan.id, plan.name, crew,
                                   readings.empty() ? "none" : readings);
    if (!res.repair.empty()) note += "; repair ticket " + res.repair;
    out.push_back(visit_event(r.ticket, EventKind::Completed, r.at, note));
  }
  if (out.empty()) return kinds;
  for (auto& e : out) {
    e.id = content_digest(e).substr(0, 32);
    kinds.emplace_back(to_string(e.kind));
  }
  ImportResult ir = append_events(s, pol, out, "svc maint record");
  if (ir.added != out.size())
    throw DataError(fmt::format("svc maint record: {} of the visit's events are already in the store: nothing changed",
                                out.size() - ir.added));
  return kinds;
}

}  // namespace

RecordResult record_visit(Store& s, const Policy& pol, const RecordRequest& r) {
  RecordResult res;
  if (r.at > svc::now())
    throw DataError(fmt::format("--at {} is in the future (now is {})", format_rfc3339(r.at, pol.tz),
                                format_rfc3339_s(svc::now(), pol.tz)));
  s.write([&] {
    require_ticket(s, r.ticket);  // NoInputError, did you mean
    SQLite::Statement w(s.db(), "SELECT plan, asset, due FROM maint_work WHERE ticket = ?");
    w.bind(1, r.ticket);
    if (!w.executeStep())
      throw NotFound(fmt::format("'{}' is not a maintenance ticket of svc maint (see 'svc maint due')", r.ticket));
    MaintPlan plan = get_plan(s, w.getColumn(0).getString());
    Asset asset = *find_asset(s, w.getColumn(1).getString());
    // earlier records: an incomplete or understaffed visit is completed by a later record
    auto earlier = visit_records(s, r.ticket);
    std::map<std::string, std::pair<std::string, std::string>> before;  // key -> latest value, finding
    for (auto& rec : earlier)
      for (auto& x : rec.results) before[std::get<0>(x)] = {std::get<1>(x), std::get<2>(x)};
    if (!earlier.empty()) {
      const VisitRecord& last = earlier.back();
      if (last.missing.empty() && last.crew_size >= plan.min_crew)
        throw DataError(fmt::format("the visit of '{}' is already recorded and complete: nothing changed", r.ticket));
      if (r.at < last.at)
        throw DataError(fmt::format("--at {} is before the visit's previous record ({}): nothing recorded",
                                    format_rfc3339(r.at, pol.tz), format_rfc3339(last.at, pol.tz)));
    }
    res.seq = earlier.empty() ? 1 : earlier.back().seq + 1;

    std::vector<Event> evs = s.ticket_events(r.ticket);
    TicketState st = derive_state(evs, std::max(r.at, svc::now()));
    if (st.phase == Phase::Cancelled)
      throw DataError(fmt::format("ticket '{}' is cancelled: its visit cannot be recorded, nothing changed", r.ticket));
    if (st.created && r.at < *st.created)
      throw DataError(fmt::format("--at {} is before ticket '{}' was created ({}): nothing recorded",
                                  format_rfc3339(r.at, pol.tz), r.ticket, format_rfc3339(*st.created, pol.tz)));
    if (st.last_ts && r.at < *st.last_ts && st.phase != Phase::Completed && st.phase != Phase::Signed &&
        st.phase != Phase::Closed)
      throw DataError(fmt::format("--at {} is before the ticket's last event ({}): nothing recorded",
                                  format_rfc3339(r.at, pol.tz), format_rfc3339(*st.last_ts, pol.tz)));

    // crew: the names (or engineer ids) of the people there, comma-separated;
    // a number is not a name (a head count says nothing about who was there)
    std::string crew;
    std::vector<std::string> names;
    std::vector<std::string> bad;
    for (auto& n : split(r.crew, ',')) {
      if (n.empty()) continue;
      bool number = number_of(n).has_value();
      bool printable = n.size() <= 64 && std::none_of(n.begin(), n.end(), [](char c) {
                         return (unsigned char)c < 0x20 || c == 0x7f;
                       });
      if (number || !printable || n[0] == '-') {
        bad.push_back(n);
        continue;
      }
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    if (!bad.empty())
      throw DataError(fmt::format("--crew '{}': '{}' is not a name: give the names or engineer ids of the people on "
                                  "the visit, comma-separated (张工,李工)",
                                  r.crew, bad.front()));
    if (names.empty()) throw DataError("--crew is needed: the names of the people on the visit, comma-separated");
    for (auto& n : names) crew += (crew.empty() ? "" : ",") + n;
    int size = int(names.size());
    res.understaffed = size < plan.min_crew;  // a finding, not a refusal: what was measured is kept

    std::vector<std::string> problems;
    std::map<std::string, std::pair<std::string, std::string>> got;  // key -> canonical value, finding
    std::vector<std::string> keys;
    for (auto& c : plan.checklist) keys.push_back(c.key);
    for (size_t i = 0; i < r.values.size(); ++i) {
      // (not a structured binding: clang 14, which builds the fuzz targets, cannot capture one in a lambda)
      const std::string& key = r.values[i].first;
      const std::string& raw = r.values[i].second;
      std::string where = i < r.where.size() ? r.where[i] + ": " : "";
      auto it = std::find_if(plan.checklist.begin(), plan.checklist.end(), [&](auto& c) { return c.key == key; });
      if (it == plan.checklist.end()) {
        std::string hint = nearest(key, keys);
        problems.push_back(fmt::format("{}'{}' is not an item of plan '{}'{}", where, key, plan.id,
                                       hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
        continue;
      }
      if (trim_blanks(raw).empty()) continue;  // no value: not given
      if (got.count(key)) {
        problems.push_back(fmt::format("{}'{}' is given twice", where, key));
        continue;
      }
      std::string why, finding;
      auto val = check_value(*it, raw, why, finding);
      if (!val) problems.push_back(where + why);
      else got[key] = {*val, finding};
    }
    if (!problems.empty())
      throw DataError(fmt::format("{} bad checklist value{}: nothing recorded", problems.size(),
                                  problems.size() == 1 ? "" : "s"),
                      problems);

    for (auto& c : plan.checklist) {
      auto it = got.find(c.key);
      if (it == got.end()) {
        if (c.required && !before.count(c.key)) res.missing.push_back(c.key);
      } else if (!it->second.second.empty()) {
        res.findings.emplace_back(c.key, it->second.second);
      }
    }
    std::map<std::string, std::pair<std::string, std::string>> all = before;  // every reading, the latest counting
    for (auto& kv : got) all[kv.first] = kv.second;
    std::string missing;
    for (auto& m : res.missing) missing += (missing.empty() ? "" : ",") + m;

    if (!res.findings.empty()) {
      CreateRequest cr;
      cr.ticket = res.seq == 1 ? r.ticket + "-R" : fmt::format("{}-R{}", r.ticket, res.seq);
      cr.at = r.at;
      cr.type = "repair";
      // urgent when a finding is on an item the plan marks urgent (a failed leak test)
      bool urgent = std::any_of(res.findings.begin(), res.findings.end(), [&](auto& fnd) {
        return std::any_of(plan.checklist.begin(), plan.checklist.end(),
                           [&](auto& c) { return c.key == fnd.first && c.urgent; });
      });
      cr.urgency = urgent ? "urgent" : "normal";
      cr.outlet = asset.outlet;
      cr.customer = asset.customer;
      cr.address = asset.site;
      std::string f;
      for (auto& [k, why] : res.findings) f += fmt::format("{}{}: {}", f.empty() ? "" : "; ", k, why);
      cr.fault = fmt::format("findings of maintenance {} on {} {}: {}", r.ticket, asset.kind, asset.id, f);
      create_ticket(s, pol, cr);
      res.repair = cr.ticket;
    }
    SQLite::Statement ins(s.db(), res.seq == 1
                                      ? "INSERT INTO maint_visits(ticket, at, crew, crew_size, missing, repair, "
                                        "recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?)"
                                      : "INSERT INTO maint_revisits(ticket, at, crew, crew_size, missing, repair, "
                                        "recorded_at, seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    if (res.seq != 1) ins.bind(8, res.seq);
    ins.bind(1, r.ticket);
    ins.bind(2, std::int64_t(r.at));
    ins.bind(3, crew);
    ins.bind(4, size);
    ins.bind(5, missing);
    bind_opt(ins, 6, res.repair);
    ins.bind(7, std::int64_t(svc::now()));
    ins.exec();
    seal_row(s.db(), res.seq == 1 ? "maint_visits" : "maint_revisits", s.db().getLastInsertRowid());
    res.events = visit_events(s, pol, r, st, names, plan, all, res, res.missing.empty() && !res.understaffed);
    for (auto& c : plan.checklist) {
      auto it = got.find(c.key);
      if (it == got.end()) continue;
      SQLite::Statement q(s.db(), res.seq == 1
                                      ? "INSERT INTO maint_results(ticket, key, value, finding) VALUES(?, ?, ?, ?)"
                                      : "INSERT INTO maint_revisit_results(ticket, key, value, finding, seq) "
                                        "VALUES(?, ?, ?, ?, ?)");
      if (res.seq != 1) q.bind(5, res.seq);
      q.bind(1, r.ticket);
      q.bind(2, c.key);
      q.bind(3, it->second.first);
      bind_opt(q, 4, it->second.second);
      q.exec();
      seal_row(s.db(), res.seq == 1 ? "maint_results" : "maint_revisit_results", s.db().getLastInsertRowid());
    }
  });
  return res;
}

}  // namespace svc
