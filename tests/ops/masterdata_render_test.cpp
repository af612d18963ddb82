// Master data's tables and JSON (lib/ops/masterdata_render.cpp).
#include <doctest/doctest.h>

#include <sstream>

#include "masterdata_fixtures.hpp"

using namespace svc;
using namespace svc::masterdata_test;

TEST_CASE("renderings: tables and typed JSON") {
  Fixture f;
  f.network();
  auto t = engineers_table(list_engineers(f.s()));
  CHECK(t.headers == std::vector<std::string>{"id", "name", "outlet", "region", "skills", "level", "leader", "active"});
  CHECK(t.rows[0] == std::vector<std::string>{"E-001", "王磊", "SH-01", "华东", "repair,空调", "5", "yes", "yes"});
  std::ostringstream out;
  JsonWriter w(out);
  write_json(w, get_engineer(f.s(), "E-003"));
  CHECK(out.str() == "{\"id\":\"E-003\",\"name\":\"张伟\",\"outlet\":\"BJ-01\",\"region\":\"华北\",\"skills\":[],"
                     "\"level\":3,\"leader\":true,\"active\":true}");
  out.str("");
  JsonWriter w2(out);
  write_json(w2, get_outlet(f.s(), "BJ-01"));
  CHECK(out.str() == "{\"id\":\"BJ-01\",\"name\":\"北京朝阳服务站\",\"region\":\"华北\",\"city\":\"北京\","
                     "\"address\":null,\"phone\":null,\"active\":true}");
  auto rec = record_table(outlets_table({get_outlet(f.s(), "BJ-01")}));
  CHECK(rec.rows.size() == 7);
  CHECK(rec.rows[1] == std::vector<std::string>{"name", "北京朝阳服务站"});
}

TEST_CASE("renderings: outlets and regions as tables; a region without a leader has null in JSON") {
  Fixture f;
  f.network();
  OutletPatch off;
  off.active = false;
  update_outlet(f.s(), "SH-02", off);
  auto ot = outlets_table(list_outlets(f.s(), {}));
  CHECK(ot.headers == std::vector<std::string>{"id", "name", "region", "city", "address", "phone", "active"});
  REQUIRE(ot.rows.size() == 3);
  CHECK(ot.rows[0] == std::vector<std::string>{"BJ-01", "北京朝阳服务站", "华北", "北京", "", "", "yes"});
  CHECK(ot.rows[2][6] == "no");

  auto regions = list_regions(f.s());
  auto rt = regions_table(regions);
  CHECK(rt.headers == std::vector<std::string>{"region", "outlets", "engineers", "leader", "leader_name"});
  REQUIRE(rt.rows.size() == 2);
  // SH-02 inactive: not counted as an outlet; its engineer E-002 is still an active engineer
  CHECK(rt.rows[0] == std::vector<std::string>{"华东", "1", "2", "E-001", "王磊"});
  CHECK(rt.rows[1] == std::vector<std::string>{"华北", "1", "1", "E-003", "张伟"});

  RegionSummary none{"华南", 0, 0, "", ""};
  std::ostringstream out;
  JsonWriter w(out);
  write_json(w, none);
  CHECK(out.str() == R"({"region":"华南","outlets":0,"engineers":0,"leader":null,"leader_name":null})");
  out.str("");
  JsonWriter w2(out);
  write_json(w2, regions[0]);
  CHECK(out.str() == R"({"region":"华东","outlets":1,"engineers":2,"leader":"E-001","leader_name":"王磊"})");

  Table empty;
  empty.headers = {"a", "b"};
  auto rec = record_table(empty);  // no row: the fields with empty values
  CHECK(rec.rows == std::vector<std::vector<std::string>>{{"a", ""}, {"b", ""}});
}
