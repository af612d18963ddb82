// The installed base against a real store (lib/ops/installed_base.cpp): products,
// customers and units by command and CSV (all or nothing, upsert), tickets by
// serial, unit history, the entitlement after repairs, the unit an install
// registers, and a customer's view.
#include <doctest/doctest.h>

#include <cstdlib>

#include "error.hpp"
#include "importer.hpp"
#include "installed_base.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"
#include "ticket.hpp"

using namespace svc;

namespace {

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

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return fmt::format("{} {}", e.exit_code(), e.what());
  }
  return "";
}

}  // namespace

TEST_CASE("products: add, CSV upsert all or nothing, terms from the product or the policy") {
  Fixture f;
  auto prod = get_product(f.s, "KFR-35GW");
  CHECK(prod.line == "空调");
  CHECK(prod.skills == std::vector<std::string>{"变频"});
  CHECK_FALSE(prod.warranty_months);
  f.p.warranty.lines["空调"] = 36;
  auto t = terms_of(f.p.warranty, prod);
  CHECK(t.warranty_months == 36);
  CHECK(t.key_part_months == 60);

  auto n = import_products_text(f.s, "model,line,warranty_months\nKFR-35GW,空调,72\nXQG100,洗衣机,\n", "p2.csv");
  CHECK(n.added == 1);
  CHECK(n.updated == 1);
  CHECK(*get_product(f.s, "KFR-35GW").warranty_months == 72);
  CHECK(get_product(f.s, "KFR-35GW").skills == std::vector<std::string>{"变频"});  // column not in the file: kept

  DataError err("");
  try {
    import_products_text(f.s, "model,line,return_days,exchange_days\nNEW-1,空调,7,15\nNEW-2,,x,3\nNEW-1,空调,,\n", "bad.csv");
  } catch (const DataError& e) {
    err = e;
  }
  CHECK(std::string(err.what()) == "products 'bad.csv': 3 problems, nothing stored");
  REQUIRE(err.problems.size() == 3);
  CHECK(err.problems[0] == "bad.csv:3: return_days must be a whole number from 0 to 3650, got 'x'");
  CHECK(err.problems[1] == "bad.csv:3: line is required (the product line, e.g. 空调)");
  CHECK(err.problems.back().find("bad.csv:4: model 'NEW-1' appears twice (also on line 2)") != std::string::npos);
  CHECK_FALSE(find_product(f.s, "NEW-1"));  // nothing stored

  CHECK(error_of([&] { get_product(f.s, "KFR-35G"); }).rfind("66 unknown model 'KFR-35G' (did you mean 'KFR-35GW'?)", 0) == 0);
  Product dup;
  dup.model = "XQG100";
  dup.line = "洗衣机";
  CHECK(error_of([&] { add_product(f.s, dup); }).rfind("65 product 'XQG100' already exists", 0) == 0);
}

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

TEST_CASE("a ticket by serial takes the unit's data; history and the entitlement follow the repairs") {
  Fixture f;
  Unit u;
  u.serial = "SN-1";
  u.model = "KFR-35GW";
  u.customer = "C-88";
  u.purchased = parse_date("2026-01-10");
  add_unit(f.s, u);
  f.create("R1", "2026-02-01 08:00", "SN-1");
  auto created = f.s.ticket_events("R1").front();
  CHECK(created.get(Field::Product) == "KFR-35GW");
  CHECK(created.get(Field::Customer) == "C-88");
  CHECK(created.get(Field::Purchased) == "2026-01-10");
  CHECK(f.last.entitlement->remedy == Remedy::FreeRepair);
  CHECK_FALSE(f.last.quote);  // covered: no quote
  f.finish("R1", "2026-02-02", {{"FM-220", 1}});
  f.create("R2", "2026-03-01 08:00", "SN-1");
  CHECK(f.last.entitlement->remedy == Remedy::FreeRepair);  // the second repair
  CHECK(f.last.entitlement->repairs_in_warranty == 1);
  f.finish("R2", "2026-03-02");
  f.create("R3", "2026-04-01 08:00", "SN-1");
  CHECK(f.last.entitlement->remedy == Remedy::Exchange);  // the third: exchange or return
  CHECK(f.last.entitlement->repair_tickets == std::vector<std::string>{"R1", "R2"});

  auto h = unit_history(f.s, "SN-1");
  REQUIRE(h.size() == 3);
  CHECK(h[0].ticket == "R1");
  CHECK(h[0].state == "completed");
  CHECK(h[0].parts == std::vector<std::string>{"FM-220"});
  CHECK(h[2].ticket == "R3");
  CHECK(serial_of_ticket(f.s, "R2") == "SN-1");

  // unknown serial: refused before anything is written
  CHECK(error_of([&] { f.create("R4", "2026-11-23 08:00", "SN-2"); }).rfind("66 unknown serial 'SN-2' (did you mean 'SN-1'?)", 0) == 0);
  CHECK(f.s.ticket_events("R4").empty());

  // explicit options win over the unit's
  CreateRequest r;
  r.ticket = "R5";
  r.at = f.at("2026-11-23 09:00");
  r.type = "repair";
  r.outlet = "SH-01";
  r.serial = "SN-1";
  r.purchased = "2025-01-01";
  auto res = create_ticket(f.s, f.p, r);
  CHECK(f.s.ticket_events("R5").front().get(Field::Purchased) == "2025-01-01");
  CHECK(res.entitlement->remedy == Remedy::PaidRepair);
  CHECK(res.quote);

  auto cv = load_customer(f.s, "C-88");
  CHECK(cv.units.size() == 1);
  CHECK(cv.tickets.size() == 4);
}

