// Software updates at customer sites (lib/sites.cpp): version order, region
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
