#include "maint.hpp"
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

namespace {


std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    auto p = s.find(sep, start);
    out.push_back(trim_blanks(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start)));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

bool valid_id(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-'; });
}

std::optional<double> number_of(std::string_view s) {
  std::string t = trim_blanks(s);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string num_text(double v) { return fmt::format("{}", v); }

void bind_opt(SQLite::Statement& q, int i, const std::string& v) {
  if (v.empty()) q.bind(i);
  else q.bind(i, v);
}

std::string text_col(SQLite::Statement& q, int i) { return q.getColumn(i).isNull() ? "" : q.getColumn(i).getString(); }

Asset asset_of_row(SQLite::Statement& q) {
  Asset a;
  a.id = q.getColumn(0).getString();
  a.kind = q.getColumn(1).getString();
  a.site = text_col(q, 2);
  a.customer = text_col(q, 3);
  a.outlet = q.getColumn(4).getString();
  if (!q.getColumn(5).isNull()) a.installed = parse_date(q.getColumn(5).getString());
  auto j = nlohmann::json::parse(q.getColumn(6).getString(), nullptr, false);
  if (j.is_object())
    for (auto& [k, v] : j.items())
      if (v.is_string()) a.attrs[k] = v.get<std::string>();
  if (!q.getColumn(7).isNull()) a.retired = q.getColumn(7).getInt64();
  a.retired_reason = text_col(q, 8);
  return a;
}

std::vector<ChecklistItem> checklist_of(Store& s, const std::string& plan) {
  std::vector<ChecklistItem> v;
  SQLite::Statement q(s.db(),
                      "SELECT key, type, unit, min_value, max_value, required, urgent FROM maint_checklist WHERE plan = ? "
                      "ORDER BY pos");
  q.bind(1, plan);
  while (q.executeStep()) {
    ChecklistItem c;
    c.key = q.getColumn(0).getString();
    c.type = q.getColumn(1).getString();
    c.unit = text_col(q, 2);
    if (!q.getColumn(3).isNull()) c.min = q.getColumn(3).getDouble();
    if (!q.getColumn(4).isNull()) c.max = q.getColumn(4).getDouble();
    c.required = q.getColumn(5).getInt() != 0;
    c.urgent = q.getColumn(6).getInt() != 0;
    v.push_back(std::move(c));
  }
  return v;
}

MaintPlan plan_of_row(Store& s, SQLite::Statement& q) {
  MaintPlan p;
  p.id = q.getColumn(0).getString();
  p.name = q.getColumn(1).getString();
  p.selector = parse_selector(q.getColumn(2).getString());
  p.interval = *parse_interval(q.getColumn(3).getString());
  p.start = *parse_date(q.getColumn(4).getString());
  p.min_crew = q.getColumn(5).getInt();
  p.checklist = checklist_of(s, p.id);
  return p;
}

std::vector<std::string> plan_ids(Store& s) {
  std::vector<std::string> v;
  SQLite::Statement q(s.db(), "SELECT id FROM maint_plans ORDER BY id");
  while (q.executeStep()) v.push_back(q.getColumn(0).getString());
  return v;
}

// Due dates of one plan for one asset up to `to` (after-in-service: also before the plan's start).
std::vector<Day> dates_of(const MaintPlan& p, const Asset& a, Day to, const MaintPolicy& mp) {
  Day from = p.interval.kind == Interval::Kind::AfterService ? Day(-1000000) : p.start;
  return due_dates(p.interval, p.start, a.installed, from, to, mp);
}

// Generated tickets of a plan and asset: due date -> (ticket, done). A due
// date is done when its visit is recorded, or when its ticket is closed or
// cancelled by `svc ticket` as of `as_of` (closed: the work was done and
// accepted; cancelled: the due date is retired).
std::map<Day, std::pair<std::string, bool>> work_of(Store& s, const std::string& plan, const std::string& asset,
                                                    Instant as_of) {
  std::map<Day, std::pair<std::string, bool>> m;
  SQLite::Statement q(s.db(),
                      "SELECT w.due, w.ticket, v.ticket IS NOT NULL FROM maint_work w LEFT JOIN maint_visits v ON "
                      "v.ticket = w.ticket WHERE w.plan = ? AND w.asset = ?");
  q.bind(1, plan);
  q.bind(2, asset);
  while (q.executeStep()) {
    std::string t = q.getColumn(1).getString();
    bool done = q.getColumn(2).getInt() != 0;
    if (!done) {
      Phase ph = derive_state(s.ticket_events(t), as_of).phase;
      done = ph == Phase::Closed || ph == Phase::Cancelled;
    }
    m[*parse_date(q.getColumn(0).getString())] = {t, done};
  }
  return m;
}

// Re-planning (docs/maint.md): when a plan's due dates move (the policy's
// spring day changes, an asset's install date is corrected), generated work
// whose date is no longer a due date is "stale". A due date d without work of
// its own takes the place of the nearest stale date less than half a step
// away (the same season or round of work): returns that stale date, or nullopt.
std::optional<Day> replaced_date(const MaintPlan& p, const Asset& a, const MaintPolicy& mp,
                                 const std::map<Day, std::pair<std::string, bool>>& work, Day d) {
  if (work.empty()) return std::nullopt;
  Day last = std::max(d, work.rbegin()->first);
  auto sched = dates_of(p, a, last, mp);
  int half = p.interval.kind == Interval::Kind::Days           ? p.interval.n / 2
             : p.interval.kind == Interval::Kind::Months       ? p.interval.n * 15
             : p.interval.kind == Interval::Kind::SpringAutumn ? 91
                                                               : 1000000;  // a one-off: any other date
  std::optional<Day> best;
  for (auto& kv : work) {
    Day w = kv.first;
    if (std::find(sched.begin(), sched.end(), w) != sched.end()) continue;  // still a due date
    if (std::abs(w - d) >= std::max(half, 1)) continue;
    if (!best || std::abs(w - d) < std::abs(*best - d)) best = w;
  }
  return best;
}

}  // namespace

