// Maintenance: the shared helpers (maint_internal.hpp), asset selectors and checklist items.
#include "maint.hpp"
#include "maint_internal.hpp"
#include "seals.hpp"
#include "free_text.hpp"

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

namespace maint_detail {

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
  // the one decimal parser of every number svc reads (event.hpp): no hex, no exponent, no inf/nan
  double v;
  if (!parse_plain_decimal(t, v)) return std::nullopt;
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

}  // namespace maint_detail


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
  if (std::string m = text_problem(v); !m.empty()) {  // the free-text rule of every command (free_text.hpp)
    why = fmt::format("{}: {}", c.key, m);
    return std::nullopt;
  }
  return v;
}

}  // namespace svc
