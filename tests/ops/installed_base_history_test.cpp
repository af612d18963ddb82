// A unit's service history (lib/ops/installed_base_history.cpp): the serial link,
// prior repairs and the entitlement, install registration, a customer's view.
#include <doctest/doctest.h>

#include "installed_base_fixtures.hpp"

using namespace svc;
using namespace svc::installed_base_test;

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
