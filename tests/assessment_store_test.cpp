#include "assessment_store.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "error.hpp"
#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

namespace {

struct TempStore {
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  TempStore() {
    char tmpl[] = "/tmp/svc-test-XXXXXX";
    dir = ::mkdtemp(tmpl);
    StoreOptions o;
    o.path = (dir / "svc.db").string();
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ~TempStore() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

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
