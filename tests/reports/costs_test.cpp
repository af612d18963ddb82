#include "costs.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "error.hpp"
#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

TEST_CASE("cost report: labour per ticket to the cent, catalogue parts, other entries, fees; cancelled included") {
  Period nov = parse_period("2026-11", shanghai());
  auto a = facts("A", TicketStatus::OnTime, "SH-01");
  a.labor_hours = 1.333;  // × 80.00 = 106.64
  a.parts = {{"P-1", 2}, {"P-X", 1}};
  a.fees_cents = 12050;
  auto b = facts("B", TicketStatus::Cancelled, "SH-01");
  b.cancelled = true;
  b.labor_hours = 0.5;
  auto c = facts("C", TicketStatus::OnTime, "BJ-01");
  c.region = "华北";
  auto old = facts("O", TicketStatus::OnTime, "BJ-01");
  old.created = at("2026-10-31 10:00");
  old.labor_hours = 100;
  std::map<std::string, std::optional<std::int64_t>> prices = {{"P-1", 1999}, {"P-X", std::nullopt}};
  std::map<std::string, std::array<std::int64_t, 3>> other = {{"B", {3550, 0, 20000}}};
  auto r = cost_report({a, b, c, old}, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, prices, other);
  REQUIRE(r.rows.size() == 2);
  CHECK(*r.rows[0].key == "BJ-01");
  CHECK(r.rows[0].tickets == 1);
  CHECK(r.rows[0].cost_cents() == 0);
  const auto& sh = r.rows[1];
  CHECK(sh.tickets == 2);
  CHECK(sh.labor_cents == 10664 + 4000);
  CHECK(sh.parts_cents == 3998);
  CHECK(sh.unpriced_parts == 1);
  CHECK(sh.other_cents[0] == 3550);
  CHECK(sh.other_cents[2] == 20000);
  CHECK(sh.fees_cents == 12050);
  CHECK(sh.cost_cents() == 14664 + 3998 + 3550 + 20000);
  CHECK(r.total.cost_cents() == sh.cost_cents());
  CHECK(r.total.tickets == 3);

  Policy p = default_policy();
  std::ostringstream json;
  write_cost_report(json, Format::Json, r, p);
  CHECK(json.str().find("{\"key\":\"SH-01\",\"tickets\":2,\"labor_hours\":1.833,\"labor\":146.64,\"parts\":39.98,"
                        "\"unpriced_parts\":1,\"travel\":35.50,\"transport\":0.00,\"compensation\":200.00,"
                        "\"cost\":422.12,\"fees\":120.50,\"unapproved_fees\":0.00}") != std::string::npos);
}

TEST_CASE("cost report: fees with approved = no are reported apart from the money collected") {
  Period nov = parse_period("2026-11", shanghai());
  auto a = facts("A", TicketStatus::OnTime, "SH-01");
  a.fees_cents = 12050;
  a.unapproved_fees_cents = 8000;
  auto b = facts("B", TicketStatus::OnTime, "SH-01");
  b.unapproved_fees_cents = 2500;
  auto c = facts("C", TicketStatus::OnTime, "BJ-01");
  c.fees_cents = 3000;
  auto r = cost_report({a, b, c}, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, {}, {});
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1].fees_cents == 12050);
  CHECK(r.rows[1].unapproved_fees_cents == 10500);
  CHECK(r.rows[0].unapproved_fees_cents == 0);
  CHECK(r.total.fees_cents == 15050);
  CHECK(r.total.unapproved_fees_cents == 10500);
  CHECK(r.total.cost_cents() == 0);  // neither is a cost
  Policy p = default_policy();
  std::ostringstream json, csv, table;
  write_cost_report(json, Format::Json, r, p);
  CHECK(json.str().find("\"key\":\"SH-01\",") != std::string::npos);
  CHECK(json.str().find("\"fees\":120.50,\"unapproved_fees\":105.00}") != std::string::npos);
  CHECK(json.str().find("\"fees\":150.50,\"unapproved_fees\":105.00}}") != std::string::npos);
  write_cost_report(csv, Format::Csv, r, p);
  CHECK(csv.str().rfind("outlet,tickets,labor_hours,labor,parts,unpriced_parts,travel,transport,compensation,cost,fees,"
                        "unapproved_fees\r\n", 0) == 0);
  CHECK(csv.str().find("\r\nall,3,0.0,0.00,0.00,0,0.00,0.00,0.00,0.00,150.50,105.00\r\n") != std::string::npos);
  write_cost_report(table, Format::Table, r, p);
  CHECK(table.str().find("unapproved_fees = fees recorded with approved = no") != std::string::npos);
}

