#include "config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <tuple>
#include <sys/stat.h>
#include <tuple>
#include <toml++/toml.h>

#include "error.hpp"
#include "event.hpp"
#include "shipped_calendars.hpp"
#include "ticket_id.hpp"

namespace svc {

namespace {

bool file_exists(const std::string& p) {
  struct stat sb;
  return ::stat(p.c_str(), &sb) == 0 && S_ISREG(sb.st_mode);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  // a directory opens as a stream on Linux and reads as empty: refuse it too
  if (!in || !file_exists(path)) throw NoInputError(fmt::format("cannot read policy file '{}'", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Walks a parsed policy, filling `p` and collecting problems.
class Loader {
 public:
  Loader(Policy& p, std::string name) : p_(p), name_(std::move(name)) {}
  std::vector<std::string> problems;

  void load(const toml::table& root) {
    known(root, "", {"timezone", "calendar", "sla", "kpi", "assessment", "warranty", "tickets", "parts", "engineers",
                     "costs", "dispatch", "maint", "training", "limits",
                     "report"});
    if (auto n = root.get("timezone")) {
      if (auto s = str(*n, "timezone")) {
        if (!TimeZone::exists(*s)) problem(*n, fmt::format("timezone: unknown time zone '{}' (an IANA name such as Asia/Shanghai)", *s));
        else p_.timezone = *s, p_.tz = TimeZone::locate(*s), origin("timezone", *n);
      }
    }
    if (auto t = section(root, "calendar")) calendar(*t);
    if (auto t = section(root, "sla")) sla(*t);
    if (auto t = section(root, "kpi")) kpi(*t);
    if (auto t = section(root, "assessment")) assessment(*t);
    if (auto t = section(root, "warranty")) warranty(*t);
    if (auto t = section(root, "tickets")) tickets(*t);
    if (auto t = section(root, "parts")) parts(*t);
    if (auto t = section(root, "engineers")) engineers(*t);
    if (auto t = section(root, "costs")) costs(*t);
    if (auto t = section(root, "dispatch")) dispatch(*t);
    if (auto t = section(root, "maint")) maint(*t);
    if (auto t = section(root, "training")) training(*t);
    if (auto t = section(root, "limits")) limits(*t);
    if (auto t = section(root, "report")) report(*t);
  }

 private:
  Policy& p_;
  std::string name_;

  void problem(const toml::node& n, const std::string& msg) {
    problems.push_back(fmt::format("{}:{}: {}", name_, n.source().begin.line, msg));
  }
  void origin(const std::string& key, const toml::node& n) {
    p_.origins[key] = fmt::format("{}:{}", name_, n.source().begin.line);
  }

  void known(const toml::table& t, const std::string& prefix, const std::vector<std::string>& keys) {
    for (auto&& [k, v] : t) {
      std::string key(k.str());
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      std::string hint = nearest(key, keys);
      problem(v, fmt::format("unknown key '{}{}'{}", prefix, key,
                             hint.empty() ? "" : fmt::format(" (did you mean '{}{}'?)", prefix, hint)));
    }
  }

  const toml::table* section(const toml::table& root, const char* name) {
    auto n = root.get(name);
    if (!n) return nullptr;
    if (!n->is_table()) {
      problem(*n, fmt::format("'{}' must be a table ([{}])", name, name));
      return nullptr;
    }
    return n->as_table();
  }

  std::optional<std::string> str(const toml::node& n, const std::string& key) {
    if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
    problem(n, fmt::format("{} must be a string", key));
    return std::nullopt;
  }

  std::optional<double> num(const toml::node& n, const std::string& key) {
    if (n.is_floating_point() && !std::isfinite(*n.value<double>())) {  // TOML allows nan and inf
      problem(n, fmt::format("{} must be a finite number, got {}", key, *n.value<double>()));
      return std::nullopt;
    }
    if (n.is_integer() || n.is_floating_point()) return n.value<double>();
    problem(n, fmt::format("{} must be a number", key));
    return std::nullopt;
  }

  // A string or an array of strings.
  std::optional<std::vector<std::string>> strings(const toml::node& n, const std::string& key) {
    std::vector<std::string> out;
    if (n.is_string()) return std::vector<std::string>{*n.value<std::string>()};
    if (auto a = n.as_array()) {
      for (auto&& e : *a) {
        if (!e.is_string()) {
          problem(e, fmt::format("{} must hold strings", key));
          return std::nullopt;
        }
        out.push_back(*e.value<std::string>());
      }
      return out;
    }
    problem(n, fmt::format("{} must be a string or an array of strings", key));
    return std::nullopt;
  }

  std::optional<Day> date(const toml::node& n, const std::string& key) {
    if (auto d = n.as_date()) {
      auto v = d->get();
      if (valid_civil(v.year, v.month, v.day)) return days_from_civil(v.year, v.month, v.day);
    } else if (n.is_string()) {
      if (auto d = parse_date(*n.value<std::string>())) return *d;
    }
    if (n.is_string()) problem(n, fmt::format("{}: '{}' is not a date YYYY-MM-DD", key, *n.value<std::string>()));
    else problem(n, fmt::format("{}: expected a date YYYY-MM-DD (a string or a TOML date)", key));
    return std::nullopt;
  }

  static std::optional<int> hhmm(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    auto dg = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
    if (!dg(0) || !dg(1) || !dg(3) || !dg(4)) return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m)) return std::nullopt;
    return h * 60 + m;
  }

  void calendar(const toml::table& t) {
    known(t, "calendar.", {"workdays", "hours", "holidays", "extra_workdays", "include", "covers"});
    if (auto n = t.get("workdays")) {
      if (auto v = strings(*n, "calendar.workdays")) {
        std::array<bool, 7> wd{};
        bool ok = true;
        for (auto& d : *v) {
          auto it = std::find(std::begin(kDayNames), std::end(kDayNames), d);
          if (it == std::end(kDayNames)) {
            problem(*n, fmt::format("calendar.workdays: unknown day '{}' (mon tue wed thu fri sat sun)", d));
            ok = false;
          } else wd[size_t(it - std::begin(kDayNames))] = true;
        }
        if (ok) p_.calendar.workdays = wd, origin("calendar.workdays", *n);
      }
    }
    if (auto n = t.get("hours")) {
      if (auto v = strings(*n, "calendar.hours")) {
        std::vector<WorkSpan> spans;
        bool ok = true;
        for (auto& h : *v) {
          auto dash = h.find('-');
          std::optional<int> a, b;
          if (dash != std::string::npos) a = hhmm(std::string_view(h).substr(0, dash)), b = hhmm(std::string_view(h).substr(dash + 1));
          if (!a || !b) {
            problem(*n, fmt::format("calendar.hours: '{}' is not a span HH:MM-HH:MM", h));
            ok = false;
          } else if (*a >= *b) {
            problem(*n, fmt::format("calendar.hours: '{}' ends before it starts", h));
            ok = false;
          } else spans.push_back({*a, *b});
        }
        std::sort(spans.begin(), spans.end(), [](auto& x, auto& y) { return x.start_min < y.start_min; });
        for (size_t i = 1; i < spans.size(); ++i)
          if (spans[i].start_min < spans[i - 1].end_min) {
            problem(*n, fmt::format("calendar.hours: spans {:02}:{:02}-{:02}:{:02} and {:02}:{:02}-{:02}:{:02} overlap",
                                    spans[i - 1].start_min / 60, spans[i - 1].start_min % 60, spans[i - 1].end_min / 60,
                                    spans[i - 1].end_min % 60, spans[i].start_min / 60, spans[i].start_min % 60,
                                    spans[i].end_min / 60, spans[i].end_min % 60));
            ok = false;
          }
        if (ok && spans.empty()) problem(*n, "calendar.hours: at least one working span is needed"), ok = false;
        if (ok) p_.calendar.hours = spans, origin("calendar.hours", *n);
      }
    }
    // Own lists: each replaces the built-in one when given.
    bool own_lists = false;
    std::set<int> own_years;
    for (const char* key : {"holidays", "extra_workdays"}) {
      auto n = t.get(key);
      if (!n) continue;
      own_lists = true;
      auto days = dates(*n, fmt::format("calendar.{}", key));
      if (!days) continue;
      (std::string(key) == "holidays" ? p_.calendar.holidays : p_.calendar.extra_workdays) = *days;
      origin(fmt::format("calendar.{}", key), *n);
    }
    // Coverage of the own lists: `covers`, else the years of their dates
    // (the built-in lists declare 2026 when neither is given).
    if (auto n = t.get("covers")) {
      if (auto y = years(*n, "calendar.covers")) p_.calendar.covers = *y, origin("calendar.covers", *n);
    } else if (own_lists) {
      for (const auto* set : {&p_.calendar.holidays, &p_.calendar.extra_workdays})
        for (Day d : *set) {
          int y;
          unsigned m, dd;
          civil_from_days(d, y, m, dd);
          own_years.insert(y);
        }
      p_.calendar.covers = own_years;
    }
    if (auto n = t.get("include")) {
      auto names = strings(*n, "calendar.include");
      if (!names) return;
      for (const auto& name : *names) include(*n, name);
      p_.calendar.include = *names;
      origin("calendar.include", *n);
      // the merged lists and the coverage come from the policy and its includes
      const std::string inc = fmt::format("{}:{} include", name_, n->source().begin.line);
      for (const char* key : {"calendar.holidays", "calendar.extra_workdays", "calendar.covers"}) {
        auto it = p_.origins.find(key);
        p_.origins[key] = (it == p_.origins.end() ? std::string("built-in") : it->second) + " + " + inc;
      }
    }
  }

  // An array of dates, or nullopt after reporting each bad one.
  std::optional<std::set<Day>> dates(const toml::node& n, const std::string& key) {
    auto a = n.as_array();
    if (!a) {
      problem(n, fmt::format("{} must be an array of dates", key));
      return std::nullopt;
    }
    std::set<Day> days;
    bool ok = true;
    for (auto&& e : *a) {
      if (auto d = date(e, key)) days.insert(*d);
      else ok = false;
    }
    if (!ok) return std::nullopt;
    return days;
  }

  // An array of years (integers 1..9999).
  std::optional<std::set<int>> years(const toml::node& n, const std::string& key) {
    auto a = n.as_array();
    if (!a) {
      problem(n, fmt::format("{} must be an array of years, e.g. [2025, 2026]", key));
      return std::nullopt;
    }
    std::set<int> out;
    bool ok = true;
    for (auto&& e : *a) {
      if (!e.is_integer() || *e.value<std::int64_t>() < 1 || *e.value<std::int64_t>() > 9999) {
        problem(e, fmt::format("{}: expected a year 1..9999", key));
        ok = false;
      } else {
        out.insert(int(*e.value<std::int64_t>()));
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // A calendar file (examples/calendars/*.toml): covers, holidays, extra_workdays, source.
  void calendar_file(const toml::table& root, CalendarPolicy& out) {
    known(root, "", {"source", "covers", "holidays", "extra_workdays"});
    if (auto n = root.get("source")) str(*n, "source");
    std::set<int> declared;
    bool have_covers = false;
    if (auto n = root.get("covers")) {
      have_covers = true;
      if (auto y = years(*n, "covers")) declared = *y;
    }
    for (const char* key : {"holidays", "extra_workdays"}) {
      auto n = root.get(key);
      if (!n) continue;
      auto days = dates(*n, key);
      if (!days) continue;
      (std::string(key) == "holidays" ? out.holidays : out.extra_workdays).insert(days->begin(), days->end());
      if (!have_covers)
        for (Day d : *days) {
          int y;
          unsigned m, dd;
          civil_from_days(d, y, m, dd);
          declared.insert(y);
        }
    }
    out.covers.insert(declared.begin(), declared.end());
  }

  // [calendar] include: a name shipped with svc, or a path (it has a '/' or
  // ends in .toml) relative to the policy file's directory.
  void include(const toml::node& at, const std::string& what) {
    const bool is_path = what.find('/') != std::string::npos ||
                         (what.size() > 5 && what.compare(what.size() - 5, 5, ".toml") == 0);
    std::string text, shown = what;
    if (!is_path) {
      const ShippedCalendar* found = nullptr;
      std::vector<std::string> names;
      for (const auto& c : shipped_calendars()) {
        names.push_back(c.name);
        if (what == c.name) found = &c;
      }
      if (!found) {
        std::string hint = nearest(what, names), list;
        for (const auto& nm : names) list += (list.empty() ? "" : ", ") + nm;
        problem(at, fmt::format("calendar.include: unknown calendar '{}'{}; shipped: {} (a path names a file: it "
                                "contains '/' or ends in .toml)",
                                what, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), list));
        return;
      }
      text = found->text;
    } else {
      std::string path = what;
      if (path.front() != '/') {
        auto slash = name_.rfind('/');
        if (slash != std::string::npos) path = name_.substr(0, slash + 1) + path;
      }
      shown = path;
      std::ifstream in(path, std::ios::binary);
      if (!in || !file_exists(path)) {
        std::string base = what.substr(what.rfind('/') + 1), hint;
        if (base.size() > 5) base.resize(base.size() - 5);  // without .toml
        for (const auto& c : shipped_calendars())
          if (base == c.name) hint = fmt::format(" (svc ships '{}': include it by name, \"{}\")", base, base);
        problem(at, fmt::format("calendar.include: cannot read calendar file '{}'{}", path, hint));
        return;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    toml::table root;
    try {
      root = toml::parse(text, shown);
    } catch (const toml::parse_error& e) {
      problems.push_back(fmt::format("{}:{}: {}", shown, e.source().begin.line, e.description()));
      return;
    }
    Policy scratch;
    Loader sub(scratch, shown);
    CalendarPolicy got;
    sub.calendar_file(root, got);
    if (!sub.problems.empty()) {
      problems.insert(problems.end(), sub.problems.begin(), sub.problems.end());
      return;
    }
    p_.calendar.holidays.insert(got.holidays.begin(), got.holidays.end());
    p_.calendar.extra_workdays.insert(got.extra_workdays.begin(), got.extra_workdays.end());
    p_.calendar.covers.insert(got.covers.begin(), got.covers.end());
  }

  void sla(const toml::table& t) {
    known(t, "sla.", {"rules", "warn_at"});
    if (auto n = t.get("warn_at")) {
      if (auto v = num(*n, "sla.warn_at")) {
        if (*v <= 0 || *v > 1) problem(*n, fmt::format("sla.warn_at must be in (0, 1], got {}", *v));
        else p_.warn_at = *v, origin("sla.warn_at", *n);
      }
    }
    auto n = t.get("rules");
    if (!n) return;
    auto arr = n->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      problem(*n, "sla.rules must be an array of tables ([[sla.rules]])");
      return;
    }
    std::vector<SlaRule> rules;
    bool ok = true;
    for (size_t i = 0; i < arr->size(); ++i) {
      const auto& rt = *arr->get(i)->as_table();
      std::string where = fmt::format("sla.rules[{}]", i);
      known(rt, where + ".", {"name", "when", "response", "arrival", "resolution", "followup"});
      SlaRule r;
      r.name = fmt::format("rule{}", i + 1);
      if (auto nm = rt.get("name")) {
        if (auto s = str(*nm, where + ".name")) r.name = *s;
        else ok = false;
      }
      bool has_when = false;  // a `when` with at least one condition
      bool empty_when = false;
      if (auto w = rt.get("when")) {
        if (!when(*w, where + ".when", r.when)) ok = false, has_when = true;
        else has_when = !r.when.empty(), empty_when = r.when.empty();
      }
      for (Target tg : kTargets) {
        auto dn = rt.get(std::string(to_string(tg)));
        if (!dn) continue;
        auto s = str(*dn, fmt::format("{}.{}", where, to_string(tg)));
        if (!s) { ok = false; continue; }
        if (*s == "due") {  // the ticket's own due time (docs/policy.md)
          if (tg == Target::Followup) {
            problem(*dn, fmt::format("{}.followup: 'due' is a target for response, arrival or resolution (a due time "
                                     "is set when the ticket is created; follow-up is measured from completion)",
                                     where));
            ok = false;
          } else r.targets[static_cast<int>(tg)] = Duration{Clock::Calendar, 0, "due", true};
          continue;
        }
        auto d = parse_duration(*s, p_.calendar.day_seconds());
        if (!d && duration_too_long(*s, p_.calendar.day_seconds())) {
          problem(*dn, fmt::format("{}.{}: duration '{}' is longer than 10 years", where, to_string(tg), *s));
          ok = false;
        } else if (!d) {
          problem(*dn, fmt::format("{}.{}: bad duration '{}' (a number and m, h, bh or bd, e.g. 24h, 3bd)", where,
                                   to_string(tg), *s));
          ok = false;
        } else r.targets[static_cast<int>(tg)] = d;
      }
      if (!has_when && !r.uses_due() && i + 1 != arr->size()) {  // a "due" target is a condition of its own
        problem(rt, fmt::format("{} ('{}') has {} so it matches every ticket, but it is not the last rule: "
                                "the rules after it can never apply",
                                where, r.name, empty_when ? "an empty 'when'" : "no 'when'"));
        ok = false;
      }
      rules.push_back(std::move(r));
    }
    if (ok) p_.rules = std::move(rules), origin("sla.rules", *n);
  }

  bool when(const toml::node& n, const std::string& where, RuleWhen& w) {
    auto t = n.as_table();
    if (!t) {
      problem(n, where + " must be a table, e.g. { urgency = \"urgent\" }");
      return false;
    }
    known(*t, where + ".", {"urgency", "type", "region", "channel", "outlet", "customer", "product", "serial",
                            "distance_km_over", "has_due"});
    bool ok = true;
    auto enum_list = [&](const char* key, Field f, std::vector<std::string>& out) {
      auto v = t->get(key);
      if (!v) return;
      auto list = strings(*v, where + "." + key);
      if (!list) { ok = false; return; }
      for (auto& s : *list) {
        std::string why;
        if (f != Field::Region && f != Field::Outlet && f != Field::Customer && f != Field::Product &&
            !canonical_value(f, s, why)) {
          problem(*v, fmt::format("{}.{}: {}", where, key, why));
          ok = false;
        }
      }
      out = *list;
    };
    enum_list("urgency", Field::Urgency, w.urgency);
    enum_list("type", Field::Type, w.type);
    enum_list("region", Field::Region, w.region);
    enum_list("channel", Field::Channel, w.channel);
    enum_list("outlet", Field::Outlet, w.outlet);
    enum_list("customer", Field::Customer, w.customer);
    enum_list("product", Field::Product, w.product);
    enum_list("serial", Field::Serial, w.serial);
    if (auto d = t->get("has_due")) {
      if (auto b = d->value<bool>()) w.has_due = *b;
      else problem(*d, where + ".has_due must be true or false"), ok = false;
    }
    if (auto d = t->get("distance_km_over")) {
      if (auto v = num(*d, where + ".distance_km_over")) {
        if (*v < 0) problem(*d, where + ".distance_km_over must be >= 0"), ok = false;
        else w.distance_km_over = *v;
      } else ok = false;
    }
    return ok;
  }

  void rate(const toml::table& t, const char* key, const std::string& prefix, double& out) {
    auto n = t.get(key);
    if (!n) return;
    if (auto v = num(*n, prefix + key)) {
      if (*v < 0 || *v > 1) problem(*n, fmt::format("{}{} must be a fraction from 0 to 1, got {}", prefix, key, *v));
      else out = *v, origin(prefix + key, *n);
    }
  }

  void kpi(const toml::table& t) {
    known(t, "kpi.", {"timeliness", "satisfaction", "complaint_rate", "repeat_days"});
    rate(t, "timeliness", "kpi.", p_.kpi.timeliness);
    rate(t, "satisfaction", "kpi.", p_.kpi.satisfaction);
    rate(t, "complaint_rate", "kpi.", p_.kpi.complaint_rate);
    if (auto n = t.get("repeat_days")) {
      auto v = n->value<std::int64_t>();
      if (!n->is_integer() || !v || *v < 0 || *v > 3660)
        problem(*n, "kpi.repeat_days must be a whole number of days from 0 to 3660");
      else p_.kpi.repeat_days = int(*v), origin("kpi.repeat_days", *n);
    }
  }

  void number(const toml::table& t, const char* key, const std::string& prefix, double& out, double lo, double hi) {
    auto n = t.get(key);
    if (!n) return;
    if (auto v = num(*n, prefix + key)) {
      if (*v < lo || *v > hi) problem(*n, fmt::format("{}{} must be from {} to {}, got {}", prefix, key, lo, hi, *v));
      else out = *v, origin(prefix + key, *n);
    }
  }

  void money(const toml::table& t, const char* key, std::int64_t& out) {
    auto n = t.get(key);
    if (!n) return;
    if (auto v = num(*n, std::string("assessment.") + key)) {
      double c = *v * 100;
      if (*v < 0 || std::fabs(c - std::round(c)) > 1e-6)
        problem(*n, fmt::format("assessment.{} must be an amount >= 0 with at most 2 decimals, got {}", key, *v));
      else if (*v > 1e12)  // beyond this, cents no longer fit exactly
        problem(*n, fmt::format("assessment.{} must be at most 1000000000000, got {}", key, *v));
      else out = std::llround(c), origin(std::string("assessment.") + key, *n);
    }
  }

  void assessment(const toml::table& t) {
    known(t, "assessment.", {"min_tickets", "weights", "grades", "credit_per_finding", "reward_meets_standard",
                             "reward_excellent", "penalty_per_kpi_missed", "penalty_per_finding",
                             "settle_days"});
    auto& a = p_.assessment;
    if (auto n = t.get("min_tickets")) {
      if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 1'000'000'000)
        problem(*n, "assessment.min_tickets must be an integer from 0 to 1000000000");
      else a.min_tickets = int(*n->value<std::int64_t>()), origin("assessment.min_tickets", *n);
    }
    if (auto n = t.get("weights")) {
      if (auto w = n->as_table()) {
        known(*w, "assessment.weights.", {"credit", "technical", "service", "quality"});
        number(*w, "credit", "assessment.weights.", a.w_credit, 0, 1);
        number(*w, "technical", "assessment.weights.", a.w_technical, 0, 1);
        number(*w, "service", "assessment.weights.", a.w_service, 0, 1);
        number(*w, "quality", "assessment.weights.", a.w_quality, 0, 1);
        double sum = a.w_credit + a.w_technical + a.w_service + a.w_quality;
        if (std::fabs(sum - 1) > 1e-9) problem(*n, fmt::format("assessment.weights must sum to 1, they sum to {}", sum));
      } else problem(*n, "assessment.weights must be a table");
    }
    if (auto n = t.get("grades")) {
      if (auto g = n->as_table()) {
        known(*g, "assessment.grades.", {"excellent", "good", "pass"});
        number(*g, "excellent", "assessment.grades.", a.grade_excellent, 0, 100);
        number(*g, "good", "assessment.grades.", a.grade_good, 0, 100);
        number(*g, "pass", "assessment.grades.", a.grade_pass, 0, 100);
        if (!(a.grade_excellent >= a.grade_good && a.grade_good >= a.grade_pass))
          problem(*n, "assessment.grades must satisfy excellent >= good >= pass");
      } else problem(*n, "assessment.grades must be a table");
    }
    number(t, "credit_per_finding", "assessment.", a.credit_per_finding, 0, 100);
    money(t, "reward_meets_standard", a.reward_meets_cents);
    money(t, "reward_excellent", a.reward_excellent_cents);
    money(t, "penalty_per_kpi_missed", a.penalty_per_kpi_cents);
    money(t, "penalty_per_finding", a.penalty_per_finding_cents);
    if (auto n = t.get("settle_days")) {
      if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 366)
        problem(*n, "assessment.settle_days must be a whole number of days from 0 to 366");
      else a.settle_days = int(*n->value<std::int64_t>()), origin("assessment.settle_days", *n);
    }
  }

  // [warranty]: months, lines, labor_rate, labor_quota (docs/tickets.md).
  void warranty(const toml::table& t) {
    known(t, "warranty.", {"months", "lines", "labor_rate", "labor_quota", "return_days", "exchange_days",
                           "repairs_before_exchange", "repair_months", "key_part_months", "key_part_lines"});
    auto& w = p_.warranty;
    auto months = [&](const toml::node& n, const std::string& key) -> std::optional<int> {
      auto v = n.value<std::int64_t>();
      if (!n.is_integer() || !v || *v < 0 || *v > 1200) {
        problem(n, fmt::format("{} must be a whole number of months from 0 to 1200", key));
        return std::nullopt;
      }
      return int(*v);
    };
    if (auto n = t.get("months"))
      if (auto m = months(*n, "warranty.months")) w.months = *m, origin("warranty.months", *n);
    if (auto n = t.get("lines")) {
      if (auto lt = n->as_table()) {
        std::map<std::string, int> lines;
        bool ok = true;
        for (auto&& [k, v] : *lt) {
          if (auto m = months(v, fmt::format("warranty.lines.{}", k.str()))) lines[std::string(k.str())] = *m;
          else ok = false;
        }
        if (ok) w.lines = lines, origin("warranty.lines", *n);
      } else problem(*n, "warranty.lines must be a table of product line = months, e.g. { AC = 36 }");
    }
    // 三包 terms (docs/installed-base.md): whole numbers of days, repairs or months
    for (auto [key, field, hi] : {std::tuple{"return_days", &w.return_days, 3650}, {"exchange_days", &w.exchange_days, 3650},
                                  {"repairs_before_exchange", &w.repairs_before_exchange, 100},
                                  {"repair_months", &w.repair_months, 1200}, {"key_part_months", &w.key_part_months, 1200}})
      if (auto n = t.get(key)) {
        auto v = n->value<std::int64_t>();
        if (!n->is_integer() || !v || *v < 0 || *v > hi)
          problem(*n, fmt::format("warranty.{} must be a whole number from 0 to {}", key, hi));
        else *field = int(*v), origin(std::string("warranty.") + key, *n);
      }
    if (auto n = t.get("key_part_lines")) {
      if (auto lt = n->as_table()) {
        std::map<std::string, int> lines;
        bool ok = true;
        for (auto&& [k, v] : *lt) {
          if (auto m = months(v, fmt::format("warranty.key_part_lines.{}", k.str()))) lines[std::string(k.str())] = *m;
          else ok = false;
        }
        if (ok) w.key_part_lines = lines, origin("warranty.key_part_lines", *n);
      } else problem(*n, "warranty.key_part_lines must be a table of product line = months, e.g. { 空调 = 60 }");
    }
    if (w.exchange_days < w.return_days)
      problem(t, fmt::format("warranty.exchange_days ({}) must not be less than warranty.return_days ({})",
                             w.exchange_days, w.return_days));
    if (auto n = t.get("labor_rate")) {
      if (auto v = num(*n, "warranty.labor_rate")) {
        double c = *v * 100;
        if (*v < 0 || *v > 1e9 || std::fabs(c - std::round(c)) > 1e-6)
          problem(*n, fmt::format("warranty.labor_rate must be an amount >= 0 with at most 2 decimals, got {}", *v));
        else w.labor_rate_cents = std::llround(c), origin("warranty.labor_rate", *n);
      }
    }
    if (auto n = t.get("labor_quota")) {
      if (auto qt = n->as_table()) {
        auto quota = w.labor_quota;
        bool ok = true;
        for (auto&& [k, v] : *qt) {
          std::string type(k.str()), why;
          if (!canonical_value(Field::Type, type, why)) {
            problem(v, fmt::format("warranty.labor_quota: {}", why));
            ok = false;
          } else if (auto h = num(v, "warranty.labor_quota." + type)) {
            if (*h < 0 || *h > 1000) problem(v, fmt::format("warranty.labor_quota.{} must be hours from 0 to 1000, got {}", type, *h)), ok = false;
            else quota[type] = *h;
          } else ok = false;
        }
        if (ok) w.labor_quota = quota, origin("warranty.labor_quota", *n);
      } else problem(*n, "warranty.labor_quota must be a table of service type = hours, e.g. { repair = 1.5 }");
    }
  }

  // [tickets]: id_pattern, phone_followup (docs/tickets.md).
  void tickets(const toml::table& t) {
    known(t, "tickets.", {"id_pattern", "phone_followup"});
    if (auto n = t.get("id_pattern")) {
      if (auto s = str(*n, "tickets.id_pattern")) {
        std::string why = check_id_pattern(*s);
        if (!why.empty()) problem(*n, "tickets.id_pattern: " + why);
        else p_.tickets.id_pattern = *s, origin("tickets.id_pattern", *n);
      }
    }
    if (auto n = t.get("phone_followup")) {
      if (auto s = str(*n, "tickets.phone_followup")) {
        auto d = parse_duration(*s, p_.calendar.day_seconds());
        if (!d) problem(*n, fmt::format("tickets.phone_followup: bad duration '{}' (a number and m, h, bh or bd, e.g. 2h)", *s));
        else p_.tickets.phone_followup = *d, origin("tickets.phone_followup", *n);
      }
    }
  }

  void days(const toml::table& t, const char* key, int& out) {
    auto n = t.get(key);
    if (!n) return;
    auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < 1 || *v > 3650)
      problem(*n, fmt::format("parts.{} must be a whole number of days from 1 to 3650", key));
    else out = int(*v), origin(std::string("parts.") + key, *n);
  }

  void parts(const toml::table& t) {
    known(t, "parts.", {"issue_approval_over", "unconsumed_days", "old_part_days", "claim_days"});
    auto& pp = p_.parts;
    if (auto n = t.get("issue_approval_over")) {
      if (auto v = num(*n, "parts.issue_approval_over")) {
        double c = *v * 100;
        if (*v < 0 || *v > 1e13 || std::fabs(c - std::round(c)) > 1e-6)
          problem(*n, fmt::format("parts.issue_approval_over must be an amount >= 0 with at most 2 decimals, got {}", *v));
        else pp.approval_over_cents = std::llround(c), origin("parts.issue_approval_over", *n);
      }
    }
    days(t, "unconsumed_days", pp.unconsumed_days);
    days(t, "old_part_days", pp.old_part_days);
    days(t, "claim_days", pp.claim_days);
  }
  // [dispatch]: scoring weights, distance bands, workload cap (docs/dispatch.md).
  void dispatch(const toml::table& t) {
    known(t, "dispatch.", {"service_radius_km", "near_km", "beyond_radius", "max_open", "weights"});
    auto& d = p_.dispatch;
    number(t, "service_radius_km", "dispatch.", d.service_radius_km, 0, 100000);
    number(t, "near_km", "dispatch.", d.near_km, 0, 100000);
    if (d.near_km > d.service_radius_km) {
      const toml::node* n = t.get("near_km") ? t.get("near_km") : t.get("service_radius_km");
      if (n) problem(*n, fmt::format("dispatch.near_km ({}) must not exceed dispatch.service_radius_km ({})", d.near_km,
                                     d.service_radius_km));
    }
    if (auto n = t.get("beyond_radius")) {
      if (auto s = str(*n, "dispatch.beyond_radius")) {
        if (*s != "remote" && *s != "visit")
          problem(*n, fmt::format("dispatch.beyond_radius must be remote or visit, got '{}'", *s));
        else d.beyond_radius = *s, origin("dispatch.beyond_radius", *n);
      }
    }
    if (auto n = t.get("max_open")) {
      if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 100000)
        problem(*n, "dispatch.max_open must be an integer from 0 (no limit) to 100000");
      else d.max_open = int(*n->value<std::int64_t>()), origin("dispatch.max_open", *n);
    }
    if (auto n = t.get("weights")) {
      if (auto w = n->as_table()) {
        known(*w, "dispatch.weights.", {"same_outlet", "same_region", "skill_type", "skill_line", "workload", "level",
                                        "near", "conflict"});
        number(*w, "same_outlet", "dispatch.weights.", d.w_same_outlet, 0, 1000);
        number(*w, "same_region", "dispatch.weights.", d.w_same_region, 0, 1000);
        number(*w, "skill_type", "dispatch.weights.", d.w_skill_type, 0, 1000);
        number(*w, "skill_line", "dispatch.weights.", d.w_skill_line, 0, 1000);
        number(*w, "workload", "dispatch.weights.", d.w_workload, 0, 1000);
        number(*w, "level", "dispatch.weights.", d.w_level, 0, 1000);
        number(*w, "near", "dispatch.weights.", d.w_near, 0, 1000);
        number(*w, "conflict", "dispatch.weights.", d.w_conflict, 0, 1000);
      } else problem(*n, "dispatch.weights must be a table, e.g. { same_outlet = 30, workload = 5 }");
    }
  }

  void engineers(const toml::table& t);
  void costs(const toml::table& t);
  // [report]: lang = "zh" | "en" (docs/policy.md).
  void report(const toml::table& t) {
    known(t, "report.", {"lang"});
    if (auto n = t.get("lang")) {
      if (auto s = str(*n, "report.lang")) {
        if (*s != "zh" && *s != "en") problem(*n, fmt::format("report.lang must be zh or en, got '{}'", *s));
        else p_.report.lang = *s, origin("report.lang", *n);
      }
    }
  }
  void maint(const toml::table& t);
  void training(const toml::table& t);
  void limits(const toml::table& t);
};

// [engineers]: min_tickets and one table of thresholds per grade.
void Loader::engineers(const toml::table& t) {
  known(t, "engineers.", {"min_tickets", "excellent", "good", "pass"});
  auto& e = p_.engineers;
  if (auto n = t.get("min_tickets")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0) problem(*n, "engineers.min_tickets must be an integer >= 0");
    else e.min_tickets = int(*n->value<std::int64_t>()), origin("engineers.min_tickets", *n);
  }
  auto grade = [&](const char* name, EngineerThresholds& g) {
    auto n = t.get(name);
    if (!n) return;
    auto gt = n->as_table();
    if (!gt) {
      problem(*n, fmt::format("engineers.{} must be a table {{ timeliness = …, first_time_fix = …, satisfaction = … }}", name));
      return;
    }
    std::string prefix = fmt::format("engineers.{}.", name);
    known(*gt, prefix, {"timeliness", "first_time_fix", "satisfaction"});
    rate(*gt, "timeliness", prefix, g.timeliness);
    rate(*gt, "first_time_fix", prefix, g.first_time_fix);
    rate(*gt, "satisfaction", prefix, g.satisfaction);
  };
  grade("excellent", e.excellent);
  grade("good", e.good);
  grade("pass", e.pass);
  auto ordered = [](const EngineerThresholds& hi, const EngineerThresholds& lo) {
    return hi.timeliness >= lo.timeliness && hi.first_time_fix >= lo.first_time_fix && hi.satisfaction >= lo.satisfaction;
  };
  if (!ordered(e.excellent, e.good) || !ordered(e.good, e.pass))
    problem(t, "engineers: each threshold must satisfy excellent >= good >= pass");
}

// [costs]: labor_rate, an amount per labour hour.
void Loader::costs(const toml::table& t) {
  known(t, "costs.", {"labor_rate"});
  auto n = t.get("labor_rate");
  if (!n) return;
  if (auto v = num(*n, "costs.labor_rate")) {
    double c = *v * 100;
    if (*v < 0 || std::fabs(c - std::round(c)) > 1e-6)
      problem(*n, fmt::format("costs.labor_rate must be an amount >= 0 with at most 2 decimals, got {}", *v));
    else if (*v > 1e12)  // beyond this, cents no longer fit exactly
      problem(*n, fmt::format("costs.labor_rate must be at most 1000000000000, got {}", *v));
    else p_.costs.labor_rate_cents = std::llround(c), origin("costs.labor_rate", *n);
  }
}

// [maint]: the spring and autumn due dates, "MM-DD" (docs/maint.md).
void Loader::maint(const toml::table& t) {
  known(t, "maint.", {"spring", "autumn"});
  for (const char* key : {"spring", "autumn"}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("maint.") + key;
    auto s = str(*n, k);
    if (!s) continue;
    int m = 0, d = 0;
    bool ok = s->size() == 5 && (*s)[2] == '-' && std::isdigit((unsigned char)(*s)[0]) &&
              std::isdigit((unsigned char)(*s)[1]) && std::isdigit((unsigned char)(*s)[3]) &&
              std::isdigit((unsigned char)(*s)[4]);
    if (ok) m = std::stoi(s->substr(0, 2)), d = std::stoi(s->substr(3, 2));
    // Feb 29 is refused: it would skip three years of four.
    if (!ok || m < 1 || m > 12 || d < 1 || !valid_civil(2025, unsigned(m), unsigned(d))) {
      problem(*n, fmt::format("{} must be a day of the year \"MM-DD\" (not 02-29), got '{}'", k, *s));
      continue;
    }
    if (std::string(key) == "spring") p_.maint.spring_month = m, p_.maint.spring_day = d;
    else p_.maint.autumn_month = m, p_.maint.autumn_day = d;
    origin(k, *n);
  }
  auto& mp = p_.maint;
  if (mp.spring_month * 100 + mp.spring_day >= mp.autumn_month * 100 + mp.autumn_day)
    problems.push_back(fmt::format("{}: maint.spring ({:02}-{:02}) must come before maint.autumn ({:02}-{:02})", name_,
                                   mp.spring_month, mp.spring_day, mp.autumn_month, mp.autumn_day));
}

// [training]: grade thresholds and the retraining deadline (docs/training.md).
void Loader::training(const toml::table& t) {
  known(t, "training.", {"excellent", "good", "pass", "retrain_days", "refresh_days", "assessment_share"});
  auto& tp = p_.training;
  number(t, "excellent", "training.", tp.excellent, 0, 100);
  number(t, "good", "training.", tp.good, 0, 100);
  number(t, "pass", "training.", tp.pass, 0, 100);
  if (!(tp.excellent >= tp.good && tp.good >= tp.pass))
    problems.push_back(fmt::format("{}: training thresholds must satisfy excellent ({}) >= good ({}) >= pass ({})",
                                   name_, tp.excellent, tp.good, tp.pass));
  if (auto n = t.get("retrain_days")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 1 || *n->value<std::int64_t>() > 3660)
      problem(*n, "training.retrain_days must be an integer from 1 to 3660");
    else tp.retrain_days = int(*n->value<std::int64_t>()), origin("training.retrain_days", *n);
  }
  if (auto n = t.get("refresh_days")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 3660)
      problem(*n, "training.refresh_days must be an integer from 0 (never) to 3660");
    else tp.refresh_days = int(*n->value<std::int64_t>()), origin("training.refresh_days", *n);
  }
  number(t, "assessment_share", "training.", tp.assessment_share, 0, 1);
}

