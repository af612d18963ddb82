// lib/core/config_calendar.cpp: [calendar], shipped calendars and includes.
#include "config.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "config_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using namespace svc_test;

namespace {
std::set<Day> days_of(std::initializer_list<const char*> ds) {
  std::set<Day> out;
  for (const char* d : ds) out.insert(*parse_date(d));
  return out;
}
// A temporary directory, removed at the end of the scope.
struct TmpDir {
  fs::path dir;
  TmpDir() {
    char tmpl[] = "/tmp/svc-cal-XXXXXX";
    dir = ::mkdtemp(tmpl);
  }
  ~TmpDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};
}  // namespace

TEST_CASE("config: the shipped calendars equal the official notices, and cn-2025 with cn-2026 the built-in default") {
  Policy def = default_policy();
  CHECK(def.calendar.covers == std::set<int>{2025, 2026});
  Policy both = load_policy_text(
      "[calendar]\ninclude = [\"cn-2025\", \"cn-2026\"]\nholidays = []\nextra_workdays = []\n", "p.toml");
  CHECK(both.calendar.holidays == def.calendar.holidays);
  CHECK(both.calendar.extra_workdays == def.calendar.extra_workdays);
  CHECK(both.calendar.covers == def.calendar.covers);
  CHECK(def.calendar.holidays.size() == 28 + 33);
  CHECK(def.calendar.extra_workdays.size() == 5 + 6);
  Policy p26 = load_policy_text("[calendar]\ninclude = [\"cn-2026\"]\nholidays = []\nextra_workdays = []\n", "p.toml");
  CHECK(p26.calendar.covers == std::set<int>{2026});
  CHECK(p26.calendar.holidays.size() == 33);
  // 国办发明电〔2024〕12号 of 2024-11-12
  Policy p25 = load_policy_text("[calendar]\ninclude = [\"cn-2025\"]\nholidays = []\nextra_workdays = []\n", "p.toml");
  CHECK(p25.calendar.holidays ==
        days_of({"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02",
                 "2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06", "2025-05-01", "2025-05-02",
                 "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31", "2025-06-01", "2025-06-02", "2025-10-01",
                 "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"}));
  CHECK(p25.calendar.extra_workdays ==
        days_of({"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}));
  CHECK(p25.calendar.covers == std::set<int>{2025});
}

TEST_CASE("config: [calendar] include merges with the policy's own lists and extends the coverage") {
  SUBCASE("no own lists: the built-in 2025 and 2026 lists stay, cn-2025 adds nothing new") {
    Policy p = load_policy_text("[calendar]\ninclude = [\"cn-2025\"]\n", "p.toml");
    CHECK(p.calendar.holidays == default_policy().calendar.holidays);
    CHECK(p.calendar.covers == std::set<int>{2025, 2026});
    CHECK(p.calendar.holidays.count(*parse_date("2025-10-08")) == 1);
    CHECK(p.calendar.holidays.count(*parse_date("2026-10-07")) == 1);
    CHECK(p.calendar.extra_workdays.count(*parse_date("2025-09-28")) == 1);
    CHECK(p.calendar.include == std::vector<std::string>{"cn-2025"});
    CHECK(p.origins.at("calendar.covers") == "built-in + p.toml:2 include");
  }
  SUBCASE("own lists: merged; their years are covered unless covers says otherwise") {
    Policy p = load_policy_text("[calendar]\ninclude = [\"cn-2025\", \"cn-2026\"]\nholidays = [\"2027-01-01\"]\n",
                                "p.toml");
    CHECK(p.calendar.covers == std::set<int>{2025, 2026, 2027});
    CHECK(p.calendar.holidays.count(*parse_date("2027-01-01")) == 1);
    CHECK(p.calendar.holidays.count(*parse_date("2025-01-28")) == 1);
    CHECK(p.calendar.holidays.size() == 28 + 33 + 1);
    Policy q = load_policy_text(
        "[calendar]\ninclude = [\"cn-2026\"]\nholidays = [\"2027-01-01\"]\ncovers = []\n", "p.toml");
    CHECK(q.calendar.covers == std::set<int>{2026});
  }
  SUBCASE("own lists without include: the years of their dates, or covers") {
    CHECK(load_policy_text("[calendar]\nholidays = [\"2026-12-25\"]\nextra_workdays = [\"2027-01-09\"]\n", "p.toml")
              .calendar.covers == std::set<int>{2026, 2027});
    CHECK(load_policy_text("[calendar]\nholidays = []\nextra_workdays = []\n", "p.toml").calendar.covers.empty());
    // only holidays given: the built-in make-up days of 2025 and 2026 are still its own lists' dates
    CHECK(load_policy_text("[calendar]\nholidays = []\n", "p.toml").calendar.covers == std::set<int>{2025, 2026});
    // own lists of 2026 only: 2025 is no longer covered (it warns), unless covers declares it
    CHECK(load_policy_text("[calendar]\nholidays = [\"2026-10-01\"]\nextra_workdays = []\n", "p.toml")
              .calendar.covers == std::set<int>{2026});
    CHECK(load_policy_text("[calendar]\nholidays = []\ncovers = [2024, 2030]\n", "p.toml").calendar.covers ==
          std::set<int>{2024, 2030});
  }
  SUBCASE("a path relative to the policy file") {
    TmpDir t;
    t.write("cal/x-2027.toml", "source = \"test\"\ncovers = [2027]\nholidays = [2027-01-01]\n"
                               "extra_workdays = [\"2026-12-26\"]\n");
    std::string pol = t.write("svc.toml", "[calendar]\ninclude = [\"cn-2026\", \"cal/x-2027.toml\"]\n");
    Policy p = load_policy_file(pol);
    CHECK(p.calendar.covers == std::set<int>{2025, 2026, 2027});  // the built-in lists' 2025 and 2026 too
    CHECK(p.calendar.holidays.count(*parse_date("2027-01-01")) == 1);
    CHECK(p.calendar.extra_workdays.count(*parse_date("2026-12-26")) == 1);
    // config show writes include, covers and the merged lists; they read back to the same policy
    std::string shown = policy_to_toml(p, false);
    CHECK(shown.find("include = [\"cn-2026\", \"cal/x-2027.toml\"]\ncovers = [2025, 2026, 2027]\n") != std::string::npos);
    std::string again = t.write("again.toml", shown);
    Policy q = load_policy_file(again);
    CHECK(q.calendar.holidays == p.calendar.holidays);
    CHECK(q.calendar.extra_workdays == p.calendar.extra_workdays);
    CHECK(q.calendar.covers == p.calendar.covers);
  }
}

TEST_CASE("config: bad includes are refused with FILE:LINE, unknown names with did-you-mean") {
  CHECK(only_problem("[calendar]\ninclude = [\"cn2026\"]\n") ==
        "p.toml:2: calendar.include: unknown calendar 'cn2026' (did you mean 'cn-2026'?); shipped: cn-2025, cn-2026 "
        "(a path names a file: it contains '/' or ends in .toml)");
  CHECK(only_problem("[calendar]\ninclude = [\"nowhere/cn-2027.toml\"]\n") ==
        "p.toml:2: calendar.include: cannot read calendar file 'nowhere/cn-2027.toml'");
  CHECK(only_problem("[calendar]\ninclude = [\"cn-2026.toml\"]\n") ==
        "p.toml:2: calendar.include: cannot read calendar file 'cn-2026.toml' (svc ships 'cn-2026': include it by "
        "name, \"cn-2026\")");
  CHECK(only_problem("[calendar]\ncovers = [\"2026\"]\n") == "p.toml:2: calendar.covers: expected a year 1..9999");
  CHECK(only_problem("[calendar]\ncovers = 2026\n") ==
        "p.toml:2: calendar.covers must be an array of years, e.g. [2025, 2026]");
  TmpDir t;
  t.write("bad.toml", "covers = [2027]\nholiday = [\"2027-01-01\"]\nextra_workdays = [\"2027-02-30\"]\n");
  std::string pol = t.write("svc.toml", "[calendar]\ninclude = [\"bad.toml\"]\n");
  auto problems = check_policy_file(pol);
  REQUIRE(problems.size() == 2);
  const std::string bad = (t.dir / "bad.toml").string();
  CHECK(problems[0] == bad + ":2: unknown key 'holiday' (did you mean 'holidays'?)");
  CHECK(problems[1] == bad + ":3: extra_workdays: '2027-02-30' is not a date YYYY-MM-DD");
  // a bad include changes nothing: the policy is refused as a whole
  CHECK_THROWS_AS(load_policy_file(pol), DataError);
}

TEST_CASE("every [calendar] validation message, with its FILE:LINE") {
  SUBCASE("workdays") {
    CHECK(only_problem("[calendar]\nworkdays = [\"mon\", \"fry\"]\n") ==
          "p.toml:2: calendar.workdays: unknown day 'fry' (mon tue wed thu fri sat sun)");
    CHECK(only_problem("[calendar]\nworkdays = [\"mon\", 2]\n") == "p.toml:2: calendar.workdays must hold strings");
    CHECK(only_problem("[calendar]\nworkdays = 5\n") ==
          "p.toml:2: calendar.workdays must be a string or an array of strings");
  }
  SUBCASE("hours: malformed, reversed, overlapping, empty") {
    CHECK(only_problem("[calendar]\nhours = [\"8:30-12:00\"]\n") ==
          "p.toml:2: calendar.hours: '8:30-12:00' is not a span HH:MM-HH:MM");
    CHECK(only_problem("[calendar]\nhours = [\"08:30-25:00\"]\n") ==
          "p.toml:2: calendar.hours: '08:30-25:00' is not a span HH:MM-HH:MM");
    CHECK(only_problem("[calendar]\nhours = [\"0830\"]\n") == "p.toml:2: calendar.hours: '0830' is not a span HH:MM-HH:MM");
    CHECK(only_problem("[calendar]\nhours = [\"17:00-09:00\"]\n") ==
          "p.toml:2: calendar.hours: '17:00-09:00' ends before it starts");
    CHECK(only_problem("[calendar]\nhours = [\"09:00-09:00\"]\n") ==
          "p.toml:2: calendar.hours: '09:00-09:00' ends before it starts");
    CHECK(only_problem("[calendar]\nhours = [\"13:00-18:00\", \"08:00-13:30\"]\n") ==
          "p.toml:2: calendar.hours: spans 08:00-13:30 and 13:00-18:00 overlap");
    CHECK(only_problem("[calendar]\nhours = []\n") == "p.toml:2: calendar.hours: at least one working span is needed");
    CHECK(check_policy_text("[calendar]\nhours = [\"08:00-12:00\", \"12:00-24:00\"]\n", "p.toml").empty());
  }
  SUBCASE("dates") {
    CHECK(only_problem("[calendar]\nholidays = [\"2026-02-30\"]\n") ==
          "p.toml:2: calendar.holidays: '2026-02-30' is not a date YYYY-MM-DD");
    CHECK(only_problem("[calendar]\nextra_workdays = [\"10/10/2026\"]\n") ==
          "p.toml:2: calendar.extra_workdays: '10/10/2026' is not a date YYYY-MM-DD");
    CHECK(only_problem("[calendar]\nholidays = [20261001]\n") ==
          "p.toml:2: calendar.holidays: expected a date YYYY-MM-DD (a string or a TOML date)");
    CHECK(only_problem("[calendar]\nholidays = \"2026-10-01\"\n") == "p.toml:2: calendar.holidays must be an array of dates");
    Policy p = load_policy_text("[calendar]\nholidays = [2026-12-25, \"2026-12-26\"]\n", "p.toml");
    CHECK(p.calendar.holidays == std::set<Day>{*parse_date("2026-12-25"), *parse_date("2026-12-26")});
  }
}
