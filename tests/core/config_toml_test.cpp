// lib/core/config_toml.cpp: svc config show.
#include "config.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "config_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using namespace svc_test;

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
