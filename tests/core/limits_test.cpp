#include "limits.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "error.hpp"
#include "importer.hpp"
#include "store.hpp"
#include "test_util.hpp"

using namespace svc;

namespace {

Event ev(EventKind k, std::initializer_list<std::pair<Field, const char*>> fields) {
  Event e;
  e.ticket = "T1";
  e.kind = k;
  for (auto& [f, v] : fields) e.at(f) = v;
  return e;
}

}  // namespace

TEST_CASE("limit_violation names the value, the limit and its policy key") {
  Limits l;
  CHECK_FALSE(limit_violation(ev(EventKind::Completed, {{Field::LaborHours, "24"}}), l));
  CHECK(*limit_violation(ev(EventKind::Completed, {{Field::LaborHours, "9999"}}), l) ==
        "labor_hours 9999 is beyond the plausibility limit 24 ([limits] labor_hours)");
  CHECK(*limit_violation(ev(EventKind::Completed, {{Field::LaborHours, "24.5"}}), l) ==
        "labor_hours 24.5 is beyond the plausibility limit 24 ([limits] labor_hours)");
  CHECK_FALSE(limit_violation(ev(EventKind::Fee, {{Field::Amount, "100000.00"}}), l));
  CHECK(*limit_violation(ev(EventKind::Fee, {{Field::Amount, "100000.01"}}), l) ==
        "amount 100000.01 is beyond the plausibility limit 100000.00 ([limits] amount)");
  CHECK(*limit_violation(ev(EventKind::Fee, {{Field::Amount, "-200000.00"}}), l) ==
        "amount -200000.00 is beyond the plausibility limit 100000.00 ([limits] amount)");
  CHECK_FALSE(limit_violation(ev(EventKind::PartUsed, {{Field::Part, "P"}, {Field::Qty, "1000"}}), l));
  CHECK(*limit_violation(ev(EventKind::PartUsed, {{Field::Part, "P"}, {Field::Qty, "1001"}}), l) ==
        "qty 1001 is beyond the plausibility limit 1000 ([limits] qty)");
  CHECK(*limit_violation(ev(EventKind::Created, {{Field::DistanceKm, "2000.5"}}), l) ==
        "distance_km 2000.5 is beyond the plausibility limit 2000 ([limits] distance_km)");
  // every value beyond its limit, joined
  CHECK(*limit_violation(ev(EventKind::Completed, {{Field::LaborHours, "30"}, {Field::Qty, "5000"}}), l) ==
        "qty 5000 is beyond the plausibility limit 1000 ([limits] qty); "
        "labor_hours 30 is beyond the plausibility limit 24 ([limits] labor_hours)");
  // the limits are the policy's, not constants
  Limits tight;
  tight.labor_hours = 2;
  CHECK(limit_violation(ev(EventKind::Completed, {{Field::LaborHours, "3"}}), tight));
  CHECK_FALSE(limit_violation(ev(EventKind::Completed, {{Field::LaborHours, "3"}}), l));
}

TEST_CASE("a forced marker in the note excuses exactly the keys it names") {
  Limits l;
  Event e = ev(EventKind::Completed, {{Field::LaborHours, "30"}, {Field::Note, "fixed; forced beyond [limits] labor_hours: 30 h over a weekend"}});
  CHECK_FALSE(limit_violation(e, l));
  e.at(Field::Note) = "forced beyond [limits] qty: other key";
  CHECK(limit_violation(e, l));
  e.at(Field::Note) = "forced beyond [limits] qty, labor_hours: both";
  CHECK_FALSE(limit_violation(e, l));
  CHECK(forced_keys("a; forced beyond [limits] qty, amount: x; forced beyond [limits] distance_km: y") ==
        std::vector<std::string>{"qty", "amount", "distance_km"});
  CHECK(forced_keys("forced beyond [limits] qty").empty());  // no reason: no marker
}

