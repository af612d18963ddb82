#include "mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <regex>
#include <set>
#include <toml++/toml.h>
#include <unordered_map>
#include <unordered_set>

#include "csv_reader.hpp"
#include "error.hpp"

namespace svc {

namespace {

int column_index(std::string_view name) {
  const auto& names = column_names();
  for (int i = 0; i < kColumnCount; ++i)
    if (names[i] == name) return i;
  return -1;
}

int line_of(const toml::node& n) { return int(n.source().begin.line); }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Which spec columns a derived event carries, in request and snapshot rows.
bool carries(EventKind k, int col) {
  if (col < 4) return true;
  Field f = static_cast<Field>(col - 4);
  switch (f) {
    case Field::Type: case Field::Urgency: case Field::Channel: case Field::Region: case Field::Outlet:
    case Field::Customer: case Field::Product: case Field::Purchased: case Field::DistanceKm: case Field::Note:
      return k == EventKind::Created;
    case Field::Engineer: return k == EventKind::Dispatched;
    case Field::Satisfaction: return k == EventKind::FollowedUp;
    case Field::Responsible: return k == EventKind::Complaint;
    case Field::Part: case Field::Qty: return k == EventKind::PartUsed;
    case Field::Amount: case Field::Approved: return k == EventKind::Fee;
    case Field::LaborHours: return k == EventKind::Completed;
    case Field::Serial: return k == EventKind::Created;  // spec v2: the unit serviced, on `created`
    case Field::Ref: return k == EventKind::Voided;      // never derived from a request or snapshot row
    case Field::Due: return k == EventKind::Created;     // svc's extension: the ticket's own due time
  }
  return false;
}

const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

}  // namespace

std::optional<Instant> parse_with_format(std::string_view s, const std::string& format, const TimeZone& tz,
                                         std::string& why) {
  s = std::string_view(s.data(), s.size());
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (format == "rfc3339" || format.empty()) {
    if (auto t = parse_timestamp(s, tz, &why)) return t;
    return std::nullopt;
  }
  int y = -1, mo = -1, d = -1, h = 0, mi = 0, sec = 0, ampm = -1;
  bool h12 = false, have_offset = false;
  std::int64_t frac = 0, offset = 0;
  size_t i = 0;
  auto fail = [&](std::string m) -> std::optional<Instant> {
    why = fmt::format("does not match the format '{}' ({})", format, m);
    return std::nullopt;
  };
  auto num = [&](int maxd, int& out) {
    size_t st = i;
    int v = 0;
    while (i < s.size() && i - st < size_t(maxd) && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i == st) return false;
    out = v;
    return true;
  };
  for (size_t f = 0; f < format.size(); ++f) {
    char c = format[f];
    if (c == ' ') {
      if (i >= s.size() || s[i] != ' ') return fail("expected a space");
      while (i < s.size() && s[i] == ' ') ++i;
      continue;
    }
    if (c != '%' || f + 1 == format.size()) {
      if (i >= s.size() || s[i] != c) return fail(fmt::format("expected '{}'", c));
      ++i;
      continue;
    }
    char k = format[++f];
    bool ok = true;
    switch (k) {
      case 'Y': {
        size_t st = i;
        ok = num(4, y) && i - st == 4;
        break;
      }
      case 'm': ok = num(2, mo); break;
      case 'd': ok = num(2, d); break;
      case 'H': ok = num(2, h); break;
      case 'I': ok = num(2, h), h12 = true; break;
      case 'M': ok = num(2, mi); break;
      case 'S': ok = num(2, sec); break;
      case 'f': {
        std::int64_t scale = 100000;
        size_t st = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') frac += (s[i++] - '0') * scale, scale /= 10;
        ok = i > st;
        break;
      }
      case 'p': {
        if (i + 2 > s.size()) return fail("expected AM or PM");
        char a = char(std::tolower(static_cast<unsigned char>(s[i])));
        char b = char(std::tolower(static_cast<unsigned char>(s[i + 1])));
        if (b != 'm' || (a != 'a' && a != 'p')) return fail("expected AM or PM");
        ampm = a == 'p';
        i += 2;
        break;
      }
      case 'b': {
        if (i + 3 > s.size()) return fail("expected a month name");
        std::string m;
        for (int q = 0; q < 3; ++q) m += char(std::tolower(static_cast<unsigned char>(s[i + q])));
        mo = -1;
        for (int q = 0; q < 12; ++q)
          if (m == kMonths[q]) mo = q + 1;
        if (mo < 0) return fail("expected a month name");
        i += 3;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;  // "September"
        break;
      }
      case 'z': {
        if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
          ++i;
          have_offset = true;
          break;
        }
        if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return fail("expected a UTC offset");
        int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
        ++i;
        size_t st = i;
        if (!num(2, oh) || i - st != 2) return fail("expected a UTC offset");
        if (i < s.size() && s[i] == ':') ++i;
        st = i;
        if (!num(2, om) || i - st != 2) return fail("expected a UTC offset");
        if (oh > 23 || om > 59) return fail("UTC offset out of range");
        offset = sign * (oh * 3600 + om * 60) * kMicrosPerSecond;
        have_offset = true;
        break;
      }
      case '%':
        if (i >= s.size() || s[i] != '%') return fail("expected '%'");
        ++i;
        break;
      default: return fail(fmt::format("unknown directive %{}", k));
    }
    if (!ok) return fail(fmt::format("bad %{}", k));
  }
  if (i != s.size()) return fail("unexpected text at the end");
  if (y < 0 || mo < 0 || d < 0) return fail("the format needs %Y, %m or %b, and %d");
  if (h12) {
    if (h < 1 || h > 12 || ampm < 0) return fail("12-hour time needs 1-12 and AM/PM");
    h = h % 12 + (ampm ? 12 : 0);
  }
  if (!valid_civil(y, unsigned(mo), unsigned(d))) return fail("no such date");
  if (h > 23 || mi > 59 || sec > 59) return fail("time of day out of range");
  std::int64_t local = (std::int64_t(days_from_civil(y, unsigned(mo), unsigned(d))) * 86400 + h * 3600 + mi * 60 + sec) *
                           kMicrosPerSecond + frac;
  if (have_offset) return local - offset;
  return tz.from_local(local);
}

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
          if (cond.op == MapRules::Condition::Matches) try {
              std::regex test(*v);
            } catch (const std::regex_error& e) {
              bad(cn, fmt::format("'{}' is not a valid regular expression ({})", *v, e.what()));
            }
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
          try {
            std::regex test(std::string(pk.str()));
          } catch (const std::regex_error& e) {
            bad(pn, fmt::format("'{}' is not a valid regular expression ({})", pk.str(), e.what()));
            continue;
          }
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

