// Software updates at customer sites (lib/ops/sites.cpp): version order, region
// from the operator, the weekly versions and old-version sites.
#include "sites.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

#include "error.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"

using namespace svc;

namespace {
Day D(const char* s) { return *parse_date(s); }
}

TEST_CASE("compare_versions: numeric runs as numbers, longer is newer") {
  CHECK(compare_versions("2.10", "2.9") > 0);
  CHECK(compare_versions("V2.9", "V2.10") < 0);
  CHECK(compare_versions("3.2.1", "3.2") > 0);
  CHECK(compare_versions("3.2", "3.2") == 0);
  CHECK(compare_versions("3.02", "3.2") == 0);
  CHECK(compare_versions("1.0-b", "1.0-a") > 0);
}

TEST_CASE("records, region from the operator engineer, weekly versions and old sites") {
  test::TempStore ts;
  Store& s = *ts.store;
  add_outlet(s, Outlet{"SZ-01", "苏州", "华东", "", "", "", true});
  add_outlet(s, Outlet{"CD-01", "成都", "西南", "", "", "", true});
  Engineer e;
  e.id = "E-1", e.name = "王工", e.outlet = "SZ-01";
  add_engineer(s, e);
  Day today = D("2026-11-23");
  auto rec = [&](const char* site, const char* day, const char* model, const char* version, const char* region = "") {
    SiteUpdate u;
    u.site = site, u.customer = "C-1", u.model = model, u.version = version, u.op = "E-1", u.region = region;
    u.day = D(day), u.qty = 2;
    return record_site_update(s, u, today);
  };
  rec("A厂", "2026-10-01", "RB-200", "3.1");
  rec("B厂", "2026-10-02", "RB-200", "3.1", "西南");
  rec("A厂", "2026-11-17", "RB-200", "3.10");
  rec("C厂", "2026-11-18", "RB-100", "1.0");
  auto all = list_site_updates(s, std::nullopt, std::nullopt);
  REQUIRE(all.size() == 4);
  CHECK(all[0].region == "华东");
  CHECK(all[1].region == "西南");
  auto v = site_versions(s, D("2026-11-16"), D("2026-11-22"));
  REQUIRE(v.size() == 3);
  CHECK(v[0].site == "C厂");  // 华东 RB-100
  CHECK(v[1].site == "A厂");
  CHECK(v[1].version == "3.10");
  CHECK(v[1].this_week);
  CHECK_FALSE(v[1].old());
  CHECK(v[2].region == "西南");
  CHECK(v[2].old());
  CHECK(v[2].newest == "3.10");
  // the week before: A厂 still on 3.1, which was then the newest
  auto before = site_versions(s, D("2026-11-09"), D("2026-11-15"));
  REQUIRE(before.size() == 2);
  CHECK_FALSE(before[0].old());
  SiteUpdate bad;
  bad.site = "X", bad.customer = "C", bad.model = "M", bad.version = "1", bad.op = "E-1", bad.day = D("2026-11-24");
  CHECK_THROWS_AS(record_site_update(s, bad, today), DataError);
  bad.day = today, bad.qty = 0;
  CHECK_THROWS_AS(record_site_update(s, bad, today), DataError);
  bad.qty = 1, bad.model = " ";
  CHECK_THROWS_AS(record_site_update(s, bad, today), DataError);
}

namespace {
struct SiteFixture {
  test::TempStore ts;
  Store& s = *ts.store;
  Day today = *parse_date("2026-11-23");
  SiteFixture() {
    add_outlet(s, Outlet{"SZ-01", "苏州", "华东", "", "", "", true});
    Engineer e;
    e.id = "E-1", e.name = "王工", e.outlet = "SZ-01";
    add_engineer(s, e);
  }
  std::int64_t rec(const char* site, const char* day, const char* version, std::int64_t qty) {
    SiteUpdate u;
    u.site = site, u.customer = "C-1", u.model = "RB-200", u.version = version, u.op = "E-1";
    u.day = *parse_date(day), u.qty = qty;
    return record_site_update(s, u, today);
  }
  int count(const char* table) {
    return s.db().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt();
  }
};
}  // namespace

TEST_CASE("version format: V?, 1-4 numbers of 1-6 digits, an optional -suffix") {
  for (const char* ok : {"3.2.1", "V2.10", "v1", "1.0-rc1", "4.0.0.12", "3.2-build.7", "123456.0"})
    CHECK_MESSAGE(version_problem(ok).empty(), ok);
  for (const char* bad : {"", "V", "latest", "3..1", "3.2 beta", "1.2.3.4.5", "1234567", "3.", ".3", "3.2-", "3.2-a b",
                          "zzz-final!!", "3.2_1"})
    CHECK_MESSAGE(!version_problem(bad).empty(), bad);
}

