// 三包 money on a ticket (lib/ops/ticket_money.cpp): a fee on covered work is
// refused (and nothing is written) unless forced, then recorded as
// fee_on_covered_work; the quote under the entitlement; the repair warranty
// a completed repair stores. Every date below is worked out by hand.
#include <doctest/doctest.h>

#include "installed_base.hpp"
#include "integrity.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

namespace {

// A unit whose compressor COMP is a key part of 60 months on a 12-month unit,
// bought 2021-11-22: the unit's warranty ended 2022-11-22, the key part's last
// day is 2026-11-22 (60 months later, the same day number). Labour for a
// repair: 0.8 h × 100.00 = 80.00; COMP lists at 800.00, so a paid repair of
// it is quoted 880.00.
struct MoneyFixture : Fixture {
  MoneyFixture() {
    s.db().exec("INSERT INTO parts(part, name, list_cents) VALUES('COMP', '压缩机', 80000)");
    s.db().exec("INSERT INTO products(model, line, warranty_months, key_parts, key_part_months) "
                "VALUES('KFR-72LW', 'AC', 12, 'COMP', 60)");
    p.warranty.labor_rate_cents = 10000;
    p.warranty.labor_quota["repair"] = 0.8;
    Unit u;
    u.serial = "S1";
    u.model = "KFR-72LW";
    u.purchased = *parse_date("2021-11-22");
    add_unit(s, u);
  }
  // a repair of S1 opened on `day` at 09:00, E-017 on site at 10:00
  void open(const char* id, const std::string& day, std::vector<std::pair<std::string, std::int64_t>> parts = {{"COMP", 1}}) {
    CreateRequest r;
    r.ticket = id;
    r.at = at((day + " 09:00").c_str());
    r.type = "repair";
    r.outlet = "SH-01";
    r.channel = "phone";
    r.serial = "S1";
    r.expected_parts = std::move(parts);
    create_ticket(s, p, r);
    schedule_ticket(s, p, id, window(*this, (day + " 09:10").c_str(), (day + " 10:00").c_str(),
                                     (day + " 11:00").c_str(), "E-017"));
    arrive_ticket(s, p, id, at((day + " 10:00").c_str()), "");
  }
  CompleteRequest done(const char* when, const char* fee) {
    CompleteRequest c;
    c.at = at(when);
    c.content = "换压缩机";
    c.parts = {{"COMP", 1}};
    c.fee = fee;
    c.user = "wang";
    return c;
  }
};

}  // namespace

TEST_CASE("a fee on a covered key part is refused the day before its warranty ends; the day after it is approved") {
  MoneyFixture f;
  f.open("K1", "2026-11-21");  // 2026-11-21: the day before the last day, covered
  const auto events = f.count("SELECT count(*) FROM events");
  auto msg = error_of([&] { complete_ticket(f.s, f.p, "K1", f.done("2026-11-21 11:00", "880")); });
  CHECK(msg.rfind("65 ", 0) == 0);
  CHECK(msg.find("--fee 880.00: the work is covered by 三包 (key part COMP until 2026-11-22, rule key_part)") !=
        std::string::npos);
  CHECK(msg.find("--force --reason") != std::string::npos);
  CHECK(f.count("SELECT count(*) FROM events") == events);  // nothing written: not even the completion
  CHECK(f.count("SELECT count(*) FROM covered_fees") == 0);
  // a covered repair with no fee completes, and its quote is 0.00 with COMP covered
  auto ok = complete_ticket(f.s, f.p, "K1", f.done("2026-11-21 11:00", ""));
  CHECK(ok.phase == Phase::Completed);
  auto v = load_ticket(f.s, f.p, "K1", f.at("2026-11-21 12:00"));
  CHECK(v.cover.ent.rule == "key_part");
  CHECK(cover_text(v.cover.ent) == "key part COMP until 2026-11-22");
  REQUIRE(v.quote);
  CHECK(v.quote->total_cents == 0);
  CHECK(v.quote->covered == std::vector<std::string>{"COMP"});

  MoneyFixture g;  // (another store: K1's repair of COMP started a repair warranty for it)
  g.open("K2", "2026-11-23");  // 2026-11-23: the day after the last day
  auto paid = complete_ticket(g.s, g.p, "K2", g.done("2026-11-23 11:00", "880"));
  CHECK(paid.info.find("fee 880.00 within the fee standard") != std::string::npos);
  auto evs = g.s.ticket_events("K2");
  CHECK(evs.back().get(Field::Approved) == "yes");
}

