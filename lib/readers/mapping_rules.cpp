// Parsing and checking a --map rules file (load_map_rules).
#include <fmt/format.h>

#include <algorithm>
#include <toml++/toml.h>

#include "error.hpp"
#include "mapping_internal.hpp"

namespace svc {

using namespace mapping_detail;

namespace {

int column_index(std::string_view name) {
  const auto& names = column_names();
  for (int i = 0; i < kColumnCount; ++i)
    if (names[i] == name) return i;
  return -1;
}

int line_of(const toml::node& n) { return int(n.source().begin.line); }

}  // namespace

MapRules load_map_rules(const std::string& path) {
  MapRules r;
  r.path = path;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (e.source().begin.line == 0) throw NoInputError(fmt::format("cannot read the rules file '{}'", path));
    throw DataError(fmt::format("rules '{}' is not valid TOML", path),
                    {fmt::format("{}:{}: {}", path, e.source().begin.line, e.description())});
  } catch (const std::exception& e) {
    throw NoInputError(fmt::format("cannot read the rules file '{}': {}", path, e.what()));
  }
  std::vector<std::string> problems;
  auto bad = [&](const toml::node& n, std::string m) { problems.push_back(fmt::format("{}:{}: {}", path, line_of(n), m)); };
  // A regular expression RE2 compiles (the case folding does not change that),
  // else a problem naming the rule and the start of a long pattern.
  auto check_pattern = [&](const toml::node& n, const std::string& rule, const std::string& text) {
    std::string why;
    if (compile_pattern(text, false, why)) return true;
    std::string shown = text.size() > 60 ? fmt::format("{}… ({} bytes)", text.substr(0, 60), text.size()) : text;
    bad(n, fmt::format("{}: '{}' is not a regular expression svc accepts: {}", rule, shown, why));
    return false;
  };
  auto unknown_key = [&](const toml::node& n, const std::string& k, const std::vector<std::string>& known,
                         const std::string& where) {
    std::string hint = nearest(k, known);
    bad(n, fmt::format("unknown key '{}' in {}{}", k, where, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  };
  auto str = [&](const toml::node& n, const std::string& what) -> std::optional<std::string> {
    if (auto v = n.value<std::string>()) return *v;
    bad(n, fmt::format("{} must be a string", what));
    return std::nullopt;
  };
  auto spec_column = [&](const toml::node& n, const std::string& k, const std::string& where) -> int {
    if (k == "id" || k == "ts" || k == "ticket" || k == "event" || parse_field(k)) return column_index(k);
    std::string hint = nearest(k, column_names());
    bad(n, fmt::format("'{}' in {} is not a column of the service log{}", k, where,
                       hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    return -1;
  };
  const std::vector<std::string> top = {"source",   "columns", "constants", "values",     "patterns",
                                        "defaults", "times",   "request",   "snapshot", "transitions",
                                        "skip",     "only"};
  // when = [{ column = "SOURCE", equals|not_equals|matches|empty|before|not_before = … }, …]
  auto conditions = [&](const toml::node* n, const std::string& where, std::vector<MapRules::Condition>& out) {
    if (!n || !n->is_array()) {
      if (n) bad(*n, fmt::format("{} when must be an array of {{ column = \"…\", equals = \"…\" }}", where));
      return;
    }
    for (auto& c : *n->as_array()) {
      if (!c.is_table()) {
        bad(c, fmt::format("{} when: each condition is {{ column = \"…\", equals = \"…\" }}", where));
        continue;
      }
      MapRules::Condition cond;
      cond.line = line_of(c);
      int ops = 0;
      for (auto& [ck, cn] : *c.as_table()) {
        std::string key(ck.str());
        static const std::vector<std::pair<std::string, MapRules::Condition::Op>> kOps = {
            {"equals", MapRules::Condition::Equals},   {"not_equals", MapRules::Condition::NotEquals},
            {"matches", MapRules::Condition::Matches}, {"empty", MapRules::Condition::Empty},
            {"before", MapRules::Condition::Before},   {"not_before", MapRules::Condition::NotBefore}};
        if (key == "column") {
          if (auto v = str(cn, "column")) cond.column = *v;
          continue;
        }
        auto op = std::find_if(kOps.begin(), kOps.end(), [&](const auto& o) { return o.first == key; });
        if (op == kOps.end()) {
          unknown_key(cn, key, {"column", "equals", "not_equals", "matches", "empty", "before", "not_before"},
                      where + " when");
          continue;
        }
        ++ops;
        cond.op = op->second;
        if (cond.op == MapRules::Condition::Empty) {
          if (auto b = cn.value<bool>()) cond.op = *b ? MapRules::Condition::Empty : MapRules::Condition::NotEmpty;
          else bad(cn, "empty must be true or false");
        } else if (auto v = str(cn, key)) {
          cond.arg = *v;
          if (cond.op == MapRules::Condition::Matches) check_pattern(cn, where + " when: matches", *v);
        }
      }
      if (cond.column.empty()) bad(c, fmt::format("{} when: a condition needs column = \"SOURCE COLUMN\"", where));
      if (ops != 1) bad(c, fmt::format("{} when: a condition needs exactly one of equals, not_equals, matches, empty, "
                                       "before, not_before", where));
      out.push_back(std::move(cond));
    }
  };
  for (auto& [key, node] : root) {
    std::string k(key.str());
    if (k == "skip" || k == "only") {
      if (!node.is_array_of_tables()) {
        bad(node, fmt::format("{} must be written [[{}]]", k, k));
        continue;
      }
      for (auto& item : *node.as_array()) {
        const toml::table& t = *item.as_table();
        std::string where = fmt::format("[[{}]]", k);
        for (auto& [ik, in] : t) {
          std::string s(ik.str());
          const std::vector<std::string> known = k == "skip" ? std::vector<std::string>{"reason", "when"}
                                                             : std::vector<std::string>{"event", "when"};
          if (std::find(known.begin(), known.end(), s) == known.end()) unknown_key(in, s, known, where);
        }
        std::vector<MapRules::Condition> when;
        conditions(t.get("when"), where, when);
        if (!t.get("when")) bad(item, fmt::format("{} needs when = [{{ column = \"…\", equals = \"…\" }}]", where));
        if (k == "skip") {
          auto reason = t.get("reason") ? str(*t.get("reason"), "reason") : std::nullopt;
          if (!t.get("reason")) bad(item, "[[skip]] needs reason = \"why these rows are left out\"");
          if (reason) r.skips.push_back({*reason, std::move(when)});
        } else {
          auto ev = t.get("event") ? str(*t.get("event"), "event") : std::nullopt;
          if (!t.get("event")) bad(item, "[[only]] needs event = \"EVENT\"");
          if (!ev) continue;
          auto kind = parse_event_kind(*ev);
          if (!kind) bad(*t.get("event"), fmt::format("'{}' is not an event", *ev));
          else r.onlys.push_back({*kind, std::move(when)});
        }
      }
      continue;
    }
    if (std::find(top.begin(), top.end(), k) == top.end()) {
      unknown_key(node, k, top, "the rules");
      continue;
    }
    if (!node.is_table()) {
      bad(node, fmt::format("[{}] must be a table", k));
      continue;
    }
    const toml::table& t = *node.as_table();
    if (k == "source") {
      const std::vector<std::string> keys = {"rows", "timezone", "ts_format", "case_insensitive"};
      for (auto& [sk, sn] : t) {
        std::string s(sk.str());
        if (s == "case_insensitive") {
          if (auto v = sn.value<bool>()) r.fold_case = *v;
          else bad(sn, "case_insensitive must be true or false");
        } else if (s == "rows") {
          if (auto v = str(sn, "rows")) {
            if (*v == "events") r.rows = RowKind::Events;
            else if (*v == "request") r.rows = RowKind::Request;
            else if (*v == "snapshot") r.rows = RowKind::Snapshot;
            else bad(sn, fmt::format("rows must be events, request or snapshot, got '{}'", *v));
          }
        } else if (s == "timezone") {
          if (auto v = str(sn, "timezone")) {
            if (TimeZone::exists(*v)) r.timezone = *v;
            else bad(sn, fmt::format("unknown time zone '{}' (expected an IANA name such as Europe/London)", *v));
          }
        } else if (s == "ts_format") {
          if (auto v = str(sn, "ts_format")) {
            r.ts_format = *v;
            if (*v != "rfc3339") {
              std::string why;
              for (size_t i = 0; i + 1 < v->size(); ++i)
                if ((*v)[i] == '%') {
                  char d = (*v)[++i];
                  if (std::string("YmdHIMSpzfb%").find(d) == std::string::npos)
                    bad(sn, fmt::format("ts_format: unknown directive %{} (known: %Y %m %d %H %I %M %S %p %z %f %b)", d));
                }
              if (v->find("%Y") == std::string::npos || v->find("%d") == std::string::npos ||
                  (v->find("%m") == std::string::npos && v->find("%b") == std::string::npos))
                bad(sn, "ts_format needs %Y, %m (or %b) and %d, or \"rfc3339\"");
            }
          }
        } else {
          unknown_key(sn, s, keys, "[source]");
        }
      }
    } else if (k == "defaults") {
      for (auto& [ck, cn] : t) {
        std::string c(ck.str());
        int ix = spec_column(cn, c, "[defaults]");
        auto v = str(cn, fmt::format("defaults.{}", c));
        if (ix < 0 || !v) continue;
        if (ix == kColEvent && !v->empty() && !parse_event_kind(*v)) bad(cn, fmt::format("'{}' is not an event", *v));
        r.defaults[ix] = *v;
      }
    } else if (k == "times") {
      for (auto& [ek, en] : t) {
        std::string e(ek.str());
        auto kind = parse_event_kind(e);
        auto v = str(en, fmt::format("times.{}", e));
        if (!kind) {
          std::string hint = nearest(e, event_kind_names());
          bad(en, fmt::format("'{}' in [times] is not an event{}", e,
                              hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
          continue;
        }
        if (v) r.times[*kind] = *v, r.time_lines[*kind] = line_of(en);
      }
    } else if (k == "patterns") {
      for (auto& [ck, cn] : t) {
        std::string c(ck.str());
        int ix = spec_column(cn, c, "[patterns]");
        if (ix < 0) continue;
        if (!cn.is_table()) {
          bad(cn, fmt::format("[patterns.{}] must be a table of \"regular expression\" = \"value\"", c));
          continue;
        }
        for (auto& [pk, pn] : *cn.as_table()) {
          auto v = str(pn, fmt::format("patterns.{}.\"{}\"", c, pk.str()));
          if (!v) continue;
          if (!check_pattern(pn, fmt::format("[patterns.{}]", c), std::string(pk.str()))) continue;
          if (ix == kColEvent && !v->empty() && !parse_event_kind(*v)) bad(pn, fmt::format("'{}' is not an event", *v));
          r.patterns[ix].push_back({line_of(pn), std::string(pk.str()), *v});
        }
        std::sort(r.patterns[ix].begin(), r.patterns[ix].end(),
                  [](const MapRules::Pattern& a, const MapRules::Pattern& b) { return a.line < b.line; });
      }
    } else if (k == "transitions") {
      for (auto& [tk, tn] : t) {
        std::string key(tk.str());
        auto arrow = key.find("->");
        auto v = str(tn, fmt::format("transitions.\"{}\"", key));
        if (arrow == std::string::npos) {
          bad(tn, fmt::format("transition '{}' must be \"FROM STATE -> TO STATE\"", key));
          continue;
        }
        if (!v) continue;
        if (!v->empty() && !parse_event_kind(*v)) {
          std::string hint = nearest(*v, event_kind_names());
          bad(tn, fmt::format("'{}' is not an event{}", *v, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
          continue;
        }
        r.transitions[{trim(key.substr(0, arrow)), trim(key.substr(arrow + 2))}] = *v;
      }
    } else if (k == "columns" || k == "constants") {
      for (auto& [ck, cn] : t) {
        std::string c(ck.str());
        int ix = spec_column(cn, c, "[" + k + "]");
        auto v = str(cn, fmt::format("{}.{}", k, c));
        if (ix < 0 || !v) continue;
        if (k == "columns") r.columns[ix] = *v, r.column_lines[ix] = line_of(cn);
        else r.constants[ix] = *v;
      }
    } else if (k == "values") {
      for (auto& [ck, cn] : t) {
        std::string c(ck.str());
        int ix = spec_column(cn, c, "[values]");
        if (ix < 0) continue;
        if (!cn.is_table()) {
          bad(cn, fmt::format("[values.{}] must be a table of \"source value\" = \"value\"", c));
          continue;
        }
        for (auto& [vk, vn] : *cn.as_table())
          if (auto v = str(vn, fmt::format("values.{}.\"{}\"", c, vk.str()))) {
            if (ix == kColEvent && !v->empty() && !parse_event_kind(*v)) {
              std::string hint = nearest(*v, event_kind_names());
              bad(vn, fmt::format("'{}' is not an event{}", *v, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            }
            r.values[ix][std::string(vk.str())] = *v;
          }
      }
    } else if (k == "request") {
      for (auto& [sk, sn] : t) {
        std::string s(sk.str());
        if (s == "opened") {
          if (auto v = str(sn, "opened")) r.opened = *v, r.opened_line = line_of(sn);
        } else if (s == "closed") {
          if (auto v = str(sn, "closed")) r.closed = *v, r.closed_line = line_of(sn);
        } else if (s == "completed") {
          if (auto v = str(sn, "completed")) r.completed = *v, r.completed_line = line_of(sn);
        } else {
          unknown_key(sn, s, {"opened", "closed", "completed"}, "[request]");
        }
      }
    } else if (k == "snapshot") {
      for (auto& [sk, sn] : t) {
        std::string s(sk.str());
        if (s == "state") {
          if (auto v = str(sn, "state")) r.state = *v, r.state_line = line_of(sn);
        } else if (s == "open_on_first_row") {
          if (auto v = sn.value<bool>()) r.open_on_first_row = *v;
          else bad(sn, "open_on_first_row must be true or false");
        } else if (s == "on_change") {
          if (!sn.is_table()) {
            bad(sn, "[snapshot.on_change] must be a table of column = \"event\"");
            continue;
          }
          for (auto& [ok, on] : *sn.as_table()) {
            int ix = spec_column(on, std::string(ok.str()), "[snapshot.on_change]");
            auto v = str(on, "on_change value");
            if (ix < 0 || !v) continue;
            if (auto ek = parse_event_kind(*v)) r.on_change[ix] = *ek;
            else bad(on, fmt::format("'{}' is not an event", *v));
          }
        } else {
          unknown_key(sn, s, {"state", "on_change", "open_on_first_row"}, "[snapshot]");
        }
      }
    }
  }
  auto need = [&](bool ok, const std::string& m) {
    if (!ok) problems.push_back(fmt::format("{}:1: {}", path, m));
  };
  need(r.columns.count(kColTicket) > 0, "[columns] must name the source column of 'ticket'");
  switch (r.rows) {
    case RowKind::Events:
      need(r.columns.count(kColTs) > 0, "[columns] must name the source column of 'ts'");
      need(r.columns.count(kColEvent) > 0 || r.constants.count(kColEvent) > 0,
           "[columns] or [constants] must give 'event'");
      break;
    case RowKind::Request:
      need(!r.opened.empty(), "rows = \"request\" needs [request] opened = \"SOURCE COLUMN\"");
      break;
    case RowKind::Snapshot:
      need(r.columns.count(kColTs) > 0, "[columns] must name the source column of 'ts'");
      need(!r.state.empty(), "rows = \"snapshot\" needs [snapshot] state = \"SOURCE COLUMN\"");
      need(r.values.count(kColEvent) > 0 || r.patterns.count(kColEvent) > 0, "rows = \"snapshot\" needs [values.event] mapping each state to an event");
      break;
  }
  if (!problems.empty()) {
    // the message first: the problems are moved into the error
    std::string what = fmt::format("rules '{}' have {} problem{}", path, problems.size(), problems.size() == 1 ? "" : "s");
    throw DataError(what, std::move(problems));
  }
  return r;
}

}  // namespace svc
