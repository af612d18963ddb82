// Exchange under 三包 (lib/ops/installed_base_exchange.cpp): completing a
// replacement ticket registers the unit given in exchange, whose 三包 starts on
// the exchange day, retires the old unit, and refuses what would be wrong with
// nothing written. Dates by hand in each case.
#include <doctest/doctest.h>

#include "installed_base.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

namespace {

// S1 (KFR-72LW, 12 months) bought 2026-06-01, repaired twice within warranty.
struct ExchangeFixture : Fixture {
  ExchangeFixture() {
    s.db().exec("INSERT INTO products(model, line, warranty_months) VALUES('KFR-72LW', 'AC', 12), "
                "('KFR-50LW', 'AC', 12)");
    Unit u;
    u.serial = "S1";
    u.model = "KFR-72LW";
    u.purchased = *parse_date("2026-06-01");
    add_unit(s, u);
    job("R1", "repair", "2026-07-01");
    done("R1", "2026-07-01");
    job("R2", "repair", "2026-08-01");
    done("R2", "2026-08-01");
  }
  void job(const char* id, const char* type, const std::string& day, const char* serial = "S1") {
    CreateRequest r;
    r.ticket = id;
    r.at = at((day + " 09:00").c_str());
    r.type = type;
    r.channel = "phone";
    r.outlet = "SH-01";
    r.serial = serial;
    create_ticket(s, p, r);
    schedule_ticket(s, p, id, window(*this, (day + " 09:10").c_str(), (day + " 10:00").c_str(),
                                     (day + " 11:00").c_str(), "E-017"));
    arrive_ticket(s, p, id, at((day + " 10:00").c_str()), "");
  }
  StepResult done(const char* id, const std::string& day, const char* new_serial = "", const char* new_model = "") {
    CompleteRequest c;
    c.at = at((day + " 11:00").c_str());
    c.content = "done";
    c.new_serial = new_serial;
    c.new_model = new_model;
    c.user = "wang";
    return complete_ticket(s, p, id, c);
  }
  Entitlement on(const char* serial, const char* day) {
    return unit_entitlement(s, p, get_unit(s, serial), *parse_date(day));
  }
};

}  // namespace

TEST_CASE("an exchange registers the new unit, whose 三包 starts on the exchange day; the old unit has none after it") {
  ExchangeFixture f;
  CHECK(f.on("S1", "2026-11-10").rule == "repairs_before_exchange");
  f.job("X1", "replacement", "2026-11-10");
  auto res = f.done("X1", "2026-11-10", "S9");
  CHECK(res.info.find("unit S1 exchanged for S9 (KFR-72LW): the new unit's 三包 starts 2026-11-10") != std::string::npos);
  Unit n = get_unit(f.s, "S9");
  CHECK(n.model == "KFR-72LW");
  CHECK(n.purchased == *parse_date("2026-11-10"));
  // day 7 after the exchange (2026-11-17) return, day 8 (2026-11-18) exchange, day 16 (2026-11-26) free repair
  CHECK(f.on("S9", "2026-11-17").rule == "return_days");
  CHECK(f.on("S9", "2026-11-18").rule == "exchange_days");
  CHECK(f.on("S9", "2026-11-26").rule == "warranty");
  CHECK(f.on("S9", "2026-11-26").repairs_in_warranty == 0);  // S1's R1, R2 do not count against S9
  auto old = f.on("S1", "2026-11-10");
  CHECK(old.rule == "exchanged");
  CHECK_FALSE(old.covered());
  CHECK(old.why == "none (exchanged on 2026-11-10 for S9 (X1)): the unit left 三包 then");
  CHECK(f.on("S1", "2026-11-09").rule == "repairs_before_exchange");  // the day before, as it was
  auto d = unit_disposition(f.s, "S1");
  REQUIRE(d);
  CHECK(d->new_serial == "S9");
  REQUIRE(replaced_unit(f.s, "S9"));
  CHECK(replaced_unit(f.s, "S9")->serial == "S1");
}

TEST_CASE("exchange refusals write nothing: no --new-serial, a serial that exists, another model, a unit exchanged") {
  ExchangeFixture f;
  f.job("X1", "replacement", "2026-11-10");
  auto before = f.count("SELECT count(*) FROM events") + f.count("SELECT count(*) FROM units");
  auto same = [&] { return f.count("SELECT count(*) FROM events") + f.count("SELECT count(*) FROM units"); };
  CHECK(error_of([&] { f.done("X1", "2026-11-10"); }).find("65 ticket 'X1' is an exchange (replacement): completing it "
                                                           "needs --new-serial") == 0);
  CHECK(error_of([&] { f.done("X1", "2026-11-10", "S1"); }).find("65 --new-serial S1: that serial is already registered") == 0);
  CHECK(error_of([&] { f.done("X1", "2026-11-10", "S9", "KFR-50LW"); }).find("「更换的新产品应与原产品型号、规格一致」") !=
        std::string::npos);
  CHECK(same() == before);
  CHECK(f.count("SELECT count(*) FROM unit_dispositions") == 0);
  f.done("X1", "2026-11-10", "S9");
  f.job("X2", "replacement", "2026-11-11");
  CHECK(error_of([&] { f.done("X2", "2026-11-11", "S10"); }).find("65 unit 'S1' was already exchanged on 2026-11-10 for S9 (X1)") == 0);
  // --new-serial on a ticket that is not an exchange
  f.job("R3", "repair", "2026-11-12", "S9");
  CHECK(error_of([&] { f.done("R3", "2026-11-12", "S11"); }).find("65 --new-serial and --new-model are for completing an exchange") == 0);
}

TEST_CASE("an exchange for another model is recorded with --force --reason") {
  ExchangeFixture f;
  f.job("X1", "replacement", "2026-11-10");
  CompleteRequest c;
  c.at = f.at("2026-11-10 11:00");
  c.content = "换新机";
  c.new_serial = "S9";
  c.new_model = "KFR-50LW";
  c.force = {true, "原型号停产"};
  complete_ticket(f.s, f.p, "X1", c);
  CHECK(get_unit(f.s, "S9").model == "KFR-50LW");
  CHECK(unit_disposition(f.s, "S1")->note == "model KFR-50LW for KFR-72LW, forced: 原型号停产");
}
