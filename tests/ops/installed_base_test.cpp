// The installed base's validation and references (lib/ops/installed_base.cpp):
// a unit's model and customer checked, region and address from the customer,
// contacts masked. Reading, CSV loads, history and renderings are in
// tests/ops/installed_base_{records,import,history,render}_test.cpp.
#include <doctest/doctest.h>

#include "installed_base_fixtures.hpp"

using namespace svc;
using namespace svc::installed_base_test;

TEST_CASE("customers and units: references checked, region and address from the customer, contact masked") {
  Fixture f;
  CHECK(mask_contact("13812345678") == "138****5678");
  CHECK(mask_contact("12345") == "***45");
  Unit u;
  u.serial = "SN-1";
  u.model = "KFR-35GW";
  u.customer = "C-88";
  u.purchased = parse_date("2026-11-18");
  add_unit(f.s, u);
  auto got = get_unit(f.s, "SN-1");
  CHECK(got.region == "华东");
  CHECK(got.address == "上海市浦东新区张江路1号");
  u.serial = "SN-2";
  u.model = "KFR-35G";
  CHECK(error_of([&] { add_unit(f.s, u); }) == "65 unknown model 'KFR-35G' (did you mean 'KFR-35GW'?)");
  u.model = "KFR-35GW";
  u.customer = "C-89";
  CHECK(error_of([&] { add_unit(f.s, u); }) == "65 unknown customer 'C-89' (did you mean 'C-88'?)");
  CHECK(error_of([&] { get_unit(f.s, "SN-11"); }).rfind("66 unknown serial 'SN-11' (did you mean 'SN-1'?)", 0) == 0);
  auto n = import_units_text(f.s, "serial,model,customer,purchased\nSN-1,KFR-35GW,C-88,2026-11-19\nSN-3,KFR-35GW,,\n", "u.csv");
  CHECK(n.updated == 1);
  CHECK(n.added == 1);
  CHECK(format_date(*get_unit(f.s, "SN-1").purchased) == "2026-11-19");
  CHECK(error_of([&] { import_units_text(f.s, "serial,model,purchased\nSN-4,KFR-35GW,2026-13-01\n", "u2.csv"); })
            .rfind("65 units 'u2.csv': 1 problem, nothing stored", 0) == 0);
  CHECK_FALSE(find_unit(f.s, "SN-4"));
}