namespace {

class MappedSource : public RecordSource {
 public:
  MappedSource(const std::string& path, std::shared_ptr<const MapRules> rules, std::string display,
               const TimeZone& policy_tz)
      : in_(ByteSource::open(path, display)), reader_(*in_), rules_(std::move(rules)), name_(std::move(display)) {
    tz_ = rules_->timezone ? TimeZone::locate(*rules_->timezone) : policy_tz;
    if (!reader_.read_header(header_)) return;
    std::vector<std::string> problems;
    auto find = [&](const std::string& col, int rules_line, const std::string& what) -> int {
      for (size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == col) return int(i);
      std::string hint = nearest(col, header_);
      problems.push_back(fmt::format("{}:1: no column '{}' (named for {} in {}:{}){}", name_, col, what, rules_->path,
                                     rules_line, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
      return -1;
    };
    src_col_.fill(-1);
    for (auto& [ix, col] : rules_->columns) src_col_[ix] = find(col, rules_->column_lines.at(ix), column_names()[ix]);
    if (!rules_->opened.empty()) opened_ = find(rules_->opened, rules_->opened_line, "opened");
    if (!rules_->closed.empty()) closed_ = find(rules_->closed, rules_->closed_line, "closed");
    if (!rules_->state.empty()) state_ = find(rules_->state, rules_->state_line, "state");
    if (!rules_->completed.empty()) completed_ = find(rules_->completed, rules_->completed_line, "completed");
    for (auto& sk : rules_->skips)
      for (auto& c : sk.when) cond_cols(c, find);
    for (auto& on : rules_->onlys)
      for (auto& c : on.when) cond_cols(c, find);
    for (auto& [kind, col] : rules_->times)
      time_col_[kind] = find(col, rules_->time_lines.at(kind), fmt::format("the time of '{}'", to_string(kind)));
    auto flags = std::regex::ECMAScript | (rules_->fold_case ? std::regex::icase : std::regex::ECMAScript);
    for (auto& [ix, list] : rules_->patterns)
      for (auto& pat : list) regex_[ix].emplace_back(std::regex(pat.text, flags), pat.value);
    if (!problems.empty())
      throw DataError(fmt::format("{}: the rules '{}' do not fit its header, nothing imported", name_, rules_->path),
                      std::move(problems));
  }

  const std::string& name() const override { return name_; }
  std::string format() const override { return "map"; }
  std::vector<std::string> columns() const override { return header_; }
  std::uint64_t bytes_done() const override { return in_->position(); }
  std::uint64_t bytes_total() const override { return in_->size(); }
  std::vector<std::pair<std::string, std::string>> original() const override {
    std::vector<std::pair<std::string, std::string>> out;
    if (!cur_.row) return out;
    for (size_t i = 0; i < cur_.row->fields.size(); ++i)
      out.emplace_back(i < header_.size() ? header_[i] : fmt::format("field{}", i + 1), cur_.row->fields[i]);
    return out;
  }

  bool next(RawRecord& r) override {
    if (rules_->rows == RowKind::Snapshot && !loaded_) load_sorted();
    while (queue_.empty()) {
      if (rules_->rows == RowKind::Snapshot) {
        if (next_row_ >= rows_.size()) return false;
        row_ = &rows_[order_[next_row_++]];
      } else {
        if (header_.empty() || !read_row(one_)) return false;
        row_ = &one_;
      }
      map_row();
    }
    cur_ = std::move(queue_.front());
    queue_.pop_front();
    r.line = cur_.row->line;
    r.error = cur_.error;
    for (int i = 0; i < kColumnCount; ++i) r.col[i] = cur_.col[i];
    return true;
  }

 private:
  template <class Find>
  void cond_cols(const MapRules::Condition& c, Find& find) {
    if (!cond_col_.count(c.column)) cond_col_[c.column] = find(c.column, c.line, "a condition");
    if ((c.op == MapRules::Condition::Before || c.op == MapRules::Condition::NotBefore) && !cond_col_.count(c.arg))
      cond_col_[c.arg] = find(c.arg, c.line, "a condition");
    if (c.op == MapRules::Condition::Matches && !cond_re_.count(c.arg))
      cond_re_.emplace(c.arg, std::regex(c.arg, rules_->fold_case ? std::regex::ECMAScript | std::regex::icase
                                                                  : std::regex::ECMAScript));
  }
  bool holds(const MapRules::Condition& c) const {
    auto cell = [&](const std::string& col) {
      auto f = cond_col_.find(col);
      return f == cond_col_.end() ? std::string() : field(f->second);
    };
    std::string v = cell(c.column);
    switch (c.op) {
      case MapRules::Condition::Equals: return rules_->fold_case ? same_folded(v, c.arg) : v == c.arg;
      case MapRules::Condition::NotEquals: return !(rules_->fold_case ? same_folded(v, c.arg) : v == c.arg);
      case MapRules::Condition::Matches: return search(v, cond_re_.at(c.arg));
      case MapRules::Condition::Empty: return v.empty();
      case MapRules::Condition::NotEmpty: return !v.empty();
      case MapRules::Condition::Before:
      case MapRules::Condition::NotBefore: {
        // both cells must be readable times; otherwise the condition does not hold
        std::string why;
        auto a = parse_with_format(v, rules_->ts_format, tz_, why);
        auto b = parse_with_format(cell(c.arg), rules_->ts_format, tz_, why);
        if (!a || !b) return false;
        return c.op == MapRules::Condition::Before ? *a < *b : !(*a < *b);
      }
    }
    return false;
  }
  bool all(const std::vector<MapRules::Condition>& when) const {
    for (auto& c : when)
      if (!holds(c)) return false;
    return true;
  }
  // Whether an event of kind `k` may be derived from this row ([[only]]).
  bool allowed(EventKind k) const {
    for (auto& on : rules_->onlys)
      if (on.event == k && !all(on.when)) return false;
    return true;
  }
  std::vector<std::pair<std::string, std::uint64_t>> skipped_;

 public:
  std::vector<std::pair<std::string, std::uint64_t>> skipped() const override { return skipped_; }
  // --check: unmapped values, counted once per row.
  struct Seen {
    std::string source_column;
    std::vector<std::pair<std::string, std::uint64_t>> values;
    std::map<std::string, std::pair<size_t, std::uint64_t>> index;  // value → (position, last line)
  };
  mutable std::map<int, Seen> unmapped_;
  void note_unmapped(int ix, const std::string& v, int src = -1) const {
    if (src < 0) src = src_col_[ix];
    Seen& s = unmapped_[ix];
    if (s.source_column.empty() && src >= 0) s.source_column = header_[size_t(src)];
    auto f = s.index.find(v);
    if (f == s.index.end()) {
      s.index[v] = {s.values.size(), row_->line};
      s.values.emplace_back(v, 1);
    } else if (f->second.second != row_->line) {
      f->second.second = row_->line;
      ++s.values[f->second.first].second;
    }
  }
  const std::string& pending_error() const { return cur_.error; }
  const std::array<std::string, kColumnCount>& pending_columns() const { return cur_.col; }
  // Names the source column and value behind the first service-log column
  // the message speaks of ("type must be one of …" → column 'Kind' = '…').
  std::string explain(const std::string& message) const override {
    if (!cur_.row) return message;
    size_t best = std::string::npos;
    int which = -1;
    for (int ix = 0; ix < kColumnCount; ++ix) {
      const std::string& n = column_names()[ix];
      for (size_t at = message.find(n); at != std::string::npos; at = message.find(n, at + 1)) {
        auto word = [&](size_t i) { return std::isalnum(static_cast<unsigned char>(message[i])) || message[i] == '_'; };
        bool starts = at == 0 || !word(at - 1), ends = at + n.size() == message.size() || !word(at + n.size());
        if (starts && ends) {
          if (at < best) best = at, which = ix;
          break;
        }
      }
    }
    if (which < 0) return message;
    if (src_col_[which] >= 0) {
      size_t c = size_t(src_col_[which]);
      std::string raw = c < cur_.row->fields.size() ? trim(cur_.row->fields[c]) : "";
      if (which == kColId || which == kColTs || which == kColTicket)  // not value-mapped in practice
        return fmt::format("{} (from column '{}' = '{}')", message, header_[c], raw);
      return fmt::format("{} (from column '{}' = '{}': map it in [values.{}], [patterns.{}] or [defaults] of {})",
                         message, header_[c], raw, column_names()[which], column_names()[which], rules_->path);
    }
    if (rules_->constants.count(which))
      return fmt::format("{} (from [constants] of {})", message, rules_->path);
    return fmt::format("{} (no column or constant gives '{}' in {})", message, column_names()[which], rules_->path);
  }

 private:
  struct Row {
    std::uint64_t line = 0;
    std::vector<std::string> fields;
    std::string error;
  };
  struct Pending {
    std::array<std::string, kColumnCount> col;
    std::string error;
    const Row* row = nullptr;  // the source row it came from
  };
  bool read_row(Row& out) {
    CsvRecord rec;
    if (!reader_.next(rec)) return false;
    out.line = rec.line;
    out.error = rec.error;
    out.fields.assign(rec.fields.begin(), rec.fields.end());
    return true;
  }
  // Snapshot rows are read whole, then each ticket's rows in time order
  // (tickets in order of first appearance; equal or unreadable times keep
  // file order), so an export sorted otherwise gives the same events.
  void load_sorted() {
    loaded_ = true;
    if (header_.empty()) return;
    Row r;
    while (read_row(r)) rows_.push_back(std::move(r)), r = Row{};
    std::unordered_map<std::string, size_t> first;
    std::vector<std::pair<size_t, Instant>> key(rows_.size());
    for (size_t i = 0; i < rows_.size(); ++i) {
      row_ = &rows_[i];
      std::string t = value(kColTicket), why;
      size_t g = first.emplace(t, first.size()).first->second;
      auto ts = parse_with_format(field(src_col_[kColTs]), rules_->ts_format, tz_, why);
      key[i] = {g, ts ? *ts : std::numeric_limits<Instant>::min()};
    }
    order_.resize(rows_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return key[a] < key[b]; });
  }
  struct TicketState {
    bool seen = false;      // a row of this ticket was read
    std::string state;      // raw source state of the previous row
    bool paused = false;    // a `paused` was emitted and no `resumed` since
    bool created = false, responded = false;  // emitted once per ticket
    std::array<std::string, kColumnCount> last;  // on_change columns' previous values
  };

  std::string field(int src) const {
    if (src < 0 || size_t(src) >= row_->fields.size()) return "";
    return trim(row_->fields[size_t(src)]);
  }
  // std::regex may give up on a pathological value (too complex): a bad row
  // rather than an escaping exception.
  static bool search(const std::string& v, const std::regex& re) {
    try {
      return std::regex_search(v, re);
    } catch (const std::regex_error&) {
      throw DataError("a pattern of the rules is too complex for the value '" + v.substr(0, 80) + "'");
    }
  }
  static bool same_folded(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  }
  // Maps a source value of spec column `ix`: [values.COLUMN] (exactly, then
  // ignoring case when case_insensitive), [patterns.COLUMN] in file order,
  // [defaults]. False when nothing matched (`v` is then unchanged).
  bool lookup(int ix, std::string& v) const {
    auto m = rules_->values.find(ix);
    if (m != rules_->values.end()) {
      auto f = m->second.find(v);
      if (f != m->second.end()) return v = f->second, true;
      if (rules_->fold_case)
        for (auto& [from, to] : m->second)
          if (same_folded(from, v)) return v = to, true;
    }
    auto p = regex_.find(ix);
    if (p != regex_.end())
      for (auto& [re, to] : p->second)
        if (search(v, re)) return v = to, true;
    auto d = rules_->defaults.find(ix);
    if (d != rules_->defaults.end()) return v = d->second, true;
    return false;
  }
  bool has_map(int ix) const {
    return rules_->values.count(ix) || rules_->patterns.count(ix) || rules_->defaults.count(ix);
  }
  // The value of a spec column for this row: source column, value map, constant.
  std::string value(int ix) const {
    std::string v;
    if (src_col_[ix] >= 0) {
      v = field(src_col_[ix]);
      if ((!v.empty() || has_map(ix)) && !lookup(ix, v) && has_map(ix) && !v.empty()) note_unmapped(ix, v);
    }
    if (v.empty()) {
      auto c = rules_->constants.find(ix);
      if (c != rules_->constants.end()) v = c->second;
    }
    return v;
  }
  bool time_of(const std::string& raw, const char* what, std::string& out, std::string& err) {
    std::string why;
    auto t = parse_with_format(raw, rules_->ts_format, tz_, why);
    if (!t) {
      err = fmt::format("{} '{}' {}", what, raw, why);
      return false;
    }
    out = format_utc(*t);
    return true;
  }
  // The time of an event of kind `k` on this row: its [times] column when that
  // cell is not empty, else `row_ts`. False with `err` when it does not parse.
  bool event_time(EventKind k, const std::string& row_ts, std::string& out, std::string& err) {
    auto c = time_col_.find(k);
    if (c == time_col_.end() || field(c->second).empty()) return out = row_ts, true;
    return time_of(field(c->second), rules_->times.at(k).c_str(), out, err);
  }
  void emit(EventKind k, const std::string& row_ts, bool all_fields) {
    if (!allowed(k)) return;
    std::string ts, err;
    if (!event_time(k, row_ts, ts, err)) return error(err);
    Pending p;
    p.row = row_;
    for (int ix = 0; ix < kColumnCount; ++ix) {
      if (ix == kColTs || ix == kColEvent) continue;
      if (!all_fields && !carries(k, ix)) continue;
      if (ix == kColId && !all_fields) continue;  // one row, several events: derived ids
      p.col[ix] = value(ix);
      if (ix == kColDue && !p.col[ix].empty()) {  // a time in the export's own form, like ts
        std::string due;
        if (!time_of(p.col[ix], "due", due, err)) return error(err);
        p.col[ix] = std::move(due);
      }
    }
    p.col[kColTs] = ts;
    p.col[kColEvent] = std::string(to_string(k));
    queue_.push_back(std::move(p));
  }
  void error(std::string m) {
    Pending p;
    p.row = row_;
    p.col[kColTicket] = value(kColTicket);
    p.error = std::move(m);
    queue_.push_back(std::move(p));
  }

  // One state change's event on a snapshot ticket, never giving an invalid
  // sequence: a pause while paused and "" yield nothing; any other event
  // while paused is preceded by `resumed`; `created` and `responded` come at
  // most once per ticket.
  void step(TicketState& st, const std::string& ev, const std::string& ts) {
    if (ev.empty() || !allowed(*parse_event_kind(ev))) return;
    if (ev == "paused") {
      if (!st.paused) emit(EventKind::Paused, ts, false);
      st.paused = true;
      return;
    }
    if (st.paused) emit(EventKind::Resumed, ts, false), st.paused = false;
    if (ev == "resumed") return;
    if (ev == "created") {
      if (st.created) return;
      st.created = true;
    }
    if (ev == "responded") {
      if (st.responded) return;
      st.responded = true;
    }
    emit(*parse_event_kind(ev), ts, false);
  }

  void map_row() {
    if (!row_->error.empty()) return error(row_->error);
    for (auto& sk : rules_->skips)
      if (all(sk.when)) {
        auto f = std::find_if(skipped_.begin(), skipped_.end(), [&](const auto& x) { return x.first == sk.reason; });
        if (f == skipped_.end()) skipped_.emplace_back(sk.reason, 1);
        else ++f->second;
        return;
      }
    std::string err;
    switch (rules_->rows) {
      case RowKind::Events: {
        std::string ts;
        std::string raw = src_col_[kColTs] >= 0 ? field(src_col_[kColTs]) : "";
        if (raw.empty()) return error("missing ts");
        if (!time_of(raw, "ts", ts, err)) return error(err);
        Pending p;
        p.row = row_;
        for (int ix = 0; ix < kColumnCount; ++ix) p.col[ix] = value(ix);
        p.col[kColTs] = ts;
        if (p.col[kColEvent].empty()) return error("missing event");
        if (auto k = parse_event_kind(p.col[kColEvent]); k && !allowed(*k)) return;
        queue_.push_back(std::move(p));
        return;
      }
      case RowKind::Request: {
        std::string opened, closed;
        std::string ro = field(opened_), rc = field(closed_);
        if (ro.empty()) return error(fmt::format("missing opened time ('{}')", rules_->opened));
        if (!time_of(ro, "opened", opened, err)) return error(err);
        if (!rc.empty() && !time_of(rc, "closed", closed, err)) return error(err);
        std::string rd = field(completed_), done;
        if (!rd.empty() && !time_of(rd, rules_->completed.c_str(), done, err)) return error(err);
        emit(EventKind::Created, opened, false);
        if (!done.empty()) emit(EventKind::Completed, done, false);
        if (!closed.empty()) emit(EventKind::Closed, closed, false);
        return;
      }
      case RowKind::Snapshot: {
        std::string ts;
        std::string raw = field(src_col_[kColTs]);
        if (raw.empty()) return error("missing ts");
        if (!time_of(raw, "ts", ts, err)) return error(err);
        std::string ticket = value(kColTicket);
        if (ticket.empty()) return error("missing ticket");
        std::string state = field(state_);
        std::string ev = state;
        if (!lookup(kColEvent, ev) && (note_unmapped(kColEvent, state, state_), true))
          return error(fmt::format("state '{}' (column '{}') has no entry in [values.event] of {}: add \"{}\" = \"EVENT\" "
                                   "there (or \"\" for no event), or a [defaults] event",
                                   state, rules_->state, rules_->path, state));
        TicketState& st = tickets_[ticket];
        bool first = !st.seen;
        // with case_insensitive, "OPEN" after "Open" is no change, and transitions ignore case
        bool same = rules_->fold_case ? same_folded(state, st.state) : state == st.state;
        if (first || !same) {
          if (!first) {
            auto t = rules_->transitions.find({st.state, state});
            if (t == rules_->transitions.end() && rules_->fold_case)
              t = std::find_if(rules_->transitions.begin(), rules_->transitions.end(), [&](const auto& x) {
                return same_folded(x.first.first, st.state) && same_folded(x.first.second, state);
              });
            if (t != rules_->transitions.end()) ev = t->second;
          }
          if (first && rules_->open_on_first_row && ev != "created") step(st, "created", ts);
          step(st, ev, ts);
          st.state = state;
          st.seen = true;
        }
        for (auto& [ix, kind] : rules_->on_change) {
          std::string v = value(ix);
          if (!v.empty() && v != st.last[ix]) emit(kind, ts, false);
          if (!v.empty()) st.last[ix] = v;
        }
        return;
      }
    }
  }

  std::unique_ptr<ByteSource> in_;
  CsvReader reader_;
  std::shared_ptr<const MapRules> rules_;
  std::string name_;
  TimeZone tz_;
  std::vector<std::string> header_;
  std::array<int, kColumnCount> src_col_{};
  int opened_ = -1, closed_ = -1, state_ = -1, completed_ = -1;
  std::map<EventKind, int> time_col_;
  std::map<std::string, int> cond_col_;
  std::map<std::string, std::regex> cond_re_;
  std::map<int, std::vector<std::pair<std::regex, std::string>>> regex_;
  const Row* row_ = nullptr;  // the row being mapped
  Row one_;                   // events and request rows: read one at a time
  std::vector<Row> rows_;     // snapshot rows: the whole file
  std::vector<size_t> order_;
  size_t next_row_ = 0;
  bool loaded_ = false;
  std::deque<Pending> queue_;
  Pending cur_;
  std::unordered_map<std::string, TicketState> tickets_;
};

}  // namespace

MapCheck check_mapped(const std::string& path, std::shared_ptr<const MapRules> rules, const std::string& display,
                      const TimeZone& policy_tz, std::size_t tickets, std::size_t max_problems) {
  std::string name = display.empty() ? path : display;
  MappedSource src(path, std::move(rules), name, policy_tz);
  MapCheck c;
  RawRecord r;
  std::uint64_t last_line = 0, last_bad = 0;
  std::set<std::string> shown;
  std::unordered_set<std::string> first_event;  // tickets whose first event was seen
  while (src.next(r)) {
    if (r.line != last_line) ++c.rows, last_line = r.line;
    if (!src.pending_error().empty()) {
      if (r.line != last_bad) ++c.bad_rows, last_bad = r.line;
      if (c.problems.size() < max_problems) c.problems.push_back(fmt::format("{}:{}: {}", name, r.line, src.pending_error()));
      continue;
    }
    ++c.events_total;
    const auto& col = src.pending_columns();
    const std::string& t = col[kColTicket];
    if (first_event.emplace(t).second && col[kColEvent] != "created") {
      auto f = std::find_if(c.not_opened.begin(), c.not_opened.end(),
                            [&](const auto& x) { return x.first == col[kColEvent]; });
      if (f == c.not_opened.end()) c.not_opened.emplace_back(col[kColEvent], 1);
      else ++f->second;
    }
    if (!shown.count(t)) {
      if (shown.size() >= tickets) continue;
      shown.insert(t);
      c.ticket_order.push_back(t);
    }
    c.events.push_back(col);
  }
  for (auto& [ix, seen] : src.unmapped_) c.unmapped.push_back({ix, seen.source_column, seen.values});
  c.skipped = src.skipped();
  for (auto& [reason, n] : c.skipped) c.rows += n;
  return c;
}

std::unique_ptr<RecordSource> open_mapped(const std::string& path, std::shared_ptr<const MapRules> rules,
                                          const std::string& display, const TimeZone& policy_tz) {
  return std::make_unique<MappedSource>(path, std::move(rules), display.empty() ? path : display, policy_tz);
}

}  // namespace svc
