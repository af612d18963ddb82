// Outlets and engineers written (lib/ops/masterdata_write.cpp): add, update, the
// region and leader rules, CSV upserts that are all or nothing.
#include <doctest/doctest.h>

#include "masterdata_fixtures.hpp"

using namespace svc;
using namespace svc::masterdata_test;

TEST_CASE("outlets: add, duplicate, show with did-you-mean, update, list filters") {
  Fixture f;
  add_outlet(f.s(), {"SH-01", "上海浦东服务站", "华东", "上海", "", "021-5080-1234", true});
  add_outlet(f.s(), {"GZ-01", "广州天河服务站", "华南", "", "", "", false});
  auto dup = data_error([&] { add_outlet(f.s(), {"SH-01", "x", "华东", "", "", "", true}); });
  CHECK(std::string(dup.what()) == "outlet 'SH-01' already exists (change it with update)");
  CHECK(dup.exit_code() == 65);
  CHECK(get_outlet(f.s(), "SH-01").phone == "021-5080-1234");
  CHECK(std::string(not_found([&] { get_outlet(f.s(), "SH-1"); }).what()) ==
        "unknown outlet 'SH-1' (did you mean 'SH-01'?)");
  CHECK(std::string(not_found([&] { get_outlet(f.s(), "QQQQQQ"); }).what()) == "unknown outlet 'QQQQQQ'");
  CHECK(std::string(not_found([&] { update_outlet(f.s(), "GZ-1", {}); }).what()) ==
        "unknown outlet 'GZ-1' (did you mean 'GZ-01'?)");
  OutletPatch p;
  p.phone = "";
  p.active = true;
  Outlet u = update_outlet(f.s(), "GZ-01", p);
  CHECK(u.active);
  CHECK(u.name == "广州天河服务站");  // untouched
  CHECK(list_outlets(f.s()).size() == 2);
  CHECK(list_outlets(f.s(), {"华南", std::nullopt}).size() == 1);
  CHECK(std::string(data_error([&] { list_outlets(f.s(), {"华冬", std::nullopt}); }).what()) ==
        "unknown region '华冬' (did you mean '华东'?)");
  OutletPatch close;
  close.active = false;
  update_outlet(f.s(), "GZ-01", close);
  CHECK(list_outlets(f.s(), {"", true}).size() == 1);
  CHECK(list_outlets(f.s(), {"", false}).front().id == "GZ-01");
  // an invalid change is refused and nothing changes
  OutletPatch bad;
  bad.name = "";
  CHECK(std::string(data_error([&] { update_outlet(f.s(), "SH-01", bad); }).what()) == "name is required");
  CHECK(get_outlet(f.s(), "SH-01").name == "上海浦东服务站");
}

TEST_CASE("engineers: outlet must exist, region follows the outlet, one leader per region") {
  Fixture f;
  f.network();
  Engineer e = get_engineer(f.s(), "E-001");
  CHECK(e.region == "华东");  // from the outlet
  CHECK(e.skills == std::vector<std::string>{"repair", "空调"});
  CHECK(e.leader);
  CHECK(get_engineer(f.s(), "E-003").skills.empty());
  Engineer n;
  n.id = "E-010";
  n.name = "赵强";
  n.outlet = "SH-1";
  CHECK(std::string(data_error([&] { add_engineer(f.s(), n); }).what()) ==
        "unknown outlet 'SH-1' (did you mean 'SH-01'?)");
  n.outlet = "SH-01";
  n.region = "华冬";
  CHECK(std::string(data_error([&] { add_engineer(f.s(), n); }).what()) ==
        "unknown region '华冬' (did you mean '华东'?) (a region must have an outlet)");
  n.region = "";
  n.leader = true;
  CHECK(std::string(data_error([&] { add_engineer(f.s(), n); }).what()) ==
        "region '华东' would have 2 active group leaders (E-001, E-010); at most one per region");
  CHECK_FALSE(find_engineer(f.s(), "E-010"));  // rolled back
  n.leader = false;
  add_engineer(f.s(), n);
  CHECK(std::string(data_error([&] { add_engineer(f.s(), n); }).what()) ==
        "engineer 'E-010' already exists (change it with update)");
  // moving to another outlet moves the region along
  EngineerPatch mv;
  mv.outlet = "BJ-01";
  CHECK(update_engineer(f.s(), "E-010", mv).region == "华北");
  // an inactive leader does not count
  EngineerPatch off;
  off.active = false;
  update_engineer(f.s(), "E-003", off);
  EngineerPatch lead;
  lead.leader = true;
  CHECK(update_engineer(f.s(), "E-010", lead).leader);
  auto regions = list_regions(f.s());
  REQUIRE(regions.size() == 2);
  CHECK(regions[0].name == "华东");
  CHECK(regions[0].outlets == 2);
  CHECK(regions[0].engineers == 2);
  CHECK(regions[0].leader == "E-001");
  CHECK(regions[0].leader_name == "王磊");
  CHECK(regions[1].leader == "E-010");
  // the regions table is kept in step
  CHECK(f.s().db().execAndGet("SELECT leader FROM regions WHERE name = '华北'").getString() == "E-010");
  CHECK(std::string(not_found([&] { get_engineer(f.s(), "E-01"); }).what()).find("unknown engineer 'E-01'") == 0);
}

