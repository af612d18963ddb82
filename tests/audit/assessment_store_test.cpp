#include "assessment_store.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "config.hpp"
#include "error.hpp"
#include "report_fixtures.hpp"
#include "sla_fixtures.hpp"

using namespace svc;
using namespace svc::testing;
using svc::test::TempStore;

namespace {

std::vector<OutletAssessment> sample(std::int64_t reward) {
  OutletAssessment a;
  a.outlet = "SH-01";
  a.region = "华东";
  a.tickets = 12;
  a.credit = 80;
  a.service = 95.5;
  a.score = 91.25;
  a.grade = Grade::Excellent;
  a.meets_standard = true;
  a.findings = 1;
  a.reward_cents = reward;
  a.penalty_cents = 100000;
  a.actions = {"interview", "rectification"};
  OutletAssessment b;
  b.outlet = "BJ-01";
  b.region = "华北";
  b.tickets = 2;
  return {a, b};
}

std::int64_t count(Store& s, const char* table) {
  return s.db().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

}  // namespace

TEST_CASE("apply once: the second apply changes nothing; revise keeps the old revision") {
  TempStore t;
  Store& s = *t.store;
  CHECK_FALSE(latest_assessment(s, "2026-11"));
  auto first = record_assessment(s, "2026-11", 100, 200, sample(300000), false, "");
  CHECK(first.recorded);
  CHECK(first.record.revision == 1);
  CHECK(count(s, "assessments") == 1);
  CHECK(count(s, "assessment_outlets") == 2);

  auto again = record_assessment(s, "2026-11", 101, 201, sample(1), false, "");
  CHECK_FALSE(again.recorded);
  CHECK(again.record.revision == 1);
  CHECK(again.record.at == 200);
  CHECK(count(s, "assessments") == 1);
  CHECK(count(s, "assessment_outlets") == 2);

  CHECK_THROWS_AS(record_assessment(s, "2026-11", 1, 1, sample(1), true, ""), UsageError);
  CHECK_THROWS_AS(record_assessment(s, "2026-10", 1, 1, sample(1), true, "why"), UsageError);
  CHECK(count(s, "assessments") == 1);

  auto rev = record_assessment(s, "2026-11", 300, 400, sample(200000), true, "late follow-ups");
  CHECK(rev.recorded);
  CHECK(rev.record.revision == 2);
  auto revs = assessment_revisions(s, "2026-11");
  REQUIRE(revs.size() == 2);
  CHECK_FALSE(revs[0].reason);
  CHECK(*revs[1].reason == "late follow-ups");

  auto latest = latest_assessment(s, "2026-11");
  REQUIRE(latest);
  CHECK(latest->revision == 2);
  REQUIRE(latest->outlets.size() == 2);
  CHECK(latest->outlets[0].outlet == "BJ-01");  // sorted by outlet
  const auto& sh = latest->outlets[1];
  CHECK(sh.reward_cents == 200000);
  CHECK(sh.net_cents() == 100000);
  CHECK(*sh.score == 91.25);
  CHECK_FALSE(sh.technical);
  CHECK(sh.grade == Grade::Excellent);
  CHECK(sh.actions == std::vector<std::string>{"interview", "rectification"});

  std::ostringstream csv;
  write_payouts(csv, Format::Csv, *latest, shanghai());
  CHECK(csv.str() ==
        "period,revision,outlet,region,tickets,grade,score,reward,penalty,net,actions\r\n"
        "2026-11,2,BJ-01,华北,2,insufficient,,0.00,0.00,0.00,\r\n"
        "2026-11,2,SH-01,华东,12,excellent,91.25,2000.00,1000.00,1000.00,interview rectification\r\n");
}

TEST_CASE("a period can be applied only once it has settled, and never as of the future") {
  Policy p = load_policy_text("", "test");  // Asia/Shanghai, settle_days 3
  REQUIRE(p.assessment.settle_days == 3);
  Period nov = parse_period("2026-11", p.tz);
  CHECK(settled_at(nov, p) == at("2026-12-04 00:00"));
  Period w47 = parse_period("2026-W47", p.tz);  // 16–22 November
  CHECK(settled_at(w47, p) == at("2026-11-26 00:00"));

  const Instant settled = at("2026-12-04 00:00");
  // the day the bug report ran it: too early, exit 75 (try later)
  try {
    check_can_apply(nov, at("2026-11-04 10:00"), at("2026-11-04 10:00"), p);
    FAIL("applied before the period ended");
  } catch (const NotYet& e) {
    CHECK(e.exit_code() == 75);
    CHECK(std::string(e.what()).find("2026-11 cannot be applied before 2026-12-04T00:00:00+08:00") != std::string::npos);
  }
  CHECK_THROWS_AS(check_can_apply(nov, settled - 1, settled - 1, p), NotYet);  // one microsecond early
  CHECK_NOTHROW(check_can_apply(nov, settled, settled, p));                    // exactly settled
  CHECK_THROWS_AS(check_can_apply(nov, settled + 2, settled + 1, p), NotYet);   // --as-of in the future
  CHECK_THROWS_AS(check_can_apply(nov, settled - 1, settled + 5, p), UsageError);  // --as-of before it settled
  CHECK_THROWS_AS(check_can_apply(parse_period("2027-05", p.tz), settled, settled, p), NotYet);  // a future month

  Policy zero = load_policy_text("[assessment]\nsettle_days = 0\n", "zero.toml");
  CHECK(settled_at(nov, zero) == at("2026-12-01 00:00"));
  CHECK_NOTHROW(check_can_apply(nov, at("2026-12-01 00:00"), at("2026-12-01 00:00"), zero));
  CHECK_THROWS_AS(load_policy_text("[assessment]\nsettle_days = -1\n", "bad.toml"), DataError);
  CHECK_THROWS_AS(load_policy_text("[assessment]\nsettle_days = 1.5\n", "bad.toml"), DataError);
}

TEST_CASE("a revision recorded before its period settled is pointed out with the command that revises it") {
  Policy p = load_policy_text("", "test");
  Period dec = parse_period("2026-12", p.tz);
  RecordedAssessment r;
  r.period = "2026-12";
  r.revision = 1;
  r.at = at("2026-12-04 09:00");
  r.as_of = r.at;
  auto note = recorded_too_early(r, dec, p);
  REQUIRE(note);
  CHECK(note->find("revision 1 of 2026-12 was recorded 2026-12-04T09:00:00+08:00") != std::string::npos);
  CHECK(note->find("settled at 2027-01-04T00:00:00+08:00") != std::string::npos);
  CHECK(note->find("svc audit outlets --period 2026-12 --apply --revise --reason") != std::string::npos);
  // an --as-of after the settling time does not help when it was recorded before: the later events were not in
  r.as_of = at("2027-01-10 00:00");
  CHECK(recorded_too_early(r, dec, p));
  r.at = at("2027-01-05 06:00");
  r.as_of = at("2027-01-04 00:00");
  CHECK_FALSE(recorded_too_early(r, dec, p));
  r.as_of = at("2027-01-03 23:59");
  CHECK(recorded_too_early(r, dec, p));
}

TEST_CASE("a period before the store's first ticket, or with no ticket, cannot be applied") {
  TempStore ts;
  Policy p = load_policy_text("", "test");
  Period nov = parse_period("2026-11", p.tz), old = parse_period("1970-01", p.tz);
  // an empty store: nothing to assess
  CHECK(svc::test::error_of([&] { check_assessable(*ts.store, nov, {}, p); }) ==
        "65 2026-11 cannot be applied: the store has no tickets, so there is nothing to assess");
  ts.add({svc::test::created("2026-11-05 09:00", "T1")});
  try {
    check_assessable(*ts.store, old, sample(0), p);
    FAIL("1970-01 accepted");
  } catch (const DataError& e) {
    CHECK(e.exit_code() == 65);
    CHECK(std::string(e.what()) ==
          "1970-01 cannot be applied: it ends before the store's first ticket (2026-11-05T09:00:00+08:00), so there is "
          "nothing to assess (is the period mistyped?)");
  }
  // the month of the first ticket, but no outlet with a ticket in it (an assessment of no outlets)
  CHECK_THROWS_WITH_AS(check_assessable(*ts.store, nov, {}, p),
                       "2026-11 cannot be applied: no outlet has a ticket created in it, and a record of no outlets "
                       "would stand in for the period's real assessment",
                       DataError);
  CHECK_NOTHROW(check_assessable(*ts.store, nov, sample(0), p));
  CHECK(count(*ts.store, "assessments") == 0);
}
