// Mapping rules files (lib/readers/mapping_rules.cpp): every problem with its line.
#include <doctest/doctest.h>

#include "mapping_fixtures.hpp"

using namespace svc;
using namespace svc::mapping_test;

TEST_CASE("mapping: rules problems are reported with their line") {
  test::TempDir d;
  auto p = d.file("r.toml",
                  "[source]\n"
                  "rows = \"snapshots\"\n"
                  "tz = \"UTC\"\n"
                  "[columns]\n"
                  "ticket = \"number\"\n"
                  "urgncy = \"priority\"\n"
                  "[values.event]\n"
                  "\"Done\" = \"complete\"\n");
  try {
    load_map_rules(p);
    FAIL("no exception");
  } catch (const DataError& e) {
    std::string all;
    for (auto& x : e.problems) all += x.substr(p.size()) + "\n";
    CHECK(all.find(":2: rows must be events, request or snapshot, got 'snapshots'") != std::string::npos);
    CHECK(all.find(":3: unknown key 'tz' in [source]") != std::string::npos);
    CHECK(all.find(":6: 'urgncy' in [columns] is not a column of the service log (did you mean 'urgency'?)") !=
          std::string::npos);
    CHECK(all.find(":8: 'complete' is not an event (did you mean 'completed'?)") != std::string::npos);
    CHECK(all.find("must name the source column of 'ts'") != std::string::npos);
  }
  auto bad = d.file("bad.toml", "[source\n");
  CHECK_THROWS_AS(load_map_rules(bad), DataError);
  CHECK_THROWS_AS(load_map_rules(d.at("missing.toml")), NoInputError);
}