// [limits]: plausibility limits, each positive (docs/policy.md).
void Loader::limits(const toml::table& t) {
  known(t, "limits.", {"labor_hours", "amount", "qty", "distance_km", "unit_cost"});
  auto& l = p_.limits;
  for (auto [key, out, hi] : {std::tuple<const char*, double*, double>{"labor_hours", &l.labor_hours, 10000},
                              {"distance_km", &l.distance_km, 100000}}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("limits.") + key;
    if (auto v = num(*n, k)) {
      if (!(*v > 0) || *v > hi) problem(*n, fmt::format("{} must be a number > 0 and at most {}, got {}", k, hi, *v));
      else *out = *v, origin(k, *n);
    }
  }
  for (auto [key, out] : {std::pair<const char*, std::int64_t*>{"amount", &l.amount_cents},
                          {"unit_cost", &l.unit_cost_cents}}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("limits.") + key;
    if (auto v = num(*n, k)) {
      double c = *v * 100;
      if (!(*v > 0) || *v > 1e12 || std::fabs(c - std::round(c)) > 1e-6)
        problem(*n, fmt::format("{} must be an amount > 0 with at most 2 decimals, at most 1000000000000, got {}", k, *v));
      else *out = std::llround(c), origin(k, *n);
    }
  }
  if (auto n = t.get("qty")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 1 || *n->value<std::int64_t>() > 1'000'000'000)
      problem(*n, "limits.qty must be a whole number from 1 to 1000000000");
    else l.qty = *n->value<std::int64_t>(), origin("limits.qty", *n);
  }
}

