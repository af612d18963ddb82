// svc calendar show YEAR: the working days of a year under the policy's
// calendar, to check it against the State Council's notice (docs/policy.md).
#include <memory>

#include "app.hpp"
#include "calendar.hpp"

namespace svc::cli {

void setup_calendar(CLI::App& sub, Globals& g) {
  struct Opts {
    int year = 0;
    bool all = false;
    std::string format;
  };
  auto o = std::make_shared<Opts>();
  sub.require_subcommand(1);
  sub.footer("Example:\n  svc calendar show 2026");
  auto* show = sub.add_subcommand(
      "show", "The holidays and make-up workdays (调休) of a year, or every day with --all, and its working-day count");
  show->add_option("YEAR", o->year, "Year to show, e.g. 2026")->required()->check(CLI::Range(1, 9999));
  show->add_flag("--all", o->all, "List every day of the year (default: only holidays and make-up workdays)");
  add_format(show, o->format);
  show->footer(
      "Kinds: workday, weekend (not a [calendar] workdays day), holiday (in holidays: off),\n"
      "makeup_workday (in extra_workdays and otherwise off: 调休). The table ends with the counts\n"
      "and whether the calendar covers the year; a year it does not cover is also said on stderr\n"
      "(svc: warning: the calendar does not cover YEAR …), in every format.\n"
      "Examples:\n"
      "  svc calendar show 2026\n"
      "  svc calendar show 2027 --all --format csv\n"
      "  svc --config /etc/svc/svc.toml calendar show 2026 --format json");
  show->callback([&g, o] {
    Policy p = load_policy(g);
    CalendarYear y = calendar_year(p.calendar, o->year);
    Format f = format_of(o->format);
    emit_view(std::cout, f, [&] { return calendar_year_table(y, o->all); },
              [&](JsonWriter& w) { write_json(w, y, o->all); });
    if (f == Format::Table) std::cout << calendar_year_summary(y) << "\n";
    if (auto w = uncovered_year_warning(y, p.calendar)) std::cerr << "svc: warning: " << *w << "\n";
  });
}

}  // namespace svc::cli