TEST_CASE("every version still installed: 6 machines, 4 updated -> 4 current and 2 old; oldest taken first") {
  SiteFixture f;
  f.rec("D厂", "2026-10-05", "3.1", 6);
  f.rec("D厂", "2026-11-19", "3.10", 4);
  auto v = site_versions(f.s, *parse_date("2026-11-16"), *parse_date("2026-11-22"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].version == "3.10");
  CHECK(v[0].qty == 4);
  CHECK_FALSE(v[0].old());
  CHECK(v[0].this_week);
  CHECK(v[1].version == "3.1");
  CHECK(v[1].qty == 2);
  CHECK(v[1].old());
  CHECK_FALSE(v[1].this_week);
  // 3 more to 3.10: the 2 on 3.1 and one already on 3.10 (re-installed): 6 on 3.10
  f.rec("D厂", "2026-11-20", "3.10", 3);
  v = site_versions(f.s, *parse_date("2026-11-16"), *parse_date("2026-11-22"));
  REQUIRE(v.size() == 1);
  CHECK(v[0].qty == 6);
  // 8 to 3.11: the site has 8 machines now
  f.rec("D厂", "2026-11-21", "3.11", 8);
  v = site_versions(f.s, *parse_date("2026-11-16"), *parse_date("2026-11-22"));
  REQUIRE(v.size() == 1);
  CHECK(v[0].qty == 8);
  // E厂: 2 on 3.1, then 1 to 3.10 (3.1 x1, 3.10 x1), then 1 to 3.12: taken from the oldest (3.1), not 3.10
  f.rec("E厂", "2026-10-01", "3.1", 2);
  f.rec("E厂", "2026-10-02", "3.10", 1);
  f.rec("E厂", "2026-10-03", "3.12", 1);
  v = site_versions(f.s, *parse_date("2026-09-28"), *parse_date("2026-10-04"));
  REQUIRE(v.size() == 2);  // 3.1 x2 -> 3.10 took one, 3.12 the other: the one on 3.10 stays
  CHECK((v[0].version == "3.12" && v[0].qty == 1));
  CHECK((v[1].version == "3.10" && v[1].qty == 1));
}

TEST_CASE("refusals change nothing: duplicate, 1970, junk version, unknown operator and region") {
  SiteFixture f;
  f.rec("A厂", "2026-10-01", "3.1", 4);
  CHECK_THROWS_AS(f.rec("A厂 ", "2026-10-01", "3.1", 4), DataError);  // trimmed: an exact duplicate
  CHECK_THROWS_AS(f.rec("A厂", "1970-01-01", "3.1", 4), DataError);
  CHECK_THROWS_AS(f.rec("A厂", "1999-12-31", "3.1", 4), DataError);
  CHECK_NOTHROW(f.rec("A厂", "2000-01-01", "3.1", 4));
  CHECK_THROWS_AS(f.rec("A厂", "2026-10-01", "junk", 4), DataError);
  SiteUpdate u;
  u.site = "A厂", u.customer = "C-1", u.model = "RB-200", u.version = "3.2", u.op = "E-9", u.day = f.today;
  CHECK_THROWS_AS(record_site_update(f.s, u, f.today), NotFound);
  u.op = "E-1", u.region = "华南";
  CHECK_THROWS_AS(record_site_update(f.s, u, f.today), DataError);
  CHECK(f.count("site_updates") == 2);
  CHECK(f.count("seals WHERE tbl = 'site_updates'") == 2);  // one seal per stored update, none for a refusal
}

TEST_CASE("a wrong record is voided by a reversing entry: the newest version and the statuses follow") {
  SiteFixture f;
  f.rec("A厂", "2026-10-01", "3.1", 4);
  f.rec("B厂", "2026-10-01", "3.1", 2);
  auto wrong = f.rec("B厂", "2026-10-02", "99.0", 2);  // a mistyped version makes every other site old
  auto v = site_versions(f.s, *parse_date("2026-09-28"), *parse_date("2026-10-04"));
  CHECK(v[0].newest == "99.0");
  auto r = void_site_update(f.s, wrong, "审核员", " 版本录错 ", 7);
  CHECK(r.update.version == "99.0");
  CHECK(r.reason == "版本录错");
  v = site_versions(f.s, *parse_date("2026-09-28"), *parse_date("2026-10-04"));
  REQUIRE(v.size() == 2);
  CHECK_FALSE(v[0].old());
  CHECK_FALSE(v[1].old());
  CHECK(list_site_updates(f.s, std::nullopt, std::nullopt).size() == 2);
  CHECK(f.count("site_updates") == 3);  // the original stays
  CHECK_THROWS_AS(void_site_update(f.s, wrong, "u", "again", 8), DataError);
  CHECK_THROWS_AS(void_site_update(f.s, 99, "u", "x", 8), NotFound);
  CHECK_THROWS_AS(void_site_update(f.s, 1, "u", " ", 8), DataError);
  CHECK(f.count("site_update_voids") == 1);
  // the same record may be recorded again once the wrong one is voided
  CHECK_NOTHROW(f.rec("B厂", "2026-10-02", "99.0", 2));
}