Policy load(const std::string& text, const std::string& name, std::vector<std::string>& problems) {
  Policy p = default_policy();
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    problems.push_back(fmt::format("{}:{}: {}", name, e.source().begin.line, e.description()));
    return p;
  }
  Loader l(p, name);
  l.load(root);
  problems = std::move(l.problems);
  return p;
}

}  // namespace

std::optional<std::string> find_policy_file(const std::string& cli_value) {
  if (!cli_value.empty()) {
    if (!file_exists(cli_value)) throw NoInputError(fmt::format("policy file '{}' (--config) not found", cli_value));
    return cli_value;
  }
  if (const char* env = std::getenv("SVC_CONFIG"); env && *env) {
    if (!file_exists(env)) throw NoInputError(fmt::format("policy file '{}' ($SVC_CONFIG) not found", env));
    return std::string(env);
  }
  if (file_exists("svc.toml")) return std::string("svc.toml");
  std::string xdg;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) xdg = x;
  else if (const char* h = std::getenv("HOME"); h && *h) xdg = std::string(h) + "/.config";
  if (!xdg.empty() && file_exists(xdg + "/svc/svc.toml")) return xdg + "/svc/svc.toml";
  return std::nullopt;
}

std::vector<std::string> check_policy_text(const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  load(text, name, problems);
  return problems;
}

