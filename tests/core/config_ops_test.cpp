// lib/core/config_ops.cpp: the operations' sections.
#include "config.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "config_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using namespace svc_test;

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
  // the date limits of issue 25: how old a purchase may be, how far ahead of now a log's void may lie
  CHECK(d.limits.purchase_years == 50);
  CHECK(d.limits.future_minutes == 5);
  Policy q = load_policy_text("[limits]\npurchase_years = 80\nfuture_minutes = 0\n", "p.toml");
  CHECK(q.limits.purchase_years == 80);
  CHECK(q.limits.future_minutes == 0);
  std::string shown_q = policy_to_toml(q, false);
  CHECK(shown_q.find("purchase_years = 80\nfuture_minutes = 0\n") != std::string::npos);
  CHECK(policy_to_toml(load_policy_text(shown_q, "shown.toml"), false) == shown_q);
  CHECK(only_problem("[limits]\npurchase_years = 0\n") == "p.toml:2: limits.purchase_years must be a whole number from 1 to 200");
  CHECK(only_problem("[limits]\npurchase_years = 2.5\n") ==
        "p.toml:2: limits.purchase_years must be a whole number from 1 to 200");
  CHECK(only_problem("[limits]\nfuture_minutes = 1441\n") ==
        "p.toml:2: limits.future_minutes must be a whole number from 0 to 1440");
  CHECK(only_problem("[limits]\nfuture_minute = 1\n") ==
        "p.toml:2: unknown key 'limits.future_minute' (did you mean 'limits.future_minutes'?)");
}
