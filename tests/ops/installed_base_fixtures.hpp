// The installed-base tests' store (tests/ops/installed_base*_test.cpp): outlet
// SH-01 with engineer E-017, two parts, product KFR-35GW (line 空调, key part
// COMP-35 for 60 months) and customer C-88; tickets by serial, finished the
// way svc ticket does.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "error.hpp"
#include "importer.hpp"
#include "installed_base.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"
#include "ticket.hpp"

namespace svc::installed_base_test {

using test::error_of;

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "上海", "", "", true});
    Engineer e;
    e.id = "E-017";
    e.name = "张工";
    e.outlet = "SH-01";
    add_engineer(s, e);
    s.db().exec("INSERT INTO parts(part, name, list_cents) VALUES('FM-220', '风机', 12000), ('COMP-35', '压缩机', 90000)");
    import_products_text(s, "model,line,skills,key_parts,key_part_months\nKFR-35GW,空调,变频,COMP-35,60\n", "p.csv");
    add_customer(s, Customer{"C-88", "王芳", "13812345678", "上海市浦东新区张江路1号", "华东"});
  }
  Instant at(const char* local) { return test::at(local, p.tz); }
  std::string create(const char* id, const char* when, const char* serial, const char* type = "repair",
                     std::vector<std::pair<std::string, std::int64_t>> parts = {}) {
    CreateRequest r;
    r.ticket = id;
    r.at = at(when);
    r.type = type;
    r.outlet = "SH-01";
    r.serial = serial;
    r.expected_parts = std::move(parts);
    last = create_ticket(s, p, r);
    return last.ticket;
  }
  void finish(const char* id, const char* day, std::vector<std::pair<std::string, std::int64_t>> parts = {}) {
    std::string d(day);
    ScheduleRequest r;
    r.at = at((d + " 09:00").c_str());
    r.window_from = at((d + " 10:00").c_str());
    r.window_to = at((d + " 11:00").c_str());
    r.engineer = "E-017";
    schedule_ticket(s, p, id, r);
    arrive_ticket(s, p, id, at((d + " 10:10").c_str()), "");
    CompleteRequest c;
    c.at = at((d + " 10:50").c_str());
    c.content = "修好";
    c.parts = std::move(parts);
    last = complete_ticket(s, p, id, c);
  }
  StepResult last;
};

}  // namespace svc::installed_base_test
