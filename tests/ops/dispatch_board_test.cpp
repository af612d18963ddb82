// svc dispatch board (lib/ops/dispatch_board.cpp): one day per engineer, conflicts and overdue arrivals.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dispatch_fixtures.hpp"

using namespace svc;
using namespace svc::dispatch_test;

TEST_CASE("board: windows of the day per engineer, conflicts and overdue arrivals") {
  Fixture f;
  two_assigned(f);
  BoardRequest r;
  r.date = f.p.tz.local_day(f.at("2026-11-23 12:00"));
  r.as_of = f.at("2026-11-23 13:00");
  CHECK(board(f.s, f.p, r).rows.size() == 3);  // E-9 of BJ-01 is free
  r.outlet = "SH-01";
  Board b = board(f.s, f.p, r);
  REQUIRE(b.rows.size() == 2);
  CHECK(b.rows[0].engineer == "E-1");
  REQUIRE(b.rows[0].visits.size() == 1);
  CHECK(b.rows[0].visits[0].overdue);
  CHECK(b.rows[0].visits[0].conflicts.empty());  // B is E-2's
  CHECK(b.rows[1].visits[0].ticket == "B");
  CHECK(b.rows[1].visits[0].sla_breached);  // urgent: arrival 1h
}

TEST_CASE("board renderings: windows on the day as HH:MM, flags in words, a free engineer; JSON with null for nobody") {
  Fixture f;
  two_assigned(f);
  BoardRequest r;
  r.date = f.p.tz.local_day(f.at("2026-11-23 12:00"));
  r.as_of = f.at("2026-11-23 13:00");
  Board b = board(f.s, f.p, r);
  Table t = board_table(b, f.p.tz);
  REQUIRE(t.rows.size() == 3);  // engineers by outlet (BJ-01 first), then id
  CHECK(t.rows[0][0] == "E-9");
  CHECK(t.rows[0][3] == "(free)");
  CHECK(t.rows[1][0] == "E-1");
  CHECK(t.rows[1][3] == "10:30-11:30");
  CHECK(t.rows[1][4] == "A");
  CHECK(t.rows[1][8] == "OVERDUE: no arrival by the window's end");
  CHECK(t.rows[2][4] == "B");
  CHECK(t.rows[2][8].find("arrival SLA breached") != std::string::npos);

  std::ostringstream os;
  JsonWriter w(os);
  write_board_json(w, b, f.p);
  auto j = nlohmann::json::parse(os.str());
  CHECK(j["date"] == "2026-11-23");
  CHECK(j["as_of"] == "2026-11-23T13:00:00+08:00");
  REQUIRE(j["engineers"].size() == 3);
  CHECK(j["engineers"][0]["engineer"] == "E-9");
  CHECK(j["engineers"][0]["visits"].empty());
  const auto& a = j["engineers"][1]["visits"][0];
  CHECK(a["ticket"] == "A");
  CHECK(a["overdue"] == true);
  CHECK(a["late"] == false);
  CHECK(a["arrived"].is_null());
  CHECK(a["conflicts"].empty());
  CHECK(j["engineers"][2]["visits"][0]["arrival_breached"] == true);
}