TEST_CASE("apply_limits: refused without --force, marked with it") {
  Limits l;
  Event e = ev(EventKind::Completed, {{Field::LaborHours, "9999"}, {Field::Note, "replaced fan"}});
  try {
    apply_limits(e, l, {}, "--hours");
    FAIL("not refused");
  } catch (const DataError& err) {
    CHECK(std::string(err.what()) ==
          "--hours: labor_hours 9999 is beyond the plausibility limit 24 ([limits] labor_hours); --force --reason "
          "TEXT records it anyway");
  }
  CHECK(e.get(Field::Note) == "replaced fan");
  CHECK_THROWS_AS(apply_limits(e, l, {true, ""}, "--hours"), UsageError);
  apply_limits(e, l, {true, "night shift, two engineers"}, "--hours");
  CHECK(e.get(Field::Note) == "replaced fan; forced beyond [limits] labor_hours: night shift, two engineers");
  CHECK_FALSE(limit_violation(e, l));
  // within the limits: --force changes nothing
  Event ok = ev(EventKind::Completed, {{Field::LaborHours, "2"}});
  apply_limits(ok, l, {true, "x"}, "--hours");
  CHECK(ok.get(Field::Note).empty());
}

TEST_CASE("movement limits: qty, unit cost, amount") {
  Limits l;
  CHECK(movement_limits(l, {}, 1000, 100000000, 10000000).empty());
  CHECK_THROWS_WITH_AS(movement_limits(l, {}, 1001),
                       "qty 1001 is beyond the plausibility limit 1000 ([limits] qty); --force --reason TEXT records it "
                       "anyway",
                       DataError);
  CHECK_THROWS_WITH_AS(movement_limits(l, {}, 1, 100000001),
                       "unit_cost 1000000.01 is beyond the plausibility limit 1000000.00 ([limits] unit_cost); --force "
                       "--reason TEXT records it anyway",
                       DataError);
  CHECK_THROWS_AS(movement_limits(l, {}, 1, std::nullopt, 10000001), DataError);
  CHECK(movement_limits(l, {true, "bulk order"}, 5000, 200000000) ==
        "forced beyond [limits] qty, unit_cost: bulk order");
  CHECK_THROWS_AS(check_override({true, "  "}), UsageError);
  CHECK_NOTHROW(check_override({false, ""}));
  CHECK(limits_summary(l) == "labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00");
}

TEST_CASE("import: a value beyond a limit is a bad record naming the key; a forced one is accepted") {
  test::TempDir d;
  Store s({d.at("svc.db"), 10000, true});
  Policy p = default_policy();
  std::string csv = d.file("log.csv",
                           "id,ts,ticket,event,type,urgency,region,outlet,distance_km,labor_hours,note\n"
                           "a,2026-11-20 08:00,T1,created,repair,normal,East,SH-01,12,,\n"
                           "b,2026-11-20 09:00,T1,completed,,,,,,9999,\n"
                           "c,2026-11-20 08:00,T2,created,repair,normal,East,SH-01,99999,,\n");
  Importer imp(s, p);
  ImportResult r = imp.import_file(csv);
  CHECK(r.failed);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0] == csv + ":3: labor_hours 9999 is beyond the plausibility limit 24 ([limits] labor_hours)");
  CHECK(r.problems[1] ==
        csv + ":4: distance_km 99999 is beyond the plausibility limit 2000 ([limits] distance_km)");
  CHECK(s.ticket_events("T1").empty());
  // a policy with higher limits takes the same file
  Policy wide = p;
  wide.limits.labor_hours = 1e4;  // the largest a policy may set (the --force ceiling)
  wide.limits.distance_km = 1e5;
  CHECK(Importer(s, wide).import_file(csv).added == 3);
  // the forced marker travels with the record
  std::string forced = d.file("forced.csv",
                              "id,ts,ticket,event,type,urgency,region,outlet,labor_hours,note\n"
                              "x,2026-11-21 08:00,T3,created,repair,normal,East,SH-01,,\n"
                              "y,2026-11-21 09:00,T3,completed,,,,,30,\"forced beyond [limits] labor_hours: 2 days\"\n");
  CHECK(Importer(s, p).import_file(forced).added == 2);
}