// ---------------------------------------------------------------- selectors

Selector parse_selector(std::string_view s) {
  Selector sel;
  sel.text = trim_blanks(s);
  if (sel.text.empty() || sel.text == "*") return sel;
  for (const std::string& clause : split(s, ',')) {
    static const char* ops[] = {"!=", ">=", "<=", "=", ">", "<"};
    SelectorTerm t;
    size_t at = std::string::npos;
    for (const char* op : ops) {
      auto p = clause.find(op);
      if (p != std::string::npos && (at == std::string::npos || p < at)) at = p, t.op = op;
    }
    // at the same position a two-character operator wins over its prefix
    if (at != std::string::npos)
      for (const char* op : ops)
        if (clause.compare(at, std::string(op).size(), op) == 0) {
          t.op = op;
          break;
        }
    if (at == std::string::npos)
      throw UsageError(fmt::format("--select '{}': '{}' is not a condition FIELD=VALUE (operators = != >= <= > <)",
                                   sel.text, clause));
    t.field = trim_blanks(clause.substr(0, at));
    std::string value = trim_blanks(clause.substr(at + t.op.size()));
    if (t.field.empty() || value.empty())
      throw UsageError(fmt::format("--select '{}': '{}' needs a field and a value", sel.text, clause));
    if (t.op == "=" || t.op == "!=") {
      t.values = split(value, '|');
      for (auto& v : t.values)
        if (v.empty()) throw UsageError(fmt::format("--select '{}': empty alternative in '{}'", sel.text, clause));
    } else {
      if (!number_of(value))
        throw UsageError(fmt::format("--select '{}': '{}' compares with {} but '{}' is not a number", sel.text, clause,
                                     t.op, value));
      t.values = {value};
    }
    sel.terms.push_back(std::move(t));
  }
  return sel;
}