TEST_CASE("a fee forced on covered work: approved = no, kept with who and why, an integrity finding fee_on_covered_work") {
  MoneyFixture f;
  f.open("K1", "2026-11-21");
  auto c = f.done("2026-11-21 11:00", "150");
  c.force = {true, "客户坚持付费"};
  auto res = complete_ticket(f.s, f.p, "K1", c);
  CHECK(res.info.find("fee 150.00 recorded on covered work (key part COMP until 2026-11-22), NOT approved") !=
        std::string::npos);
  auto evs = f.s.ticket_events("K1");
  const Event& fee = evs.back();
  REQUIRE(fee.kind == EventKind::Fee);
  CHECK(fee.get(Field::Approved) == "no");
  CHECK(f.count("SELECT count(*) FROM covered_fees WHERE user = 'wang' AND reason = '客户坚持付费' AND rule = 'key_part'") == 1);
  std::set<std::string> covered{fee.id};
  auto found = integrity_findings(evs, f.at("2026-11-21 12:00"), covered);
  REQUIRE(found.size() == 1);
  CHECK(found[0].check == Check::FeeOnCoveredWork);
  CHECK(to_string(found[0].check) == "fee_on_covered_work");
  // without the store's record (a log alone) the same fee is the spec's unapproved-fee: one finding either way
  auto plain = integrity_findings(evs, f.at("2026-11-21 12:00"));
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].check == Check::UnapprovedFee);
  auto v = load_ticket(f.s, f.p, "K1", f.at("2026-11-21 12:00"));
  REQUIRE(v.fees.size() == 1);
  CHECK(v.fees[0].covered == "on covered work (key part COMP until 2026-11-22), recorded by wang: 客户坚持付费");
}

TEST_CASE("--force without --reason on covered work is refused and writes nothing") {
  MoneyFixture f;
  f.open("K1", "2026-11-21");
  auto c = f.done("2026-11-21 11:00", "150");
  c.force = {true, ""};
  const auto events = f.count("SELECT count(*) FROM events");
  CHECK_THROWS_AS(complete_ticket(f.s, f.p, "K1", c), UsageError);
  CHECK(f.count("SELECT count(*) FROM events") == events);
}

TEST_CASE("a repair stores the repair warranty it starts, from its completion day, and the next repair of that part is free") {
  MoneyFixture f;
  // 2026-08-20: the unit's warranty is over and FM-220 is not a key part, so the fan is paid: 80.00 + 120.00
  f.open("R1", "2026-08-20", {});
  CompleteRequest c;
  c.at = f.at("2026-08-20 11:00");
  c.content = "换风机";
  c.parts = {{"FM-220", 1}};
  c.fee = "200";
  auto done = complete_ticket(f.s, f.p, "R1", c);
  // 3 repair months from 2026-08-20: free until 2026-11-20
  CHECK(done.info.find("风机 FM-220 repaired: free until 2026-11-20 (repair warranty, 3 months from 2026-08-20)") !=
        std::string::npos);
  CHECK(f.count("SELECT count(*) FROM repair_warranties WHERE ticket = 'R1' AND part = 'FM-220' AND "
                "from_day = '2026-08-20' AND until_day = '2026-11-20'") == 1);
  auto v = load_ticket(f.s, f.p, "R1", f.at("2026-08-20 12:00"));
  REQUIRE(v.repair_warranties.size() == 1);
  CHECK(v.repair_warranties[0].until == *parse_date("2026-11-20"));
  // the fan fails again on 2026-11-20, the last day covered: a fee is refused
  f.open("R2", "2026-11-20", {});
  c.at = f.at("2026-11-20 11:00");
  auto msg = error_of([&] { complete_ticket(f.s, f.p, "R2", c); });
  CHECK(msg.rfind("65 ", 0) == 0);
  CHECK(msg.find("part FM-220 repaired on 2026-08-20 (R1) until 2026-11-20") != std::string::npos);
}