TEST_CASE("date_problem: a void dated in the future beyond [limits] future_minutes, implausible purchase dates") {
  Limits l;
  const TimeZone& tz = TimeZone::utc();
  const Instant now = *parse_timestamp("2026-12-05T12:00:00Z", tz);
  Event e = ev(EventKind::Voided, {{Field::Ref, "x"}, {Field::Note, "n"}});
  e.ts = now + 5 * 60 * kMicrosPerSecond;  // at the tolerance: fine
  CHECK(date_problem(e, l, tz, now) == "");
  e.ts += 1;
  CHECK(date_problem(e, l, tz, now) ==
        "ts 2026-12-05T12:05:00.000001+00:00 is in the future (now is 2026-12-05T12:00:00+00:00; [limits] future_minutes 5): "
        "a correction is recorded when it is made");
  l.future_minutes = 0;
  e.ts = now + 1;
  CHECK(date_problem(e, l, tz, now) != "");
  // an event other than a void counts only from its ts: not judged (a reschedule writes a resume ahead)
  e.kind = EventKind::Completed;
  e.ts = now + 3 * kMicrosPerDay;
  CHECK(date_problem(e, l, tz, now) == "");
  Event c = ev(EventKind::Created, {{Field::Purchased, "2026-12-06"}});
  c.ts = now;
  CHECK(date_problem(c, l, tz, now) == "purchased 2026-12-06 is after the ticket's date 2026-12-05");
  c.at(Field::Purchased) = "1976-12-05";
  CHECK(date_problem(c, l, tz, now) == "");
  c.at(Field::Purchased) = "1976-12-04";
  CHECK(date_problem(c, l, tz, now) ==
        "purchased 1976-12-04 is more than 50 years before the ticket's date 2026-12-05 ([limits] purchase_years)");
  l.purchase_years = 60;
  CHECK(date_problem(c, l, tz, now) == "");
}

TEST_CASE("purchase_date_problem: the same limits for a unit judged on today") {
  Limits l;
  Day on = *parse_date("2026-12-05");
  CHECK(purchase_date_problem("purchased", on, on, "today", l) == "");
  CHECK(purchase_date_problem("installed", on + 1, on, "today", l) == "installed 2026-12-06 is after today 2026-12-05");
  CHECK(purchase_date_problem("purchased", *parse_date("1900-01-01"), on, "today", l) ==
        "purchased 1900-01-01 is more than 50 years before today 2026-12-05 ([limits] purchase_years)");
  // 29 February: the same day 50 years before is 28 February
  CHECK(purchase_date_problem("purchased", *parse_date("1978-02-28"), *parse_date("2028-02-29"), "today", l) == "");
}

TEST_CASE("--force has a hard ceiling: the absolute maxima of [limits] pass no flag") {
  Limits l;
  LimitOverride force{true, "bulk order"};
  // at the ceiling: forced
  CHECK(movement_limits(l, force, kMaxQty, kMaxUnitCostCents, kMaxAmountCents) ==
        "forced beyond [limits] qty, unit_cost, amount: bulk order");
  // one past it: refused with --force too, naming the maximum
  CHECK_THROWS_WITH_AS(movement_limits(l, force, 1, std::nullopt, kMaxAmountCents + 1),
                       "amount 1000000000000.01 is beyond the absolute maximum 1000000000000.00 of [limits] amount, "
                       "which no --force passes",
                       DataError);
  CHECK_THROWS_WITH_AS(movement_limits(l, force, kMaxQty + 1), 
                       "qty 1000000001 is beyond the absolute maximum 1000000000 of [limits] qty, which no --force passes",
                       DataError);
  CHECK_THROWS_AS(movement_limits(l, force, 1, kMaxUnitCostCents + 1), DataError);
  // 10^10 times the default amount limit (the adversarial test's compensation)
  CHECK_THROWS_AS(enforce_limits({*amount_hit(100'000'000'000'000'000, l)}, force), DataError);
  Event e = ev(EventKind::Completed, {{Field::LaborHours, "10001"}});
  CHECK_THROWS_WITH_AS(apply_limits(e, l, force, "--hours"),
                       "--hours: labor_hours 10001 is beyond the absolute maximum 10000 of [limits] labor_hours, which "
                       "no --force passes",
                       DataError);
  Event at = ev(EventKind::Completed, {{Field::LaborHours, "10000"}});
  CHECK_NOTHROW(apply_limits(at, l, force, "--hours"));
}

TEST_CASE("a log's forced marker does not pass the absolute maximum either") {
  Limits l;
  Event e = ev(EventKind::Fee, {{Field::Amount, "1000000000000.01"}, {Field::Note, "forced beyond [limits] amount: x"}});
  CHECK(*limit_violation(e, l) ==
        "amount 1000000000000.01 is beyond the absolute maximum 1000000000000.00 of [limits] amount, which no --force "
        "passes");
  e.at(Field::Amount) = "1000000000000.00";
  CHECK_FALSE(limit_violation(e, l));
  Event d = ev(EventKind::Created, {{Field::DistanceKm, "100000.5"}, {Field::Note, "forced beyond [limits] distance_km: x"}});
  CHECK(limit_violation(d, l));
}
