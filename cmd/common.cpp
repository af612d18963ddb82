#include "common.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "error.hpp"
#include "timeutil.hpp"
#include "period.hpp"

namespace svc::cli {

Store open_store(const Globals& g, bool create) {
  StoreOptions o;
  o.path = resolve_db_path(g.db);
  o.busy_timeout_ms = g.busy_timeout_ms;
  o.create = create;
  return Store(o);
}

Store open_store_read_only(const Globals& g) {
  StoreOptions o;
  o.path = resolve_db_path(g.db);
  o.busy_timeout_ms = g.busy_timeout_ms;
  o.read_only = true;
  return Store(o);
}

Policy load_policy(const Globals& g) {
  Policy p = svc::load_policy(g.config);
  g.calendars.push_back(p.calendar);  // shares its CoverageLog with p and p's copies
  return p;
}

void warn_calendar_coverage(const Globals& g) {
  // the policy loaded last says it when several went past their coverage
  for (auto it = g.calendars.rbegin(); it != g.calendars.rend(); ++it)
    if (auto w = coverage_warning(*it)) {
      std::cerr << "svc: warning: " << *w << "\n";
      return;
    }
}

CLI::Option* add_format(CLI::App* app, std::string& value, bool html, const std::string& dflt) {
  value = dflt;
  std::vector<std::string> choices = {"table", "csv", "json"};
  if (html) choices.push_back("html");
  std::string names;
  for (auto& c : choices) names += (names.empty() ? "" : "|") + c;
  return app->add_option("--format", value, "Output format: " + names)
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

Format format_of(const std::string& value) {
  auto f = parse_format(value);
  if (!f) throw UsageError("unknown format '" + value + "'");
  return *f;
}

CLI::Option* add_as_of(CLI::App* app, std::string& value) {
  return app->add_option("--as-of", value,
                         "Evaluate as of this instant (RFC 3339, 'YYYY-MM-DD HH:MM[:SS]' local, or a date = end of "
                         "that day); default now");
}

Instant as_of(const std::string& value, const Policy& p) {
  return value.empty() ? svc::now() : parse_as_of(value, p.tz);
}

Day date_option(const std::string& v, const char* opt) {
  auto d = parse_date(v);
  if (!d) throw UsageError(fmt::format("{} '{}': {}", opt, v, date_problem(v)));
  return *d;
}

std::pair<std::optional<Day>, std::optional<Day>> period_days(const std::string& period, const Policy& p) {
  if (period.empty()) return {};
  Period per = parse_period(period, p.tz);
  return {per.first, per.last};
}

void emit_table(std::ostream& out, Format f, const Table& t) {
  switch (f) {
    case Format::Csv: write_csv(out, t); break;
    case Format::Json: {
      JsonWriter w(out);
      w.begin_array();
      for (const auto& r : t.rows) {
        w.begin_object();
        for (size_t c = 0; c < t.headers.size(); ++c) w.field(t.headers[c], c < r.size() ? r[c] : std::string());
        w.end_object();
      }
      w.end_array();
      w.newline();
      break;
    }
    default: write_table(out, t);
  }
}

void emit_view(std::ostream& out, Format f, const std::function<Table()>& table,
               const std::function<void(JsonWriter&)>& json) {
  if (f == Format::Json) {
    JsonWriter w(out);
    json(w);
    w.newline();
  } else {
    emit_table(out, f, table());
  }
}

void add_force(CLI::App* app, LimitOverride& o, CLI::Option* reason) {
  auto* f = app->add_flag("--force", o.force,
                          "Record a value beyond the policy's [limits] (or a write on a closed or cancelled ticket) "
                          "anyway; needs --reason, which is recorded with it");
  if (reason) {
    f->needs(reason);
    return;
  }
  auto* r = app->add_option("--reason", o.reason, "Why the forced value is right (with --force; recorded)");
  f->needs(r);
  r->needs(f);
}

CLI::Option* add_ticket_arg(CLI::App* app, std::string& value) {
  return app->add_option("TICKET", value, "Ticket id")->required();
}

CLI::Option* add_step_at(CLI::App* app, std::string& value) {
  return app->add_option("--at", value,
                         "When it happened: RFC 3339 or local 'YYYY-MM-DD HH:MM[:SS]' (default now); not before the "
                         "ticket's last event, not in the future");
}

Instant step_at(const std::string& value, const Policy& p) {
  if (value.empty()) {  // now, to the whole second: a step's time is shown and compared in seconds
    Instant n = svc::now();
    return n - n % kMicrosPerSecond;
  }
  std::string why;
  auto t = parse_timestamp(value, p.tz, &why);
  if (!t) throw UsageError("--at '" + value + "': " + why);
  return *t;
}

CLI::Validator whole_number(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& v) -> std::string {
        std::string bad = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                          ", got '" + v + "'";
        size_t i = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
        if (i == v.size() || v.size() > 19) return bad;
        for (size_t k = i; k < v.size(); ++k)
          if (v[k] < '0' || v[k] > '9') return bad;
        long long n = std::stoll(v);
        return n < min || n > max ? bad : std::string();
      },
      std::to_string(min) + ".." + std::to_string(max));
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

bool color_enabled() {
  const char* nc = std::getenv("NO_COLOR");
  return (!nc || !*nc) && ::isatty(STDOUT_FILENO) == 1;
}

std::string user_or_env(const std::string& given) {
  if (!given.empty()) return given;
  for (const char* v : {"SVC_USER", "USER", "LOGNAME"})
    if (const char* e = std::getenv(v); e && *e) return e;
  return "unknown";
}

}  // namespace svc::cli