TEST_CASE("an outlet that changes region takes its engineers along") {
  Fixture f;
  f.network();
  OutletPatch p;
  p.region = "华中";
  update_outlet(f.s(), "SH-02", p);
  CHECK(get_engineer(f.s(), "E-002").region == "华中");
  CHECK(get_engineer(f.s(), "E-001").region == "华东");
  // moving the outlet of a leader into a region that has one is refused
  p.region = "华北";
  CHECK(std::string(data_error([&] { update_outlet(f.s(), "SH-01", p); }).what()) ==
        "region '华北' would have 2 active group leaders (E-001, E-003); at most one per region");
  CHECK(get_outlet(f.s(), "SH-01").region == "华东");
}

TEST_CASE("CSV import: upsert, counts, columns absent keep their values") {
  Fixture f;
  auto n = import_outlets_text(f.s(), "\xEF\xBB\xBFid,name,region,phone\r\nSH-01,浦东,华东,021-1\r\nBJ-01,朝阳,华北,\r\n",
                               "o.csv");
  CHECK(n.read == 2);
  CHECK(n.added == 2);
  CHECK(get_outlet(f.s(), "BJ-01").phone.empty());
  n = import_outlets_text(f.s(), "id,region,name\nSH-01,华东,浦东\nBJ-01,华北,朝阳服务站\nGZ-01,华南,天河\n", "o.csv");
  CHECK(n.read == 3);
  CHECK(n.added == 1);
  CHECK(n.updated == 1);
  CHECK(n.unchanged == 1);
  CHECK(get_outlet(f.s(), "SH-01").phone == "021-1");  // no phone column: kept
  n = import_outlets_text(f.s(), "id,name,region,phone,active\nSH-01,浦东,华东,,no\n", "o.csv");
  CHECK(get_outlet(f.s(), "SH-01").phone.empty());  // empty cell: cleared
  CHECK_FALSE(get_outlet(f.s(), "SH-01").active);
  n = import_outlets_text(f.s(), "id,name,region\n", "o.csv");  // header only
  CHECK(n.read == 0);
  // quoted fields with commas and quotes; blank lines skipped
  import_outlets_text(f.s(), "id,name,region,address\n\nCD-01,\"成都, \"\"武侯\"\"\",西南,\"一楼\"\n", "o.csv");
  CHECK(get_outlet(f.s(), "CD-01").name == "成都, \"武侯\"");
  CHECK(get_outlet(f.s(), "CD-01").address == "一楼");
  // a quoted newline is read as part of the field, and refused (master data is one line per value)
  auto e = data_error([&] { import_outlets_text(f.s(), "id,name,region,address\nCD-02,a,西南,\"一楼\n二楼\"\nCD-03,b,西南,\n", "o.csv"); });
  CHECK(std::string(e.what()) == "outlets 'o.csv': 1 problem, nothing stored");
  CHECK(e.problems == std::vector<std::string>{"o.csv:2: address must not contain control characters"});
  CHECK_FALSE(find_outlet(f.s(), "CD-03"));
}