std::vector<std::string> check_policy_file(const std::string& path) {
  return check_policy_text(read_file(path), path);
}

Policy load_policy_text(const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  Policy p = load(text, name, problems);
  if (!problems.empty())
    throw DataError(fmt::format("policy '{}' has {} problem{}", name, problems.size(), problems.size() == 1 ? "" : "s"),
                    problems);
  return p;
}

Policy load_policy_file(const std::string& path) { return load_policy_text(read_file(path), path); }

Policy load_policy(const std::string& cli_value) {
  auto f = find_policy_file(cli_value);
  return f ? load_policy_file(*f) : default_policy();
}

namespace {
// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_quote(std::string_view v) {
  std::string o = "\"";
  for (unsigned char c : v) {
    if (c == '"') o += "\\\"";
    else if (c == '\\') o += "\\\\";
    else if (c < 0x20 || c == 0x7f) o += fmt::format("\\u{:04X}", c);
    else o += char(c);
  }
  return o + "\"";
}
}  // namespace

std::string policy_to_toml(const Policy& p, bool origins) {
  auto org = [&](const std::string& key) -> std::string {
    if (!origins) return "";
    auto it = p.origins.find(key);
    return fmt::format("  # {}", it == p.origins.end() ? "built-in" : it->second);
  };
  auto qlist = [](const std::vector<std::string>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + toml_quote(v[i]);
    return s + "]";
  };
  auto days = [&](const std::set<Day>& ds) {
    std::vector<std::string> v;
    for (Day d : ds) v.push_back(format_date(d));
    return qlist(v);
  };
  std::string o;
  o += fmt::format("timezone = {}{}\n\n[calendar]\n", toml_quote(p.timezone), org("timezone"));
  std::vector<std::string> wd, hours;
  for (int i = 0; i < 7; ++i)
    if (p.calendar.workdays[size_t(i)]) wd.push_back(kDayNames[i]);
  for (auto& h : p.calendar.hours)
    hours.push_back(fmt::format("{:02}:{:02}-{:02}:{:02}", h.start_min / 60, h.start_min % 60, h.end_min / 60, h.end_min % 60));
  o += fmt::format("include = {}{}\n", qlist(p.calendar.include), org("calendar.include"));
  {
    std::string ys;
    for (int y : p.calendar.covers) ys += fmt::format("{}{}", ys.empty() ? "" : ", ", y);
    o += fmt::format("covers = [{}]{}\n", ys, org("calendar.covers"));
  }
  o += fmt::format("workdays = {}{}\n", qlist(wd), org("calendar.workdays"));
  o += fmt::format("hours = {}{}\n", qlist(hours), org("calendar.hours"));
  o += fmt::format("holidays = {}{}\n", days(p.calendar.holidays), org("calendar.holidays"));
  o += fmt::format("extra_workdays = {}{}\n", days(p.calendar.extra_workdays), org("calendar.extra_workdays"));
  for (const auto& r : p.rules) {
    o += fmt::format("\n[[sla.rules]]{}\nname = {}\n", org("sla.rules"), toml_quote(r.name));
    std::vector<std::string> conds;
    auto add = [&](const char* k, const std::vector<std::string>& v) {
      if (v.size() == 1) conds.push_back(fmt::format("{} = {}", k, toml_quote(v[0])));
      else if (!v.empty()) conds.push_back(fmt::format("{} = {}", k, qlist(v)));
    };
    add("urgency", r.when.urgency);
    add("type", r.when.type);
    add("region", r.when.region);
    add("channel", r.when.channel);
    add("outlet", r.when.outlet);
    add("customer", r.when.customer);
    add("product", r.when.product);
    add("serial", r.when.serial);
    if (r.when.distance_km_over) conds.push_back(fmt::format("distance_km_over = {}", *r.when.distance_km_over));
    if (r.when.has_due) conds.push_back(fmt::format("has_due = {}", *r.when.has_due ? "true" : "false"));
    if (!conds.empty()) {
      std::string w;
      for (size_t i = 0; i < conds.size(); ++i) w += (i ? ", " : "") + conds[i];
      o += fmt::format("when = {{ {} }}\n", w);
    }
    for (Target t : kTargets)
      if (auto& d = r.target(t)) o += fmt::format("{} = {}\n", to_string(t), toml_quote(d->text));
  }
  o += fmt::format("\n[sla]\nwarn_at = {}{}\n", p.warn_at, org("sla.warn_at"));
  o += fmt::format("\n[kpi]\ntimeliness = {}{}\nsatisfaction = {}{}\ncomplaint_rate = {}{}\nrepeat_days = {}{}\n",
                   p.kpi.timeliness, org("kpi.timeliness"), p.kpi.satisfaction, org("kpi.satisfaction"),
                   p.kpi.complaint_rate, org("kpi.complaint_rate"), p.kpi.repeat_days, org("kpi.repeat_days"));
  const auto& a = p.assessment;
  o += fmt::format("\n[assessment]\nmin_tickets = {}{}\n", a.min_tickets, org("assessment.min_tickets"));
  auto group = [&](const std::string& prefix, std::initializer_list<const char*> keys) -> std::string {
    if (!origins) return "";
    // one origin when every key came from the same place, else each key's
    std::vector<std::string> each;
    std::set<std::string> distinct;
    for (const char* k : keys) {
      auto it = p.origins.find(prefix + k);
      std::string from = it == p.origins.end() ? "built-in" : it->second;
      distinct.insert(from);
      each.push_back(fmt::format("{} {}", k, from));
    }
    if (distinct.size() == 1) return fmt::format("  # {}", *distinct.begin());
    std::string all;
    for (const auto& e : each) {
      if (!all.empty()) all += ", ";
      all += e;
    }
    return fmt::format("  # {}", all);
  };
  o += fmt::format("weights = {{ credit = {}, technical = {}, service = {}, quality = {} }}{}\n", a.w_credit,
                   a.w_technical, a.w_service, a.w_quality,
                   group("assessment.weights.", {"credit", "technical", "service", "quality"}));
  o += fmt::format("grades = {{ excellent = {}, good = {}, pass = {} }}{}\n", a.grade_excellent, a.grade_good,
                   a.grade_pass, group("assessment.grades.", {"excellent", "good", "pass"}));
  o += fmt::format("credit_per_finding = {}{}\n", a.credit_per_finding, org("assessment.credit_per_finding"));
  auto m = [](std::int64_t c) { return fmt::format("{}.{:02}", c / 100, c % 100); };
  o += fmt::format("reward_meets_standard = {}{}\n", m(a.reward_meets_cents), org("assessment.reward_meets_standard"));
  o += fmt::format("reward_excellent = {}{}\n", m(a.reward_excellent_cents), org("assessment.reward_excellent"));
  o += fmt::format("penalty_per_kpi_missed = {}{}\n", m(a.penalty_per_kpi_cents), org("assessment.penalty_per_kpi_missed"));
  o += fmt::format("penalty_per_finding = {}{}\n", m(a.penalty_per_finding_cents), org("assessment.penalty_per_finding"));
  o += fmt::format("settle_days = {}{}\n", a.settle_days, org("assessment.settle_days"));
  const auto& e = p.engineers;
  o += fmt::format("\n[engineers]\nmin_tickets = {}{}\n", e.min_tickets, org("engineers.min_tickets"));
  for (auto [name, g] : {std::pair<const char*, const EngineerThresholds*>{"excellent", &e.excellent},
                         {"good", &e.good}, {"pass", &e.pass}})
    o += fmt::format("{} = {{ timeliness = {}, first_time_fix = {}, satisfaction = {} }}{}\n", name, g->timeliness,
                     g->first_time_fix, g->satisfaction,
                     group(fmt::format("engineers.{}.", name), {"timeliness", "first_time_fix", "satisfaction"}));
  o += fmt::format("\n[costs]\nlabor_rate = {}{}\n", m(p.costs.labor_rate_cents), org("costs.labor_rate"));
  const auto& wp = p.warranty;
  o += fmt::format("\n[warranty]\nmonths = {}{}\n", wp.months, org("warranty.months"));
  {
    std::string l;
    for (auto& [k, v] : wp.lines) l += fmt::format("{}{} = {}", l.empty() ? "" : ", ", toml_quote(k), v);
    o += fmt::format("lines = {{{}{}}}{}\n", l.empty() ? "" : " ", l.empty() ? l : l + " ", org("warranty.lines"));
    std::string q;
    for (auto& [k, v] : wp.labor_quota) q += fmt::format("{}{} = {}", q.empty() ? "" : ", ", k, v);
    o += fmt::format("labor_rate = {}{}\n", m(wp.labor_rate_cents), org("warranty.labor_rate"));
    o += fmt::format("labor_quota = {{ {} }}{}\n", q, org("warranty.labor_quota"));
    o += fmt::format("return_days = {}{}\n", wp.return_days, org("warranty.return_days"));
    o += fmt::format("exchange_days = {}{}\n", wp.exchange_days, org("warranty.exchange_days"));
    o += fmt::format("repairs_before_exchange = {}{}\n", wp.repairs_before_exchange, org("warranty.repairs_before_exchange"));
    o += fmt::format("repair_months = {}{}\n", wp.repair_months, org("warranty.repair_months"));
    o += fmt::format("key_part_months = {}{}\n", wp.key_part_months, org("warranty.key_part_months"));
    std::string kl;
    for (auto& [k, v] : wp.key_part_lines) kl += fmt::format("{}{} = {}", kl.empty() ? "" : ", ", toml_quote(k), v);
    o += fmt::format("key_part_lines = {{{}{}}}{}\n", kl.empty() ? "" : " ", kl.empty() ? kl : kl + " ",
                     org("warranty.key_part_lines"));
  }
  o += fmt::format("\n[tickets]\nid_pattern = {}{}\n", toml_quote(p.tickets.id_pattern), org("tickets.id_pattern"));
  o += fmt::format("phone_followup = {}{}\n", toml_quote(p.tickets.phone_followup.text), org("tickets.phone_followup"));
  const auto& pp = p.parts;
  o += fmt::format("\n[parts]\nissue_approval_over = {}{}\n", m(pp.approval_over_cents), org("parts.issue_approval_over"));
  o += fmt::format("unconsumed_days = {}{}\n", pp.unconsumed_days, org("parts.unconsumed_days"));
  o += fmt::format("old_part_days = {}{}\n", pp.old_part_days, org("parts.old_part_days"));
  o += fmt::format("claim_days = {}{}\n", pp.claim_days, org("parts.claim_days"));
  const auto& dp = p.dispatch;
  o += fmt::format("\n[dispatch]\nservice_radius_km = {}{}\n", dp.service_radius_km, org("dispatch.service_radius_km"));
  o += fmt::format("near_km = {}{}\n", dp.near_km, org("dispatch.near_km"));
  o += fmt::format("beyond_radius = {}{}\n", toml_quote(dp.beyond_radius), org("dispatch.beyond_radius"));
  o += fmt::format("max_open = {}{}\n", dp.max_open, org("dispatch.max_open"));
  o += fmt::format("weights = {{ same_outlet = {}, same_region = {}, skill_type = {}, skill_line = {}, workload = {}, "
                   "level = {}, near = {}, conflict = {} }}{}\n",
                   dp.w_same_outlet, dp.w_same_region, dp.w_skill_type, dp.w_skill_line, dp.w_workload, dp.w_level,
                   dp.w_near, dp.w_conflict,
                   group("dispatch.weights.", {"same_outlet", "same_region", "skill_type", "skill_line", "workload",
                                               "level", "near", "conflict"}));
  const auto& mp = p.maint;
  o += fmt::format("\n[maint]\nspring = \"{:02}-{:02}\"{}\n", mp.spring_month, mp.spring_day, org("maint.spring"));
  o += fmt::format("autumn = \"{:02}-{:02}\"{}\n", mp.autumn_month, mp.autumn_day, org("maint.autumn"));
  const auto& tp = p.training;
  o += fmt::format("\n[training]\nexcellent = {}{}\n", tp.excellent, org("training.excellent"));
  o += fmt::format("good = {}{}\n", tp.good, org("training.good"));
  o += fmt::format("pass = {}{}\n", tp.pass, org("training.pass"));
  o += fmt::format("retrain_days = {}{}\n", tp.retrain_days, org("training.retrain_days"));
  o += fmt::format("refresh_days = {}{}\n", tp.refresh_days, org("training.refresh_days"));
  o += fmt::format("assessment_share = {}{}\n", tp.assessment_share, org("training.assessment_share"));
  const auto& lm = p.limits;
  o += fmt::format("\n[limits]\nlabor_hours = {}{}\n", lm.labor_hours, org("limits.labor_hours"));
  o += fmt::format("amount = {}{}\n", m(lm.amount_cents), org("limits.amount"));
  o += fmt::format("qty = {}{}\n", lm.qty, org("limits.qty"));
  o += fmt::format("distance_km = {}{}\n", lm.distance_km, org("limits.distance_km"));
  o += fmt::format("unit_cost = {}{}\n", m(lm.unit_cost_cents), org("limits.unit_cost"));
  o += fmt::format("\n[report]\nlang = {}{}\n", toml_quote(p.report.lang), org("report.lang"));
  return o;
}

}  // namespace svc
