// lib/core/config_sla.cpp: [sla] rules and their when keys, [kpi], [assessment].
#include "config.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "config_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using namespace svc_test;

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
  CHECK_FALSE(p.rules[0].uses_unit_attributes());
  CHECK(p.rules_use_unit_attributes());
  CHECK_FALSE(default_policy().rules_use_unit_attributes());
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

TEST_CASE("every [sla], [kpi] and [assessment] validation message, with its FILE:LINE") {
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
    CHECK(only_problem("[assessment]\nbonus_requires_standard = \"yes\"\n") ==
          "p.toml:2: assessment.bonus_requires_standard must be true or false");
    CHECK(only_problem("[assessment]\nfine_insufficient = 1\n") ==
          "p.toml:2: assessment.fine_insufficient must be true or false");
    CHECK(only_problem("[assessment]\nbonus_requires_standards = false\n") ==
          "p.toml:2: unknown key 'assessment.bonus_requires_standards' (did you mean "
          "'assessment.bonus_requires_standard'?)");
  }
}

TEST_CASE("[assessment] bonus_requires_standard and fine_insufficient: v3 by default, false restores v2") {
  Policy d = default_policy();
  CHECK(d.assessment.bonus_requires_standard);
  CHECK(d.assessment.fine_insufficient);
  Policy v2 = load_policy_text("[assessment]\nbonus_requires_standard = false\nfine_insufficient = false\n", "p.toml");
  CHECK_FALSE(v2.assessment.bonus_requires_standard);
  CHECK_FALSE(v2.assessment.fine_insufficient);
  CHECK(v2.origins.at("assessment.bonus_requires_standard") == "p.toml:2");
  CHECK(v2.origins.at("assessment.fine_insufficient") == "p.toml:3");
  // config show writes them, and they read back
  std::string shown = policy_to_toml(v2, false);
  CHECK(shown.find("\nbonus_requires_standard = false\nfine_insufficient = false\n") != std::string::npos);
  Policy back = load_policy_text(shown, "shown.toml");
  CHECK_FALSE(back.assessment.bonus_requires_standard);
  CHECK_FALSE(back.assessment.fine_insufficient);
  CHECK(policy_to_toml(d, false).find("\nbonus_requires_standard = true\nfine_insufficient = true\n") !=
        std::string::npos);
}