TEST_CASE("cost report: fitted parts at the ledger's actual cost as far as it consumed them, the rest at catalogue") {
  Period nov = parse_period("2026-11", shanghai());
  auto a = facts("A", TicketStatus::OnTime, "SH-01");
  a.parts = {{"P-1", 2}, {"P-1", 1}, {"P-2", 1}, {"P-X", 2}};  // P-1 fitted twice: 3 in all
  auto b = facts("B", TicketStatus::OnTime, "SH-01");
  b.parts = {{"P-1", 1}};
  std::map<std::string, std::optional<std::int64_t>> prices = {{"P-1", 1999}, {"P-2", 500}, {"P-X", std::nullopt}};
  ConsumedParts consumed = {
      {{"A", "P-1"}, {2, 2117}},  // 2 consumed for 21.17 (10.585 each): the third at catalogue price
      {{"A", "P-X"}, {3, 1000}},  // more consumed than fitted: 2 of 3 at their share, 6.67
      {{"B", "P-2"}, {1, 700}},   // another part than the one fitted: not used
  };
  auto r = cost_report({a, b}, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, prices, {}, consumed);
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].parts_cents == (2117 + 1999) + 500 + 667 + 1999);
  CHECK(r.rows[0].unpriced_parts == 0);  // P-X is priced by the ledger
  // without the ledger: the catalogue, and P-X unpriced
  auto plain = cost_report({a, b}, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, prices, {});
  CHECK(plain.rows[0].parts_cents == 3 * 1999 + 500 + 1999);
  CHECK(plain.rows[0].unpriced_parts == 2);
}

TEST_CASE("cost entries: add checks kind, amount and ticket; list filters") {
  char tmpl[] = "/tmp/svc-costs-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(tmpl);
  {
    StoreOptions o;
    o.path = (dir / "svc.db").string();
    o.create = true;
    Store s(o);
    s.db().exec(
        "INSERT INTO events (id, ts, ticket, event, chain) VALUES ('e1', 0, 'T1', 'created', x'00')");
    CostEntry e;
    e.ticket = "T1";
    e.kind = "travel";
    e.amount_cents = 3550;
    e.day = *parse_date("2026-11-20");
    CHECK(add_cost_entry(s, e, Limits{}) == 1);
    e.kind = "compensation";
    e.day = *parse_date("2026-12-01");
    e.note = "goodwill";
    CHECK(add_cost_entry(s, e, Limits{}) == 2);
    e.kind = "lunch";
    CHECK_THROWS_AS(add_cost_entry(s, e, Limits{}), UsageError);
    e.kind = "travel";
    e.amount_cents = -1;
    CHECK_THROWS_AS(add_cost_entry(s, e, Limits{}), UsageError);
    e.amount_cents = 1;
    e.ticket = "T9";
    CHECK_THROWS_AS(add_cost_entry(s, e, Limits{}), NoInputError);
    CHECK(list_cost_entries(s, "", std::nullopt, std::nullopt).size() == 2);
    auto nov = list_cost_entries(s, "", *parse_date("2026-11-01"), *parse_date("2026-11-30"));
    REQUIRE(nov.size() == 1);
    CHECK(nov[0].kind == "travel");
    CHECK(list_cost_entries(s, "T9", std::nullopt, std::nullopt).empty());
    std::ostringstream csv;
    write_cost_entries(csv, Format::Csv, list_cost_entries(s, "T1", std::nullopt, std::nullopt));
    CHECK(csv.str() == "id,ticket,kind,amount,date,note\r\n1,T1,travel,35.50,2026-11-20,\r\n"
                       "2,T1,compensation,35.50,2026-12-01,goodwill\r\n");
    // [limits] amount: refused (nothing stored) unless forced, and then the reason is in the note
    e.ticket = "T1";
    e.amount_cents = 10000001;  // beyond the default 100000.00
    CHECK_THROWS_AS(add_cost_entry(s, e, Limits{}), DataError);
    CHECK(list_cost_entries(s, "", std::nullopt, std::nullopt).size() == 2);
    e.note = "";
    CHECK(add_cost_entry(s, e, Limits{}, {true, "court order"}) == 3);
    CHECK(list_cost_entries(s, "T1", *parse_date("2026-12-01"), std::nullopt).back().note ==
          "forced beyond [limits] amount: court order");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the cost report's totals are checked: an overflow is an error, never a wrapped total") {
  Period nov = parse_period("2026-11", shanghai());
  // 104 compensation entries of 10^17 cents (what --force let in before the ceiling): one per ticket
  std::vector<ReportTicket> ts;
  std::map<std::string, std::array<std::int64_t, 3>> other;
  for (int i = 0; i < 104; ++i) {
    auto t = facts("T" + std::to_string(i), TicketStatus::OnTime, "SH-01");
    other[t.ticket] = {0, 0, 100'000'000'000'000'000};
    ts.push_back(t);
  }
  try {
    cost_report(ts, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, {}, other);
    FAIL("the total wrapped instead");
  } catch (const DataError& e) {
    CHECK(e.exit_code() == 65);
    CHECK(std::string(e.what()).rfind("the compensation total is beyond the largest amount svc can hold", 0) == 0);
  }
  // 92 of them fit
  ts.resize(92);
  auto r = cost_report(ts, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, {}, other);
  CHECK(r.total.other_cents[2] == 9'200'000'000'000'000'000);
  // labour of an absurd number of hours at the rate: an error, not undefined behaviour
  ts.resize(1);
  ts[0].labor_hours = 1e300;
  CHECK_THROWS_AS(cost_report(ts, nov, at("2026-11-23 20:00"), GroupBy::Outlet, 8000, {}, {}), DataError);
}
