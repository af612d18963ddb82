// Master data's validation and reading (lib/ops/masterdata.cpp): flags and
// skills, record validation, listing filters. Writing and CSV loads are in
// tests/ops/masterdata_write_test.cpp, renderings in masterdata_render_test.cpp.
#include "masterdata.hpp"

#include <doctest/doctest.h>

#include "masterdata_fixtures.hpp"

using namespace svc;
using namespace svc::masterdata_test;

TEST_CASE("flags and skills") {
  for (const char* y : {"yes", "YES", "true", "1", "y"}) CHECK(parse_flag(y) == true);
  for (const char* n : {"no", "False", "0", "n"}) CHECK(parse_flag(n) == false);
  CHECK_FALSE(parse_flag("maybe"));
  CHECK_FALSE(parse_flag(""));
  CHECK(split_skills(" repair, install ,,空调 ") == std::vector<std::string>{"repair", "install", "空调"});
  CHECK(split_skills("").empty());
  CHECK(join_skills({"repair", "空调"}) == "repair,空调");
}

TEST_CASE("record validation messages") {
  Outlet o{"SH 01", "", "", "", "", "call me", true};
  CHECK(validate(o) == std::vector<std::string>{
                           "outlet id must be 1-64 characters of A-Z a-z 0-9 . _ -, got 'SH 01'", "name is required",
                           "region is required", "phone may hold only digits, spaces and + - ( ), got 'call me'"});
  o = {"SH-01", "a\nb", "华东", "", "", "+86 (21) 5080-1234", true};
  CHECK(validate(o) == std::vector<std::string>{"name must not contain control characters"});
  o.name = "ok";
  o.phone = "--";
  CHECK(validate(o).size() == 1);  // a phone needs a digit
  Engineer e;
  e.id = "";
  e.level = 7;
  e.skills = {"repair", "repair"};
  CHECK(validate(e) == std::vector<std::string>{"engineer id must be 1-64 characters of A-Z a-z 0-9 . _ -, got ''",
                                                "name is required", "outlet is required",
                                                "skill 'repair' is listed twice", "level must be an integer 1-5, got '7'"});
}

TEST_CASE("engineer list filters") {
  Fixture f;
  f.network();
  CHECK(list_engineers(f.s()).size() == 3);
  EngineerFilter by;
  by.region = "华东";
  CHECK(list_engineers(f.s(), by).size() == 2);
  by = {};
  by.outlet = "SH-02";
  CHECK(list_engineers(f.s(), by).front().id == "E-002");
  by = {};
  by.skill = "空调";
  CHECK(list_engineers(f.s(), by).size() == 1);
  by = {};
  by.leader = true;
  CHECK(list_engineers(f.s(), by).size() == 2);
  by = {};
  by.outlet = "SH-03";
  CHECK(std::string(not_found([&] { list_engineers(f.s(), by); }).what()) ==
        "unknown outlet 'SH-03' (did you mean 'SH-01'?)");
}
