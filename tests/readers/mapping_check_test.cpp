// svc map check (lib/readers/mapping_check.cpp): unmapped values per column, row
// counts, and events of tickets never opened.
#include <doctest/doctest.h>

#include "mapping_fixtures.hpp"

using namespace svc;
using namespace svc::mapping_test;

TEST_CASE("mapping: check_mapped reports unmapped values per column with row counts and the first tickets' events") {
  test::TempDir d;
  auto rules = std::make_shared<MapRules>(load_map_rules(d.file("r.toml", kSnapRulesText())));
  auto csv = d.file("s.csv",
                    "Number,Updated,State\n"
                    "A,2026-11-02 08:00,New\nA,2026-11-02 09:00,Lost\nA,2026-11-02 10:00,Lost\n"
                    "B,2026-11-02 08:00,New\nB,2026-11-02 09:00,Gone\nC,2026-11-02 08:00,New\n"
                    "C,2026-11-02 09:00,Resolved\nD,2026-11-02 08:00,New\nD,2026-11-02 09:00,Lost\n");
  auto c = check_mapped(csv, rules, "s.csv", TimeZone::locate("UTC"), 2);
  CHECK(c.rows == 9);
  CHECK(c.bad_rows == 4);
  CHECK(c.events_total == 5);
  REQUIRE(c.unmapped.size() == 1);
  CHECK(c.unmapped[0].column == kColEvent);
  CHECK(c.unmapped[0].source_column == "State");
  CHECK(c.unmapped[0].values == std::vector<std::pair<std::string, std::uint64_t>>{{"Lost", 3}, {"Gone", 1}});
  CHECK(c.ticket_order == std::vector<std::string>{"A", "B"});
  REQUIRE(c.events.size() == 2);
  CHECK(c.events[0][kColEvent] == "created");
  CHECK(c.events[1][kColTicket] == "B");
  REQUIRE(c.problems.size() == 4);
  CHECK(c.problems[0].rfind("s.csv:3: state 'Lost'", 0) == 0);
  CHECK(c.not_opened.empty());

  auto mid = d.file("m.csv", "Number,Updated,State\nA,2026-11-02 09:00,Active\nB,2026-11-02 09:00,Active\n"
                             "C,2026-11-02 09:00,Resolved\nD,2026-11-02 08:00,New\n");
  auto m = check_mapped(mid, rules, "m.csv", TimeZone::locate("UTC"));
  CHECK(m.not_opened == std::vector<std::pair<std::string, std::uint64_t>>{{"responded", 2}, {"completed", 1}});
}
