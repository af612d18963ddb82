// [calendar]: work week, hours, holidays, shipped and included calendar files.
#include "config_internal.hpp"

#include <fstream>
#include <sstream>

#include "shipped_calendars.hpp"

namespace svc::config_detail {

void Loader::calendar(const toml::table& t) {
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
  // (the built-in lists declare 2025 and 2026 when neither is given).
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
std::optional<std::set<Day>> Loader::dates(const toml::node& n, const std::string& key) {
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
std::optional<std::set<int>> Loader::years(const toml::node& n, const std::string& key) {
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
void Loader::calendar_file(const toml::table& root, CalendarPolicy& out) {
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
void Loader::include(const toml::node& at, const std::string& what) {
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

}  // namespace svc::config_detail