TEST_CASE("completing an install of an unknown serial registers the unit with its install date") {
  Fixture f;
  // an install ticket names a serial that is not registered yet (allowed for an install only)
  CreateRequest r;
  r.ticket = "I1";
  r.at = f.at("2026-11-20 08:00");
  r.type = "install";
  r.outlet = "SH-01";
  r.customer = "C-88";
  r.product = "KFR-35GW";
  r.purchased = "2026-11-18";
  r.serial = "SN-NEW";
  create_ticket(f.s, f.p, r);
  CHECK(serial_of_ticket(f.s, "I1") == "SN-NEW");
  CHECK_FALSE(find_unit(f.s, "SN-NEW"));
  f.finish("I1", "2026-11-21");
  auto u = get_unit(f.s, "SN-NEW");
  CHECK(format_date(*u.installed) == "2026-11-21");
  CHECK(u.install_ticket == "I1");
  CHECK(u.model == "KFR-35GW");
  CHECK(u.customer == "C-88");
  CHECK(format_date(*u.purchased) == "2026-11-18");
  CHECK(f.last.info == "unit SN-NEW registered, installed 2026-11-21");
}

TEST_CASE("unit history: imported created events with the serial and tickets by command, one history") {
  Fixture f;
  Unit u;
  u.serial = "SN-1";
  u.model = "KFR-35GW";
  u.purchased = parse_date("2026-01-10");
  add_unit(f.s, u);
  Event e;
  e.ticket = "L1";
  e.kind = EventKind::Created;
  e.ts = f.at("2026-03-01 08:00");
  e.at(Field::Type) = "repair";
  e.at(Field::Urgency) = "normal";
  e.at(Field::Region) = "华东";
  e.at(Field::Outlet) = "SH-01";
  e.at(Field::Serial) = "SN-1";
  Event c = e;
  c.kind = EventKind::Completed;
  c.ts = f.at("2026-03-02 10:00");
  c.f = {};
  Event other = e;
  other.ticket = "L2";
  other.at(Field::Serial) = "SN-2";
  append_events(f.s, f.p, {e, c, other}, "log.csv");
  f.create("R1", "2026-04-01 08:00", "SN-1");
  auto h = unit_history(f.s, "SN-1");
  REQUIRE(h.size() == 2);
  CHECK(h[0].ticket == "L1");
  CHECK(h[0].state == "completed");
  CHECK(h[1].ticket == "R1");
  CHECK(serial_of_ticket(f.s, "R1") == "SN-1");
  CHECK(f.s.ticket_events("R1").front().get(Field::Serial) == "SN-1");  // on the created event itself
  CHECK(f.last.entitlement->repairs_in_warranty == 1);                   // the imported repair counts
  CHECK(f.last.entitlement->repair_tickets == std::vector<std::string>{"L1"});
  CHECK(tickets_of_serial(f.s, "SN-2") == std::vector<std::string>{"L2"});
}
