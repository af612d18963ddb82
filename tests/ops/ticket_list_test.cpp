// svc ticket list (lib/ops/ticket_list.cpp): filters, sort, table/CSV and JSON rows.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

TEST_CASE("list filters by state, outlet and SLA") {
  Fixture f;
  f.create("2026-11-20 09:00", "", "A");
  f.create("2026-11-23 09:00", "", "B");
  respond_ticket(f.s, f.p, "B", f.at("2026-11-23 09:30"), "");
  ListFilter lf;
  lf.as_of = f.at("2026-11-23 12:00");
  auto all = list_tickets(f.s, f.p, lf);
  REQUIRE(all.size() == 2);
  CHECK(all[0].ticket == "A");
  lf.breached = true;
  auto late = list_tickets(f.s, f.p, lf);
  REQUIRE(late.size() == 1);  // A: no response in 3 days
  CHECK(late[0].ticket == "A");
  lf.breached = false;
  lf.phases = {Phase::Responded};
  auto resp = list_tickets(f.s, f.p, lf);
  REQUIRE(resp.size() == 1);
  CHECK(resp[0].ticket == "B");
  lf.phases = {};
  lf.outlet = "XX";
  CHECK(list_tickets(f.s, f.p, lf).empty());
  lf.outlet = "";
  lf.from = parse_date("2026-11-21");
  CHECK(list_tickets(f.s, f.p, lf).size() == 1);
  lf.from.reset();
  lf.sort = "ticket";
  lf.as_of = f.at("2026-11-21 00:00");  // B did not exist yet
  CHECK(list_tickets(f.s, f.p, lf).size() == 1);
}

TEST_CASE("list rendering: table marks paused and at-risk, CSV keeps RFC 3339; JSON has null for no engineer") {
  ListRow r;
  r.ticket = "A";
  r.type = "repair";
  r.urgency = "urgent";
  r.outlet = "SH-01";
  r.region = "华东";
  r.phase = Phase::Scheduled;
  r.paused = true;
  r.engineer = "E-017";
  r.created = test::at("2026-11-20 09:00", test::shanghai());
  r.status = TicketStatus::Open;
  r.at_risk = true;
  r.next_due = test::at("2026-11-20 13:00", test::shanghai());
  ListRow b = r;
  b.ticket = "B";
  b.paused = false;
  b.engineer = "";
  b.at_risk = false;
  b.next_due.reset();
  std::vector<ListRow> rows{r, b};

  Table t = list_table(rows, test::shanghai(), false);
  CHECK(t.headers.size() == 10);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0] == std::vector<std::string>{"A", "scheduled (paused)", "repair", "urgent", "SH-01", "华东", "E-017",
                                              "2026-11-20 09:00", "open (at risk)", "2026-11-20 13:00"});
  CHECK(t.rows[1][1] == "scheduled");
  CHECK(t.rows[1][9] == "");
  Table c = list_table(rows, test::shanghai(), true);
  CHECK(c.rows[0][1] == "scheduled");  // CSV: paused is not folded into the state
  CHECK(c.rows[0][7] == "2026-11-20T09:00:00+08:00");
  CHECK(c.rows[0][8] == "open");

  std::ostringstream os;
  JsonWriter w(os);
  write_list_json(w, rows, test::shanghai());
  auto j = nlohmann::json::parse(os.str());
  REQUIRE(j.size() == 2);
  CHECK(j[0]["ticket"] == "A");
  CHECK(j[0]["state"] == "scheduled");
  CHECK(j[0]["paused"] == true);
  CHECK(j[0]["at_risk"] == true);
  CHECK(j[0]["next_due"] == "2026-11-20T13:00:00+08:00");
  CHECK(j[1]["engineer"].is_null());
  CHECK(j[1]["next_due"].is_null());
}
