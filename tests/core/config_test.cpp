// lib/core/config.cpp: the walk, the value readers, the lookup order and loading.
#include "config.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "config_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using namespace svc_test;

TEST_CASE("the built-in policy equals the spec's defaults") {
  Policy p = default_policy();
  CHECK(p.timezone == "Asia/Shanghai");
  CHECK(p.tz.name() == "Asia/Shanghai");
  CHECK(p.calendar.workdays == std::array<bool, 7>{true, true, true, true, true, false, false});
  REQUIRE(p.calendar.hours.size() == 2);
  CHECK(p.calendar.hours[0].start_min == 8 * 60 + 30);
  CHECK(p.calendar.hours[0].end_min == 12 * 60);
  CHECK(p.calendar.hours[1].start_min == 13 * 60);
  CHECK(p.calendar.hours[1].end_min == 17 * 60 + 30);
  CHECK(p.calendar.day_seconds() == 8 * 3600);
  // the whole official 2025 and 2026 calendars (spec v3 §1): 28 + 33 days off, 5 + 6 make-up workdays
  std::set<Day> holidays;
  for (const char* d : {"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01",
                        "2025-02-02", "2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06",
                        "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31",
                        "2025-06-01", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
                        "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
                        "2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
                        "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
                        "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
                        "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
                        "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                        "2026-10-05", "2026-10-06", "2026-10-07"})
    holidays.insert(*parse_date(d));
  CHECK(holidays.size() == 28 + 33);
  CHECK(p.calendar.holidays == holidays);
  std::set<Day> extra;
  for (const char* d : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
                        "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    extra.insert(*parse_date(d));
  CHECK(p.calendar.extra_workdays == extra);
  CHECK(p.calendar.covers == std::set<int>{2025, 2026});
  CHECK(p.calendar.include.empty());
  REQUIRE(p.rules.size() == 4);
  const Instant h = 3600 * kMicrosPerSecond, bd = 8 * h;
  auto micros = [](const SlaRule& r, Target t) { return r.target(t) ? r.target(t)->micros : -1; };
  CHECK(p.rules[0].name == "remote");
  CHECK(p.rules[0].when.distance_km_over == 100);
  CHECK(micros(p.rules[0], Target::Response) == 12 * h);
  CHECK(micros(p.rules[0], Target::Arrival) == -1);
  CHECK(micros(p.rules[0], Target::Resolution) == 5 * bd);
  CHECK(p.rules[0].target(Target::Resolution)->clock == Clock::Business);
  CHECK(micros(p.rules[0], Target::Followup) == 24 * h);
  CHECK(p.rules[1].name == "urgent");
  CHECK(p.rules[1].when.urgency == std::vector<std::string>{"urgent"});
  CHECK(micros(p.rules[1], Target::Response) == h);
  CHECK(micros(p.rules[1], Target::Arrival) == h);
  CHECK(micros(p.rules[1], Target::Resolution) == 24 * h);
  CHECK(p.rules[1].target(Target::Resolution)->clock == Clock::Calendar);
  CHECK(micros(p.rules[1], Target::Followup) == 24 * h);
  CHECK(p.rules[2].name == "consultation");
  CHECK(p.rules[2].when.type == std::vector<std::string>{"consultation", "complaint"});
  CHECK(micros(p.rules[2], Target::Response) == 24 * h);
  CHECK(micros(p.rules[2], Target::Arrival) == -1);
  CHECK(micros(p.rules[2], Target::Resolution) == 3 * bd);
  CHECK(micros(p.rules[2], Target::Followup) == -1);
  CHECK(p.rules[3].name == "standard");
  CHECK(p.rules[3].when.empty());
  CHECK(micros(p.rules[3], Target::Response) == 24 * h);
  CHECK(micros(p.rules[3], Target::Arrival) == 24 * h);
  CHECK(micros(p.rules[3], Target::Resolution) == 3 * bd);
  CHECK(micros(p.rules[3], Target::Followup) == 24 * h);
  CHECK(p.warn_at == 0.8);
  CHECK(p.kpi.timeliness == 0.90);
  CHECK(p.kpi.satisfaction == 0.85);
  CHECK(p.kpi.complaint_rate == 0.03);
  const auto& a = p.assessment;
  CHECK(a.min_tickets == 10);
  CHECK(a.w_credit == 0.2);
  CHECK(a.w_technical == 0.2);
  CHECK(a.w_service == 0.3);
  CHECK(a.w_quality == 0.3);
  CHECK(a.grade_excellent == 90);
  CHECK(a.grade_good == 80);
  CHECK(a.grade_pass == 60);
  CHECK(a.credit_per_finding == 20);
  CHECK(a.reward_meets_cents == 200000);
  CHECK(a.reward_excellent_cents == 100000);
  CHECK(a.penalty_per_kpi_cents == 50000);
  CHECK(a.penalty_per_finding_cents == 100000);
  CHECK(a.bonus_requires_standard);  // spec v3 §5
  CHECK(a.fine_insufficient);
  CHECK(p.origins.empty());
}

TEST_CASE("examples/svc.toml is valid and equals the built-in policy") {
  std::string path = std::string(SVC_SOURCE_DIR) + "/examples/svc.toml";
  CHECK(check_policy_file(path).empty());
  Policy f = load_policy_file(path);
  CHECK(policy_to_toml(f, false) == policy_to_toml(default_policy(), false));
  // every value in the file came from it
  CHECK(f.origins.at("timezone").rfind(path + ":", 0) == 0);
  CHECK(f.origins.count("sla.rules") == 1);
  CHECK(f.origins.count("assessment.penalty_per_finding") == 1);
}

TEST_CASE("origins name FILE:LINE of every value a file sets, built-in for the rest") {
  Policy p = load_policy_text("# comment\n\ntimezone = \"UTC\"\n[kpi]\nsatisfaction = 0.8\n", "o.toml");
  CHECK(p.origins.at("timezone") == "o.toml:3");
  CHECK(p.origins.at("kpi.satisfaction") == "o.toml:5");
  CHECK(p.origins.count("kpi.timeliness") == 0);
  CHECK(p.kpi.timeliness == 0.90);  // left out: keeps the default
  std::string shown = policy_to_toml(p, true);
  CHECK(shown.find("timezone = \"UTC\"  # o.toml:3\n") != std::string::npos);
  CHECK(shown.find("satisfaction = 0.8  # o.toml:5\n") != std::string::npos);
  CHECK(shown.find("timeliness = 0.9  # built-in\n") != std::string::npos);
  CHECK(shown.find("grades = { excellent = 90, good = 80, pass = 60 }  # built-in\n") != std::string::npos);
  Policy g = load_policy_text("[assessment.grades]\npass = 50\n", "g.toml");
  CHECK(policy_to_toml(g, true).find("pass = 50 }  # excellent built-in, good built-in, pass g.toml:2\n") !=
        std::string::npos);
  CHECK(policy_to_toml(g, false).find('#') == std::string::npos);
}

TEST_CASE("every validation message, with its FILE:LINE") {
  SUBCASE("TOML syntax") {
    CHECK(only_problem("timezone = \"UTC\"\nbad = = 1\n").rfind("p.toml:2: ", 0) == 0);
  }
  SUBCASE("unknown keys, with and without a suggestion") {
    CHECK(only_problem("\ntimezon = \"UTC\"\n") == "p.toml:2: unknown key 'timezon' (did you mean 'timezone'?)");
    CHECK(only_problem("colour = 1\n") == "p.toml:1: unknown key 'colour'");
    CHECK(only_problem("[calendar]\nholiday = []\n") ==
          "p.toml:2: unknown key 'calendar.holiday' (did you mean 'calendar.holidays'?)");
    CHECK(only_problem("[sla]\nwarn = 0.5\n") == "p.toml:2: unknown key 'sla.warn' (did you mean 'sla.warn_at'?)");
    CHECK(only_problem("[kpi]\ntimelines = 0.5\n") ==
          "p.toml:2: unknown key 'kpi.timelines' (did you mean 'kpi.timeliness'?)");
    CHECK(only_problem("[assessment]\nmin_ticket = 5\n") ==
          "p.toml:2: unknown key 'assessment.min_ticket' (did you mean 'assessment.min_tickets'?)");
    CHECK(only_problem("[assessment.weights]\ncredits = 0.2\n") ==
          "p.toml:2: unknown key 'assessment.weights.credits' (did you mean 'assessment.weights.credit'?)");
    CHECK(only_problem("[assessment.grades]\npas = 50\n") ==
          "p.toml:2: unknown key 'assessment.grades.pas' (did you mean 'assessment.grades.pass'?)");
    CHECK(only_problem("[[sla.rules]]\nname = \"x\"\nrespons = \"1h\"\n") ==
          "p.toml:3: unknown key 'sla.rules[0].respons' (did you mean 'sla.rules[0].response'?)");
    CHECK(only_problem("[[sla.rules]]\nwhen = { urgncy = \"urgent\" }\n") ==
          "p.toml:2: unknown key 'sla.rules[0].when.urgncy' (did you mean 'sla.rules[0].when.urgency'?)");
  }
  SUBCASE("sections of the wrong type") {
    CHECK(only_problem("calendar = 1\n") == "p.toml:1: 'calendar' must be a table ([calendar])");
    CHECK(only_problem("sla = \"x\"\n") == "p.toml:1: 'sla' must be a table ([sla])");
    CHECK(only_problem("kpi = []\n") == "p.toml:1: 'kpi' must be a table ([kpi])");
    CHECK(only_problem("assessment = 2\n") == "p.toml:1: 'assessment' must be a table ([assessment])");
  }
  SUBCASE("timezone") {
    CHECK(only_problem("timezone = \"Mars/Olympus\"\n") ==
          "p.toml:1: timezone: unknown time zone 'Mars/Olympus' (an IANA name such as Asia/Shanghai)");
    CHECK(only_problem("timezone = 8\n") == "p.toml:1: timezone must be a string");
  }
}

TEST_CASE("every problem of a file is reported, not just the first") {
  auto p = check_policy_text("timezone = \"Nowhere/X\"\n[calendar]\nhours = [\"9-5\"]\n[kpi]\nspeed = 1\n", "m.toml");
  REQUIRE(p.size() == 3);
  CHECK(p[0].rfind("m.toml:1: ", 0) == 0);
  CHECK(p[1].rfind("m.toml:3: ", 0) == 0);
  CHECK(p[2].rfind("m.toml:5: ", 0) == 0);
  try {
    load_policy_text("timezone = \"Nowhere/X\"\n[kpi]\nspeed = 1\n", "m.toml");
    FAIL("no DataError");
  } catch (const DataError& e) {
    CHECK(e.exit_code() == 65);
    CHECK(std::string(e.what()) == "policy 'm.toml' has 2 problems");
    CHECK(e.problems.size() == 2);
  }
}

TEST_CASE("policy files that cannot be read") {
  Sandbox sb;
  CHECK_THROWS_AS(check_policy_file("nope.toml"), NoInputError);
  fs::create_directory("adir");
  CHECK_THROWS_AS(check_policy_file("adir"), NoInputError);  // a directory is not an (empty) policy
  CHECK_THROWS_AS(load_policy_file("adir"), NoInputError);
}

TEST_CASE("lookup order: --config, $SVC_CONFIG, ./svc.toml, $XDG_CONFIG_HOME, ~/.config, built-in") {
  Sandbox sb;
  CHECK_FALSE(find_policy_file(""));
  CHECK(policy_to_toml(load_policy(""), false) == policy_to_toml(default_policy(), false));

  write(sb.dir / "home/.config/svc/svc.toml", "timezone = \"Europe/Paris\"\n");
  CHECK(find_policy_file("") == (sb.dir / "home/.config/svc/svc.toml").string());

  ::setenv("XDG_CONFIG_HOME", (sb.dir / "xdg").c_str(), 1);
  CHECK_FALSE(find_policy_file(""));  // $XDG_CONFIG_HOME set: ~/.config is not looked at
  write(sb.dir / "xdg/svc/svc.toml", "timezone = \"Europe/London\"\n");
  CHECK(find_policy_file("") == (sb.dir / "xdg/svc/svc.toml").string());
  CHECK(load_policy("").timezone == "Europe/London");

  write(sb.dir / "svc.toml", "timezone = \"UTC\"\n");
  CHECK(find_policy_file("") == std::string("svc.toml"));
  CHECK(load_policy("").origins.at("timezone") == "svc.toml:1");

  write(sb.dir / "env.toml", "timezone = \"Asia/Tokyo\"\n");
  ::setenv("SVC_CONFIG", "env.toml", 1);
  CHECK(find_policy_file("") == std::string("env.toml"));
  CHECK(load_policy("").timezone == "Asia/Tokyo");

  write(sb.dir / "cli.toml", "timezone = \"America/New_York\"\n");
  CHECK(find_policy_file("cli.toml") == std::string("cli.toml"));
  CHECK(load_policy("cli.toml").timezone == "America/New_York");

  // an explicit file that is missing is an error, never a silent fallback
  CHECK_THROWS_AS(find_policy_file("missing.toml"), NoInputError);
  ::setenv("SVC_CONFIG", "missing.toml", 1);
  CHECK_THROWS_AS(find_policy_file(""), NoInputError);
  CHECK(find_policy_file("cli.toml") == std::string("cli.toml"));
  ::unsetenv("SVC_CONFIG");

  // a bad policy found on the way is an error too (65), not skipped
  write(sb.dir / "svc.toml", "timezone = 5\n");
  CHECK_THROWS_AS(load_policy(""), DataError);
}
