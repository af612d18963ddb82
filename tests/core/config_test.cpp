#include "config.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "error.hpp"

using namespace svc;
namespace fs = std::filesystem;

namespace {

// The one problem of a policy text (fails when there is not exactly one).
std::string only_problem(const std::string& text) {
  auto p = check_policy_text(text, "p.toml");
  REQUIRE_MESSAGE(p.size() == 1, fmt::format("{} problems for:\n{}", p.size(), text));
  return p[0];
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// A scratch directory that is the working directory while it lives, with the
// lookup environment cleared.
struct Sandbox {
  fs::path dir, old;
  std::string saved_env[3];
  static constexpr const char* kVars[3] = {"SVC_CONFIG", "XDG_CONFIG_HOME", "HOME"};
  Sandbox() {
    char tmpl[] = "/tmp/svc_config_test.XXXXXX";
    dir = ::mkdtemp(tmpl);
    old = fs::current_path();
    fs::current_path(dir);
    for (int i = 0; i < 3; ++i) {
      const char* v = std::getenv(kVars[i]);
      saved_env[i] = v ? v : "";
      ::unsetenv(kVars[i]);
    }
    ::setenv("HOME", (dir / "home").c_str(), 1);
  }
  ~Sandbox() {
    fs::current_path(old);
    fs::remove_all(dir);
    for (int i = 0; i < 3; ++i)
      if (saved_env[i].empty()) ::unsetenv(kVars[i]);
      else ::setenv(kVars[i], saved_env[i].c_str(), 1);
  }
};

}  // namespace

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
  // the whole official 2026 calendar (spec §1): 33 days off, 6 make-up workdays
  std::set<Day> holidays;
  for (const char* d : {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
                        "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
                        "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
                        "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
                        "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                        "2026-10-05", "2026-10-06", "2026-10-07"})
    holidays.insert(*parse_date(d));
  CHECK(holidays.size() == 33);
  CHECK(p.calendar.holidays == holidays);
  std::set<Day> extra;
  for (const char* d : {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    extra.insert(*parse_date(d));
  CHECK(p.calendar.extra_workdays == extra);
  CHECK(p.calendar.covers == std::set<int>{2026});
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

TEST_CASE("config show prints TOML that reads back to the same policy") {
  Policy custom = load_policy_text(R"(
timezone = "Europe/Berlin"
[calendar]
workdays = ["mon", "sat"]
hours = ["09:00-18:00"]
holidays = [2026-12-25]
[[sla.rules]]
name = "odd \"name\" \\ here"
when = { region = ["华东", "华南"], channel = "web", distance_km_over = 12.5 }
response = "90m"
[[sla.rules]]
name = "rest"
resolution = "2.5bd"
[sla]
warn_at = 0.75
[assessment]
reward_excellent = 12.34
)", "c.toml");
  std::string text = policy_to_toml(custom, false);
  CHECK(check_policy_text(text, "shown.toml").empty());
  Policy back = load_policy_text(text, "shown.toml");
  CHECK(policy_to_toml(back, false) == text);
  CHECK(back.rules[0].name == "odd \"name\" \\ here");
  CHECK(back.rules[1].target(Target::Resolution)->micros == 2.5 * 9 * 3600 * kMicrosPerSecond);
  CHECK(back.assessment.reward_excellent_cents == 1234);
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

TEST_CASE("rules given in a file replace the built-in rules as a whole") {
  Policy p = load_policy_text("[[sla.rules]]\nname = \"only\"\nresponse = \"2h\"\n", "r.toml");
  REQUIRE(p.rules.size() == 1);
  CHECK(p.rules[0].name == "only");
  CHECK(p.origins.at("sla.rules") == "r.toml:1");
  Policy q = load_policy_text("[[sla.rules]]\nresponse = \"2h\"\n", "r.toml");
  CHECK(q.rules[0].name == "rule1");  // unnamed rules are numbered
}

TEST_CASE("bd durations use the calendar's day length, whatever the order in the file") {
  Policy p = load_policy_text("[[sla.rules]]\nresolution = \"1bd\"\n[calendar]\nhours = [\"09:00-13:00\"]\n", "d.toml");
  CHECK(p.rules[0].target(Target::Resolution)->micros == 4 * 3600 * kMicrosPerSecond);
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
  SUBCASE("durations") {
    CHECK(only_problem("[[sla.rules]]\nresponse = \"3x\"\n") ==
          "p.toml:2: sla.rules[0].response: bad duration '3x' (a number and m, h, bh or bd, e.g. 24h, 3bd)");
    CHECK(only_problem("[[sla.rules]]\narrival = \"h\"\n") ==
          "p.toml:2: sla.rules[0].arrival: bad duration 'h' (a number and m, h, bh or bd, e.g. 24h, 3bd)");
    CHECK(only_problem("[[sla.rules]]\nresolution = \"-1bd\"\n") ==
          "p.toml:2: sla.rules[0].resolution: bad duration '-1bd' (a number and m, h, bh or bd, e.g. 24h, 3bd)");
    CHECK(only_problem("[[sla.rules]]\nfollowup = 24\n") == "p.toml:2: sla.rules[0].followup must be a string");
  }
  SUBCASE("rules") {
    CHECK(only_problem("[sla]\nrules = 3\n") == "p.toml:2: sla.rules must be an array of tables ([[sla.rules]])");
    CHECK(only_problem("[[sla.rules]]\nname = \"all\"\nresponse = \"1h\"\n[[sla.rules]]\nname = \"b\"\n"
                       "when = { urgency = \"urgent\" }\n") ==
          "p.toml:1: sla.rules[0] ('all') has no 'when' so it matches every ticket, but it is not the last rule: "
          "the rules after it can never apply");
    CHECK(only_problem("[[sla.rules]]\nname = \"e\"\nwhen = {}\n[[sla.rules]]\nname = \"b\"\n") ==
          "p.toml:1: sla.rules[0] ('e') has an empty 'when' so it matches every ticket, but it is not the last rule: "
          "the rules after it can never apply");
    CHECK(only_problem("[[sla.rules]]\nname = 7\n") == "p.toml:2: sla.rules[0].name must be a string");
    CHECK(only_problem("[[sla.rules]]\nwhen = \"urgent\"\n") ==
          "p.toml:2: sla.rules[0].when must be a table, e.g. { urgency = \"urgent\" }");
    CHECK(only_problem("[[sla.rules]]\nwhen = { urgency = \"high\" }\n") ==
          "p.toml:2: sla.rules[0].when.urgency: urgency must be urgent|normal, got 'high'");
    CHECK(only_problem("[[sla.rules]]\nwhen = { type = [\"repair\", \"fix\"] }\n") ==
          "p.toml:2: sla.rules[0].when.type: type must be one of "
          "repair|install|maintenance|consultation|complaint|return|replacement, got 'fix'");
    CHECK(only_problem("[[sla.rules]]\nwhen = { channel = \"fax\" }\n") ==
          "p.toml:2: sla.rules[0].when.channel: channel must be one of phone|web|app|email|letter|onsite, got 'fax'");
    CHECK(only_problem("[[sla.rules]]\nwhen = { region = 5 }\n") ==
          "p.toml:2: sla.rules[0].when.region must be a string or an array of strings");
    CHECK(only_problem("[[sla.rules]]\nwhen = { distance_km_over = -1 }\n") ==
          "p.toml:2: sla.rules[0].when.distance_km_over must be >= 0");
    CHECK(only_problem("[[sla.rules]]\nwhen = { distance_km_over = \"far\" }\n") ==
          "p.toml:2: sla.rules[0].when.distance_km_over must be a number");
  }
  SUBCASE("warn_at and KPI rates") {
    CHECK(only_problem("[sla]\nwarn_at = 0\n") == "p.toml:2: sla.warn_at must be in (0, 1], got 0");
    CHECK(only_problem("[sla]\nwarn_at = 1.5\n") == "p.toml:2: sla.warn_at must be in (0, 1], got 1.5");
    CHECK(only_problem("[sla]\nwarn_at = \"80%\"\n") == "p.toml:2: sla.warn_at must be a number");
    CHECK(only_problem("[kpi]\ntimeliness = 90\n") == "p.toml:2: kpi.timeliness must be a fraction from 0 to 1, got 90");
    CHECK(only_problem("[kpi]\nsatisfaction = -0.1\n") ==
          "p.toml:2: kpi.satisfaction must be a fraction from 0 to 1, got -0.1");
    CHECK(only_problem("[kpi]\ncomplaint_rate = \"3%\"\n") == "p.toml:2: kpi.complaint_rate must be a number");
  }
  SUBCASE("assessment") {
    CHECK(only_problem("[assessment]\nmin_tickets = -1\n") ==
          "p.toml:2: assessment.min_tickets must be an integer from 0 to 1000000000");
    CHECK(only_problem("[assessment]\nmin_tickets = 2.5\n") ==
          "p.toml:2: assessment.min_tickets must be an integer from 0 to 1000000000");
    CHECK(only_problem("[assessment]\nweights = { credit = 0.5, technical = 0.2, service = 0.3, quality = 0.3 }\n") ==
          "p.toml:2: assessment.weights must sum to 1, they sum to 1.3");
    CHECK(only_problem("[assessment]\nweights = 1\n") == "p.toml:2: assessment.weights must be a table");
    auto p = check_policy_text("[assessment.weights]\ncredit = 2\n", "p.toml");
    REQUIRE(p.size() == 1);  // out of range, so not applied: the sum still holds
    CHECK(p[0] == "p.toml:2: assessment.weights.credit must be from 0 to 1, got 2");
    CHECK(only_problem("[assessment]\ngrades = { excellent = 70, good = 80, pass = 60 }\n") ==
          "p.toml:2: assessment.grades must satisfy excellent >= good >= pass");
    CHECK(only_problem("[assessment]\ngrades = { pass = 101 }\n") ==
          "p.toml:2: assessment.grades.pass must be from 0 to 100, got 101");
    CHECK(only_problem("[assessment]\ngrades = \"A\"\n") == "p.toml:2: assessment.grades must be a table");
    CHECK(only_problem("[assessment]\ncredit_per_finding = 120\n") ==
          "p.toml:2: assessment.credit_per_finding must be from 0 to 100, got 120");
    CHECK(only_problem("[assessment]\nreward_excellent = 10.005\n") ==
          "p.toml:2: assessment.reward_excellent must be an amount >= 0 with at most 2 decimals, got 10.005");
    CHECK(only_problem("[assessment]\npenalty_per_finding = -5\n") ==
          "p.toml:2: assessment.penalty_per_finding must be an amount >= 0 with at most 2 decimals, got -5");
    CHECK(only_problem("[assessment]\nreward_meets_standard = 1e300\n") ==
          "p.toml:2: assessment.reward_meets_standard must be at most 1000000000000, got 1e+300");
    CHECK(only_problem("[assessment]\npenalty_per_kpi_missed = \"500\"\n") ==
          "p.toml:2: assessment.penalty_per_kpi_missed must be a number");
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

TEST_CASE("[engineers] and [costs]: defaults, values, origins and every validation message") {
  Policy d = default_policy();
  CHECK(d.engineers.min_tickets == 5);
  CHECK(d.engineers.excellent.satisfaction == 0.95);
  CHECK(d.engineers.pass.first_time_fix == 0.80);
  CHECK(d.costs.labor_rate_cents == 8000);

  Policy p = load_policy_text(
      "[engineers]\nmin_tickets = 3\ngood = { satisfaction = 0.8 }\n[costs]\nlabor_rate = 95.5\n", "e.toml");
  CHECK(p.engineers.min_tickets == 3);
  CHECK(p.engineers.good.satisfaction == 0.8);
  CHECK(p.engineers.good.timeliness == 0.90);  // left out: keeps its default
  CHECK(p.costs.labor_rate_cents == 9550);
  CHECK(p.origins.at("engineers.good.satisfaction") == "e.toml:3");
  CHECK(p.origins.at("costs.labor_rate") == "e.toml:5");
  std::string shown = policy_to_toml(p, true);
  CHECK(shown.find("good = { timeliness = 0.9, first_time_fix = 0.9, satisfaction = 0.8 }  # timeliness built-in, "
                   "first_time_fix built-in, satisfaction e.toml:3") != std::string::npos);
  CHECK(shown.find("labor_rate = 95.50  # e.toml:5") != std::string::npos);
  Policy back = load_policy_text(policy_to_toml(p, false), "shown.toml");
  CHECK(policy_to_toml(back, false) == policy_to_toml(p, false));

  CHECK(only_problem("[engineers]\nmin_tickets = -1\n") == "p.toml:2: engineers.min_tickets must be an integer >= 0");
  CHECK(only_problem("[engineers]\nexcellent = 0.9\n") ==
        "p.toml:2: engineers.excellent must be a table { timeliness = …, first_time_fix = …, satisfaction = … }");
  CHECK(only_problem("[engineers]\npass = { timeliness = 1.5 }\n") ==
        "p.toml:2: engineers.pass.timeliness must be a fraction from 0 to 1, got 1.5");
  CHECK(only_problem("[engineers]\ngood = { satisfation = 0.8 }\n") ==
        "p.toml:2: unknown key 'engineers.good.satisfation' (did you mean 'engineers.good.satisfaction'?)");
  CHECK(only_problem("[engineers]\npass = { timeliness = 0.99 }\n") ==
        "p.toml:1: engineers: each threshold must satisfy excellent >= good >= pass");
  CHECK(only_problem("[engineers]\ngrade = 1\n").find("unknown key 'engineers.grade'") != std::string::npos);
  CHECK(only_problem("[costs]\nlabor_rate = 12.345\n") ==
        "p.toml:2: costs.labor_rate must be an amount >= 0 with at most 2 decimals, got 12.345");
  CHECK(only_problem("[costs]\nlabor_rate = -1\n") ==
        "p.toml:2: costs.labor_rate must be an amount >= 0 with at most 2 decimals, got -1");
  CHECK(only_problem("[costs]\nlabor_rate = \"80\"\n") == "p.toml:2: costs.labor_rate must be a number");
  CHECK(only_problem("[costs]\nlabour_rate = 80\n") ==
        "p.toml:2: unknown key 'costs.labour_rate' (did you mean 'costs.labor_rate'?)");
  CHECK(only_problem("[engineer]\n").find("unknown key 'engineer' (did you mean 'engineers'?)") != std::string::npos);
}

TEST_CASE("[training] assessment_share: default off, value, origin, shown, range") {
  CHECK(default_policy().training.assessment_share == 0);
  CHECK(policy_to_toml(default_policy(), true).find("assessment_share = 0  # built-in") != std::string::npos);
  Policy p = load_policy_text("[training]\nassessment_share = 0.25\n", "t.toml");
  CHECK(p.training.assessment_share == 0.25);
  CHECK(p.origins.at("training.assessment_share") == "t.toml:2");
  CHECK(policy_to_toml(p, true).find("assessment_share = 0.25  # t.toml:2") != std::string::npos);
  CHECK(load_policy_text(policy_to_toml(p, false), "shown.toml").training.assessment_share == 0.25);
  CHECK(load_policy_text("[training]\nassessment_share = 1\n", "t.toml").training.assessment_share == 1);
  CHECK(only_problem("[training]\nassessment_share = 1.5\n") ==
        "p.toml:2: training.assessment_share must be from 0 to 1, got 1.5");
  CHECK(only_problem("[training]\nassessment_share = -0.1\n") ==
        "p.toml:2: training.assessment_share must be from 0 to 1, got -0.1");
  CHECK(only_problem("[training]\nassessment_share = \"0.2\"\n") == "p.toml:2: training.assessment_share must be a number");
  CHECK(only_problem("[training]\nassesment_share = 0.2\n") ==
        "p.toml:2: unknown key 'training.assesment_share' (did you mean 'training.assessment_share'?)");
}

TEST_CASE("[limits]: defaults, parsing, validation, show") {
  Policy d = default_policy();
  CHECK(d.limits.labor_hours == 24);
  CHECK(d.limits.amount_cents == 10000000);
  CHECK(d.limits.qty == 1000);
  CHECK(d.limits.distance_km == 2000);
  CHECK(d.limits.unit_cost_cents == 100000000);

  Policy p = load_policy_text("[limits]\nlabor_hours = 12.5\namount = 5000.50\nqty = 20\ndistance_km = 300\n"
                              "unit_cost = 999.99\n",
                              "p.toml");
  CHECK(p.limits.labor_hours == 12.5);
  CHECK(p.limits.amount_cents == 500050);
  CHECK(p.limits.qty == 20);
  CHECK(p.limits.distance_km == 300);
  CHECK(p.limits.unit_cost_cents == 99999);
  CHECK(p.origins.at("limits.qty") == "p.toml:4");
  // config show writes them back, and they read back the same
  std::string shown = policy_to_toml(p, false);
  CHECK(shown.find("[limits]\nlabor_hours = 12.5\namount = 5000.50\nqty = 20\ndistance_km = 300\nunit_cost = 999.99\n") !=
        std::string::npos);
  CHECK(policy_to_toml(load_policy_text(shown, "shown.toml"), false) == shown);

  CHECK(only_problem("[limits]\nlabor_hour = 3\n") ==
        "p.toml:2: unknown key 'limits.labor_hour' (did you mean 'limits.labor_hours'?)");
  CHECK(only_problem("[limits]\nlabor_hours = 0\n") ==
        "p.toml:2: limits.labor_hours must be a number > 0 and at most 10000, got 0");
  CHECK(only_problem("[limits]\ndistance_km = -5\n") ==
        "p.toml:2: limits.distance_km must be a number > 0 and at most 100000, got -5");
  CHECK(only_problem("[limits]\nqty = 2.5\n") == "p.toml:2: limits.qty must be a whole number from 1 to 1000000000");
  CHECK(only_problem("[limits]\nqty = 0\n") == "p.toml:2: limits.qty must be a whole number from 1 to 1000000000");
  CHECK(only_problem("[limits]\namount = 0\n").find("limits.amount must be an amount > 0") != std::string::npos);
  CHECK(only_problem("[limits]\nunit_cost = 1.005\n").find("limits.unit_cost must be an amount > 0") !=
        std::string::npos);
  CHECK(only_problem("[limits]\namount = \"lots\"\n") == "p.toml:2: limits.amount must be a number");
  CHECK(only_problem("limits = 3\n") == "p.toml:1: 'limits' must be a table ([limits])");
}

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

TEST_CASE("config: the shipped calendars equal the official notices, and cn-2026 the built-in default") {
  Policy def = default_policy();
  Policy p26 = load_policy_text("[calendar]\ninclude = [\"cn-2026\"]\nholidays = []\nextra_workdays = []\n", "p.toml");
  CHECK(p26.calendar.holidays == def.calendar.holidays);
  CHECK(p26.calendar.extra_workdays == def.calendar.extra_workdays);
  CHECK(p26.calendar.covers == std::set<int>{2026});
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
  SUBCASE("no own lists: the built-in 2026 lists stay, cn-2025 adds its days") {
    Policy p = load_policy_text("[calendar]\ninclude = [\"cn-2025\"]\n", "p.toml");
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
    // only holidays given: the built-in make-up days of 2026 are still its own lists' dates
    CHECK(load_policy_text("[calendar]\nholidays = []\n", "p.toml").calendar.covers == std::set<int>{2026});
    CHECK(load_policy_text("[calendar]\nholidays = []\ncovers = [2024, 2030]\n", "p.toml").calendar.covers ==
          std::set<int>{2024, 2030});
  }
  SUBCASE("a path relative to the policy file") {
    TmpDir t;
    t.write("cal/x-2027.toml", "source = \"test\"\ncovers = [2027]\nholidays = [2027-01-01]\n"
                               "extra_workdays = [\"2026-12-26\"]\n");
    std::string pol = t.write("svc.toml", "[calendar]\ninclude = [\"cn-2026\", \"cal/x-2027.toml\"]\n");
    Policy p = load_policy_file(pol);
    CHECK(p.calendar.covers == std::set<int>{2026, 2027});
    CHECK(p.calendar.holidays.count(*parse_date("2027-01-01")) == 1);
    CHECK(p.calendar.extra_workdays.count(*parse_date("2026-12-26")) == 1);
    // config show writes include, covers and the merged lists; they read back to the same policy
    std::string shown = policy_to_toml(p, false);
    CHECK(shown.find("include = [\"cn-2026\", \"cal/x-2027.toml\"]\ncovers = [2026, 2027]\n") != std::string::npos);
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

TEST_CASE("sla rules: a 'due' target and the extension when keys are read and checked") {
  Policy p = load_policy_text(R"([[sla.rules]]
name = "agency"
resolution = "due"
response = "due"
[[sla.rules]]
name = "unit"
when = { outlet = "SH-01", customer = ["C1", "C2"], product = "P", serial = "SN", has_due = false }
resolution = "4h"
)",
                              "d.toml");
  REQUIRE(p.rules.size() == 2);
  CHECK(p.rules[0].uses_due());
  CHECK(p.rules[0].target(Target::Resolution)->from_due);
  CHECK(p.rules[0].target(Target::Resolution)->text == "due");
  CHECK_FALSE(p.rules[1].uses_due());
  CHECK(p.rules[1].uses_unit_attributes());
  CHECK(p.rules[1].when.customer == std::vector<std::string>{"C1", "C2"});
  CHECK(p.rules[1].when.has_due == false);
  // a rule whose only condition is its due target need not be last
  CHECK(check_policy_text("[[sla.rules]]\nresolution = \"due\"\n[[sla.rules]]\nresolution = \"1h\"\n", "p.toml").empty());
  // config show writes them back
  Policy back = load_policy_text(policy_to_toml(p, false), "back.toml");
  CHECK(back.rules[1].when.serial == std::vector<std::string>{"SN"});
  CHECK(back.rules[1].when.has_due == false);
  CHECK(back.rules[0].target(Target::Response)->from_due);

  CHECK(only_problem("[[sla.rules]]\nfollowup = \"due\"\n").rfind(
            "p.toml:2: sla.rules[0].followup: 'due' is a target for response, arrival or resolution", 0) == 0);
  CHECK(only_problem("[[sla.rules]]\nwhen = { has_due = \"yes\" }\nresolution = \"1h\"\n") ==
        "p.toml:2: sla.rules[0].when.has_due must be true or false");
  CHECK(only_problem("[[sla.rules]]\nwhen = { custmer = \"C1\" }\nresolution = \"1h\"\n") ==
        "p.toml:2: unknown key 'sla.rules[0].when.custmer' (did you mean 'sla.rules[0].when.customer'?)");
  CHECK(only_problem("[[sla.rules]]\nwhen = { serial = \"" + std::string(65, 'x') + "\" }\nresolution = \"1h\"\n") ==
        "p.toml:2: sla.rules[0].when.serial: serial must be 1-64 characters, got 65 characters");
}