TEST_CASE("CSV import: every bad row is reported with FILE:LINE and nothing is stored") {
  Fixture f;
  f.network();
  SUBCASE("header problems") {
    CHECK(problems_of(f.s(), "id,name,reigon\n", false) ==
          std::vector<std::string>{"f.csv:1: unknown column 'reigon' (did you mean 'region'?)",
                                   "f.csv:1: missing required column 'region'"});
    CHECK(problems_of(f.s(), "id,name,region,name\n", false) ==
          std::vector<std::string>{"f.csv:1: column 'name' appears twice"});
    CHECK(problems_of(f.s(), "", false) == std::vector<std::string>{"f.csv:1: empty file: a header row is needed"});
    CHECK(problems_of(f.s(), "id,name\n", true) ==
          std::vector<std::string>{"f.csv:1: missing required column 'outlet'"});
  }
  SUBCASE("row problems, all of them, with the line where each record starts") {
    std::string csv =
        "id,name,region,phone,active\n"
        "GZ-01,广州,华南,020,yes\n"
        "bad id,x,华南,,\n"
        "SZ-01,\"深圳\n南山\",华南,0755,maybe\n"
        "GZ-01,again,华南,,\n"
        "WH-01,武汉\n"
        "CS-01,,华中,tel,\n"
        "CQ-01,\"重庆\xff\",西南,,\n";
    CHECK(problems_of(f.s(), csv, false) ==
          std::vector<std::string>{
              "f.csv:3: outlet id must be 1-64 characters of A-Z a-z 0-9 . _ -, got 'bad id'",
              "f.csv:4: active must be yes or no, got 'maybe'",
              "f.csv:4: name must not contain control characters",
              "f.csv:6: id 'GZ-01' appears twice (also on line 2)",  // the record before spans two lines
              "f.csv:7: 2 fields but the header has 5",
              "f.csv:8: name is required",
              "f.csv:8: phone may hold only digits, spaces and + - ( ), got 'tel'",
              "f.csv:9: name is not valid UTF-8",
          });
    CHECK_FALSE(find_outlet(f.s(), "GZ-01"));  // all or nothing
  }
  SUBCASE("engineer rows") {
    std::string csv =
        "id,name,outlet,level,leader,skills\n"
        "E-100,甲,SH-1,3,no,\n"
        "E-101,乙,SH-01,9,no,\n"
        "E-102,丙,SH-01,2,perhaps,\"repair,repair\"\n"
        "E-103,丁,SH-02,4,no,install\n";
    CHECK(problems_of(f.s(), csv, true) ==
          std::vector<std::string>{"f.csv:2: unknown outlet 'SH-1' (did you mean 'SH-01'?)",
                                   "f.csv:3: level must be an integer 1-5, got '9'",
                                   "f.csv:4: leader must be yes or no, got 'perhaps'",
                                   "f.csv:4: skill 'repair' is listed twice"});
    CHECK_FALSE(find_engineer(f.s(), "E-103"));
  }
  SUBCASE("two leaders in a region after the file is applied") {
    CHECK(problems_of(f.s(), "id,name,outlet,leader\nE-200,甲,SH-02,yes\n", true) ==
          std::vector<std::string>{
              "f.csv:2: region '华东' would have 2 active group leaders (E-001, E-200); at most one per region"});
    // handing over within one file is fine
    auto n = import_engineers_text(f.s(), "id,name,outlet,leader\nE-200,甲,SH-02,yes\nE-001,王磊,SH-01,no\n", "f.csv");
    CHECK(n.added == 1);
    CHECK(n.updated == 1);
    CHECK(get_engineer(f.s(), "E-001").skills == std::vector<std::string>{"repair", "空调"});  // kept
  }
  SUBCASE("malformed quoting") {
    CHECK(problems_of(f.s(), "id,name,region\nX,\"open,华东\n", false) ==
          std::vector<std::string>{"f.csv:2: unterminated quoted field (a '\"' is missing)"});
    CHECK(problems_of(f.s(), "id,name,region\nX,\"a\"b,华东\n", false) ==
          std::vector<std::string>{
              "f.csv:2: text after a closing quote (a quote inside a quoted field must be doubled: \"\")"});
    CHECK(problems_of(f.s(), "id,name,region\nX,a\"b,华东\n", false) ==
          std::vector<std::string>{
              "f.csv:2: a quote inside an unquoted field (quote the whole field and double the quote: \"\")"});
  }
}

TEST_CASE("a missing CSV file is NoInputError (66)") {
  Fixture f;
  try {
    import_outlets_csv(f.s(), (f.dir / "nope.csv").string());
    FAIL("no error");
  } catch (const NoInputError& e) {
    CHECK(e.exit_code() == 66);
  }
}