bool matches(const Selector& sel, const Asset& a) {
  for (const SelectorTerm& t : sel.terms) {
    std::optional<std::string> have;
    if (t.field == "kind") have = a.kind;
    else if (t.field == "site") have = a.site;
    else if (t.field == "customer") have = a.customer;
    else if (t.field == "outlet") have = a.outlet;
    else if (auto it = a.attrs.find(t.field); it != a.attrs.end()) have = it->second;
    if (!have || have->empty()) {
      if (t.op == "!=") continue;  // an absent attribute differs from every value
      return false;
    }
    auto hn = number_of(*have);
    auto eq = [&](const std::string& v) {
      auto vn = number_of(v);
      return hn && vn ? *hn == *vn : *have == v;
    };
    if (t.op == "=" || t.op == "!=") {
      bool any = std::any_of(t.values.begin(), t.values.end(), eq);
      if ((t.op == "=") != any) return false;
      continue;
    }
    double v = *number_of(t.values[0]);
    if (!hn) return false;
    bool ok = t.op == ">=" ? *hn >= v : t.op == "<=" ? *hn <= v : t.op == ">" ? *hn > v : *hn < v;
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------- checklist items

ChecklistItem parse_item(std::string_view s) {
  auto parts = split(s, ':');
  ChecklistItem c;
  if (parts.size() < 2)
    throw UsageError(fmt::format("--item '{}': expected KEY:TYPE[:UNIT][:MIN..MAX][:optional][:urgent], TYPE number|yesno|text", s));
  c.key = parts[0];
  c.type = parts[1];
  if (!valid_id(c.key, 64))
    throw UsageError(fmt::format("--item '{}': the key must be 1-64 characters from A-Z a-z 0-9 . _ -", s));
  if (c.type != "number" && c.type != "yesno" && c.type != "text")
    throw UsageError(fmt::format("--item '{}': unknown type '{}' (number, yesno or text)", s, c.type));
  for (size_t i = 2; i < parts.size(); ++i) {
    const std::string& t = parts[i];
    if (t == "optional") {
      c.required = false;
    } else if (t == "urgent") {
      if (c.type == "text") throw UsageError(fmt::format("--item '{}': a text item has no findings to be urgent", s));
      c.urgent = true;
    } else if (auto dd = t.find(".."); dd != std::string::npos) {
      if (c.type != "number") throw UsageError(fmt::format("--item '{}': limits are for number items only", s));
      std::string lo = t.substr(0, dd), hi = t.substr(dd + 2);
      if (!lo.empty()) {
        c.min = number_of(lo);
        if (!c.min) throw UsageError(fmt::format("--item '{}': '{}' is not a number", s, lo));
      }
      if (!hi.empty()) {
        c.max = number_of(hi);
        if (!c.max) throw UsageError(fmt::format("--item '{}': '{}' is not a number", s, hi));
      }
      if (c.min && c.max && *c.min > *c.max)
        throw UsageError(fmt::format("--item '{}': the minimum {} is above the maximum {}", s, *c.min, *c.max));
    } else if (!t.empty() && c.type == "number" && c.unit.empty()) {
      c.unit = t;
    } else {
      throw UsageError(fmt::format("--item '{}': unexpected '{}' (a unit and MIN..MAX are for numbers; or 'optional', 'urgent')", s, t));
    }
  }
  return c;
}

std::string item_spec(const ChecklistItem& c) {
  std::string s = c.key + ":" + c.type;
  if (!c.unit.empty()) s += ":" + c.unit;
  if (c.min || c.max) s += ":" + (c.min ? num_text(*c.min) : "") + ".." + (c.max ? num_text(*c.max) : "");
  if (!c.required) s += ":optional";
  if (c.urgent) s += ":urgent";
  return s;
}

std::optional<std::string> check_value(const ChecklistItem& c, const std::string& raw, std::string& why,
                                       std::string& finding) {
  finding.clear();
  std::string v = trim_blanks(raw);
  if (c.type == "number") {
    auto n = number_of(v);
    if (!n) {
      why = fmt::format("{}: '{}' is not a number", c.key, raw);
      return std::nullopt;
    }
    std::string u = c.unit.empty() ? "" : " " + c.unit;
    if (c.min && *n < *c.min) finding = fmt::format("{}{} is below the minimum {}{}", num_text(*n), u, num_text(*c.min), u);
    if (c.max && *n > *c.max) finding = fmt::format("{}{} is above the maximum {}{}", num_text(*n), u, num_text(*c.max), u);
    return num_text(*n);
  }
  if (c.type == "yesno") {
    std::string l;
    for (char ch : v) l += char(std::tolower((unsigned char)ch));
    if (l == "yes" || l == "y" || l == "true" || l == "1" || l == "是") return std::string("yes");
    if (l == "no" || l == "n" || l == "false" || l == "0" || l == "否") {
      finding = "answered no";
      return std::string("no");
    }
    why = fmt::format("{}: '{}' is not yes or no", c.key, raw);
    return std::nullopt;
  }
  return v;
}

// ---------------------------------------------------------------- assets and plans

void add_asset(Store& s, const Asset& a) {
  if (!valid_id(a.id, 32))
    throw DataError(fmt::format("asset id '{}' is not valid: 1-32 characters from A-Z a-z 0-9 . _ -", a.id));
  if (a.kind.empty()) throw DataError("an asset needs --kind");
  s.write([&] {
    get_outlet(s, a.outlet);
    if (find_asset(s, a.id)) throw DataError(fmt::format("asset '{}' already exists", a.id));
    nlohmann::json j = nlohmann::json::object();
    for (auto& [k, v] : a.attrs) j[k] = v;
    SQLite::Statement q(s.db(),
                        "INSERT INTO maint_assets(id, kind, site, customer, outlet, installed, attrs, added_at) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, a.id);
    q.bind(2, a.kind);
    bind_opt(q, 3, a.site);
    bind_opt(q, 4, a.customer);
    q.bind(5, a.outlet);
    bind_opt(q, 6, a.installed ? format_date(*a.installed) : "");
    q.bind(7, j.dump());
    q.bind(8, std::int64_t(svc::now()));
    q.exec();
  });
}

std::optional<Asset> find_asset(Store& s, const std::string& id) {
  SQLite::Statement q(s.db(),
                      "SELECT id, kind, site, customer, outlet, installed, attrs, retired_at, retired_reason FROM maint_assets "
                      "WHERE id = ?");
  q.bind(1, id);
  if (q.executeStep()) return asset_of_row(q);
  return std::nullopt;
}

std::vector<Asset> list_assets(Store& s, const std::string& outlet, const std::string& kind, bool include_retired) {
  std::vector<Asset> v;
  SQLite::Statement q(s.db(),
                      "SELECT id, kind, site, customer, outlet, installed, attrs, retired_at, retired_reason FROM "
                      "maint_assets WHERE (?1 IS NULL OR outlet = ?1) AND (?2 IS NULL OR kind = ?2) AND (?3 OR "
                      "retired_at IS NULL) ORDER BY id");
  bind_opt(q, 1, outlet);
  bind_opt(q, 2, kind);
  q.bind(3, include_retired ? 1 : 0);
  while (q.executeStep()) v.push_back(asset_of_row(q));
  return v;
}

namespace {
Asset asset_for_change(Store& s, const std::string& id) {
  auto a = find_asset(s, id);
  if (!a) {
    std::vector<std::string> ids;
    for (auto& x : list_assets(s, "", "", true)) ids.push_back(x.id);
    std::string hint = nearest(id, ids);
    throw NotFound(fmt::format("unknown asset '{}'{}", id, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  if (a->retired) throw DataError(fmt::format("asset '{}' is retired ({}): nothing changed", id, a->retired_reason));
  return *a;
}
}  // namespace

void update_asset(Store& s, const std::string& id, const AssetPatch& p) {
  if (p.kind && p.kind->empty()) throw DataError("--kind cannot be empty");
  if (p.outlet && p.outlet->empty()) throw DataError("--outlet cannot be empty");
  s.write([&] {
    Asset a = asset_for_change(s, id);
    if (p.kind) a.kind = *p.kind;
    if (p.site) a.site = *p.site;
    if (p.customer) a.customer = *p.customer;
    if (p.outlet) a.outlet = get_outlet(s, *p.outlet).id;
    if (p.installed) a.installed = *p.installed;
    for (auto& k : p.unset_attrs) {
      if (!a.attrs.count(k)) throw DataError(fmt::format("asset '{}' has no attribute '{}' to unset", id, k));
      a.attrs.erase(k);
    }
    for (auto& kv : p.set_attrs) a.attrs[kv.first] = kv.second;
    nlohmann::json j = nlohmann::json::object();
    for (auto& kv : a.attrs) j[kv.first] = kv.second;
    SQLite::Statement q(s.db(),
                        "UPDATE maint_assets SET kind = ?, site = ?, customer = ?, outlet = ?, installed = ?, attrs = ? "
                        "WHERE id = ?");
    q.bind(1, a.kind);
    bind_opt(q, 2, a.site);
    bind_opt(q, 3, a.customer);
    q.bind(4, a.outlet);
    bind_opt(q, 5, a.installed ? format_date(*a.installed) : "");
    q.bind(6, j.dump());
    q.bind(7, a.id);
    q.exec();
  });
}

std::vector<std::string> retire_asset(Store& s, const Policy& pol, const std::string& id, const std::string& reason,
                                      Instant at) {
  if (trim_blanks(reason).empty()) throw DataError("retiring an asset needs --reason: why it leaves service");
  if (at > svc::now()) throw DataError("--at is in the future");
  std::vector<std::string> cancelled;
  s.write([&] {
    Asset a = asset_for_change(s, id);
    SQLite::Statement q(s.db(), "UPDATE maint_assets SET retired_at = ?, retired_reason = ? WHERE id = ?");
    q.bind(1, std::int64_t(at));
    q.bind(2, trim_blanks(reason));
    q.bind(3, a.id);
    q.exec();
    SQLite::Statement w(s.db(),
                        "SELECT w.ticket FROM maint_work w WHERE w.asset = ? AND NOT EXISTS (SELECT 1 FROM maint_visits "
                        "v WHERE v.ticket = w.ticket) ORDER BY w.due, w.ticket");
    w.bind(1, a.id);
    std::vector<std::string> open;
    while (w.executeStep()) open.push_back(w.getColumn(0).getString());
    for (auto& t : open) {
      Phase ph = derive_state(s.ticket_events(t), at).phase;
      if (ph != Phase::New && ph != Phase::Responded && ph != Phase::Scheduled) continue;
      cancel_ticket(s, pol, t, at, fmt::format("asset {} retired: {}", a.id, trim_blanks(reason)));
      cancelled.push_back(t);
    }
  });
  return cancelled;
}

void check_selector_fields(Store& s, const Selector& sel) {
  std::vector<std::string> known = {"kind", "site", "customer", "outlet"};
  for (auto& a : list_assets(s, "", "", true))
    for (auto& kv : a.attrs)
      if (std::find(known.begin(), known.end(), kv.first) == known.end()) known.push_back(kv.first);
  for (auto& t : sel.terms) {
    if (std::find(known.begin(), known.end(), t.field) != known.end()) continue;
    std::string hint = nearest(t.field, known);
    throw UsageError(fmt::format("--select '{}': '{}' is neither kind, site, customer, outlet nor an attribute of any "
                                 "asset{}",
                                 sel.text, t.field, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
}

void add_plan(Store& s, const MaintPlan& p) {
  if (!valid_id(p.id, 16))
    throw DataError(fmt::format("plan id '{}' is not valid: 1-16 characters from A-Z a-z 0-9 . _ -", p.id));
  if (p.name.empty()) throw DataError("a plan needs --name");
  if (p.min_crew < 1 || p.min_crew > 100) throw DataError(fmt::format("--crew {} must be from 1 to 100", p.min_crew));
  if (p.checklist.empty()) throw DataError("a plan needs at least one checklist --item");
  std::set<std::string> keys;
  for (auto& c : p.checklist)
    if (!keys.insert(c.key).second) throw DataError(fmt::format("checklist item '{}' is given twice", c.key));
  s.write([&] {
    check_selector_fields(s, p.selector);
    auto ids = plan_ids(s);
    if (std::find(ids.begin(), ids.end(), p.id) != ids.end())
      throw DataError(fmt::format("plan '{}' already exists", p.id));
    SQLite::Statement q(s.db(),
                        "INSERT INTO maint_plans(id, name, selector, interval, start, min_crew, added_at) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, p.id);
    q.bind(2, p.name);
    q.bind(3, p.selector.text);
    q.bind(4, p.interval.text);
    q.bind(5, format_date(p.start));
    q.bind(6, p.min_crew);
    q.bind(7, std::int64_t(svc::now()));
    q.exec();
    int pos = 0;
    for (auto& c : p.checklist) {
      SQLite::Statement i(s.db(),
                          "INSERT INTO maint_checklist(plan, pos, key, type, unit, min_value, max_value, required, "
                          "urgent) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
      i.bind(1, p.id);
      i.bind(2, ++pos);
      i.bind(3, c.key);
      i.bind(4, c.type);
      bind_opt(i, 5, c.unit);
      if (c.min) i.bind(6, *c.min);
      if (c.max) i.bind(7, *c.max);
      i.bind(8, c.required ? 1 : 0);
      i.bind(9, c.urgent ? 1 : 0);
      i.exec();
    }
  });
}

std::vector<MaintPlan> list_plans(Store& s) {
  std::vector<MaintPlan> v;
  SQLite::Statement q(s.db(), "SELECT id, name, selector, interval, start, min_crew FROM maint_plans WHERE retired_at "
                              "IS NULL ORDER BY id");
  while (q.executeStep()) v.push_back(plan_of_row(s, q));
  return v;
}

MaintPlan get_plan(Store& s, const std::string& id) {
  SQLite::Statement q(s.db(), "SELECT id, name, selector, interval, start, min_crew FROM maint_plans WHERE id = ?");
  q.bind(1, id);
  if (q.executeStep()) return plan_of_row(s, q);
  std::string hint = nearest(id, plan_ids(s));
  throw NotFound(fmt::format("unknown plan '{}'{}", id, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

namespace {
MaintPlan plan_for_change(Store& s, const std::string& id) {
  MaintPlan p = get_plan(s, id);  // NotFound, did you mean
  SQLite::Statement q(s.db(), "SELECT retired_reason FROM maint_plans WHERE id = ? AND retired_at IS NOT NULL");
  q.bind(1, id);
  if (q.executeStep())
    throw DataError(fmt::format("plan '{}' is retired ({}): nothing changed", id, q.getColumn(0).getString()));
  return p;
}
}  // namespace

void update_plan(Store& s, const std::string& id, const PlanPatch& patch) {
  s.write([&] {
    MaintPlan p = plan_for_change(s, id);
    if (patch.name) {
      if (patch.name->empty()) throw DataError("--name cannot be empty");
      p.name = *patch.name;
    }
    if (patch.selector) {
      check_selector_fields(s, *patch.selector);
      p.selector = *patch.selector;
    }
    if (patch.interval) p.interval = *patch.interval;
    if (patch.start) p.start = *patch.start;
    if (patch.min_crew) {
      if (*patch.min_crew < 1 || *patch.min_crew > 100)
        throw DataError(fmt::format("--crew {} must be from 1 to 100", *patch.min_crew));
      p.min_crew = *patch.min_crew;
    }
    SQLite::Statement q(s.db(),
                        "UPDATE maint_plans SET name = ?, selector = ?, interval = ?, start = ?, min_crew = ? WHERE id = ?");
    q.bind(1, p.name);
    q.bind(2, p.selector.text);
    q.bind(3, p.interval.text);
    q.bind(4, format_date(p.start));
    q.bind(5, p.min_crew);
    q.bind(6, p.id);
    q.exec();
  });
}

std::vector<std::string> retire_plan(Store& s, const Policy& pol, const std::string& id, const std::string& reason,
                                     Instant at) {
  if (trim_blanks(reason).empty()) throw DataError("retiring a plan needs --reason: why it ends");
  if (at > svc::now()) throw DataError("--at is in the future");
  std::vector<std::string> cancelled;
  s.write([&] {
    MaintPlan p = plan_for_change(s, id);
    SQLite::Statement q(s.db(), "UPDATE maint_plans SET retired_at = ?, retired_reason = ? WHERE id = ?");
    q.bind(1, std::int64_t(at));
    q.bind(2, trim_blanks(reason));
    q.bind(3, p.id);
    q.exec();
    SQLite::Statement w(s.db(),
                        "SELECT w.ticket FROM maint_work w WHERE w.plan = ? AND NOT EXISTS (SELECT 1 FROM maint_visits "
                        "v WHERE v.ticket = w.ticket) ORDER BY w.due, w.ticket");
    w.bind(1, p.id);
    std::vector<std::string> open;
    while (w.executeStep()) open.push_back(w.getColumn(0).getString());
    for (auto& t : open) {
      Phase ph = derive_state(s.ticket_events(t), at).phase;
      if (ph != Phase::New && ph != Phase::Responded && ph != Phase::Scheduled) continue;
      cancel_ticket(s, pol, t, at, fmt::format("plan {} retired: {}", p.id, trim_blanks(reason)));
      cancelled.push_back(t);
    }
  });
  return cancelled;
}

// ---------------------------------------------------------------- due and generate

std::vector<DueRow> due_work(Store& s, const Policy& pol, Instant as_of, int within_days, const std::string& outlet) {
  Day today = pol.tz.local_day(as_of);
  Day horizon = today + within_days;
  std::vector<DueRow> rows;
  auto assets = list_assets(s, outlet);
  for (const MaintPlan& p : list_plans(s)) {
    for (const Asset& a : assets) {
      if (!matches(p.selector, a)) continue;
      auto dates = dates_of(p, a, horizon, pol.maint);
      if (dates.empty()) continue;
      auto work = work_of(s, p.id, a.id, as_of);
      DueRow r;
      for (Day d : dates) {
        auto it = work.find(d);
        if (it != work.end() && it->second.second) continue;  // visited, closed or cancelled
        if (it == work.end()) {  // re-planned: the work of its round done under its old date
          auto old = replaced_date(p, a, pol.maint, work, d);
          if (old && work.at(*old).second) continue;
        }
        if (r.open++ == 0) {
          r.first_due = d;
          r.ticket = it != work.end() ? it->second.first : "";
        }
      }
      if (!r.open) continue;
      r.plan = p.id, r.asset = a.id, r.outlet = a.outlet, r.kind = a.kind, r.site = a.site;
      r.overdue = r.first_due < today;
      rows.push_back(std::move(r));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const DueRow& x, const DueRow& y) {
    return std::tie(x.outlet, x.first_due, x.asset, x.plan) < std::tie(y.outlet, y.first_due, y.asset, y.plan);
  });
  return rows;
}

Table due_table(const std::vector<DueRow>& rows) {
  Table t;
  t.headers = {"outlet", "due", "status", "open", "plan", "asset", "kind", "site", "ticket"};
  t.align = {Align::Left, Align::Left, Align::Left, Align::Right};
  for (auto& r : rows)
    t.add({r.outlet, format_date(r.first_due), r.overdue ? "overdue" : "due", std::to_string(r.open), r.plan, r.asset,
           r.kind, r.site, r.ticket});
  return t;
}

std::string maint_ticket_id(const std::string& plan, const std::string& asset, Day due) {
  std::string d = format_date(due);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  return fmt::format("M-{}-{}-{}", plan, asset, d);
}

namespace {
struct DryRunRollback {};  // thrown out of the write of a dry run: the transaction rolls back
}  // namespace

GenerateResult generate(Store& s, const Policy& pol, Day until, Instant at, bool dry_run) {
  GenerateResult res;
  try {
  s.write([&] {
    auto assets = list_assets(s);
    std::map<std::string, bool> active;  // outlet -> active
    for (const MaintPlan& p : list_plans(s)) {
      for (const Asset& a : assets) {
        if (!matches(p.selector, a)) continue;
        if (!active.count(a.outlet)) {
          auto o = find_outlet(s, a.outlet);
          active[a.outlet] = o && o->active;
        }
        if (!active[a.outlet]) {  // skipped with a warning; the other outlets' work goes on
          auto& v = res.skipped[a.outlet];
          if (std::find(v.begin(), v.end(), a.id) == v.end()) v.push_back(a.id);
          continue;
        }
        auto work = work_of(s, p.id, a.id, at);
        for (Day d : dates_of(p, a, until, pol.maint)) {
          if (work.count(d)) {
            ++res.existing;
            continue;
          }
          // the clocks start when the work is due: the created event is the
          // start of the due day; a due day still ahead waits for a later run
          Instant created = pol.tz.day_start(d);
          if (created > at) {
            ++res.later;
            continue;
          }
          std::string new_id = maint_ticket_id(p.id, a.id, d);
          if (auto old = replaced_date(p, a, pol.maint, work, d)) {
            auto& [old_ticket, done] = work[*old];
            if (done) {  // the work of this round was done (or retired) under its old date
              ++res.existing;
              continue;
            }
            cancel_ticket(s, pol, old_ticket, std::max(created, derive_state(s.ticket_events(old_ticket), at).last_ts.value_or(created)),
                          fmt::format("superseded by {}: plan {} now falls due {} instead of {}", new_id, p.id,
                                      format_date(d), format_date(*old)));
            res.superseded.push_back(old_ticket);
            done = true;
          }
          CreateRequest r;
          r.ticket = new_id;
          r.at = created;
          r.type = "maintenance";
          r.outlet = a.outlet;
          r.customer = a.customer;
          r.address = a.site;
          r.fault = fmt::format("planned maintenance {} ({}, {}) of {} {} due {}", p.id, p.name, p.interval.text, a.kind,
                                a.id, format_date(d));
          create_ticket(s, pol, r);
          SQLite::Statement q(s.db(),
                              "INSERT INTO maint_work(ticket, plan, asset, due, generated_at) VALUES(?, ?, ?, ?, ?)");
          q.bind(1, r.ticket);
          q.bind(2, p.id);
          q.bind(3, a.id);
          q.bind(4, format_date(d));
          q.bind(5, std::int64_t(at));
          q.exec();
          res.created.push_back(r.ticket);
        }
      }
    }
    if (dry_run) throw DryRunRollback{};
  });
  } catch (const DryRunRollback&) {
  }
  return res;
}

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
