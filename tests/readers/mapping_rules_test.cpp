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

TEST_CASE("mapping: a pattern RE2 refuses is a problem at its line naming the rule (issue 25 §5)") {
  test::TempDir d;
  // a backreference and a lookahead (ECMAScript, not RE2), and a 200,000-character
  // pattern past the bound of a compiled program; std::regex crashed on the last
  std::string huge(200000, 'a');
  for (size_t i = 1; i < huge.size(); i += 2) huge[i] = '|';
  auto p = d.file("r.toml",
                  "[source]\nrows = \"request\"\n[request]\nopened = \"Created\"\n[columns]\nticket = \"Key\"\n"
                  "[patterns.type]\n"
                  "\"(a)\\\\1\" = \"repair\"\n"
                  "\"" + huge + "\" = \"repair\"\n"
                  "[[skip]]\nreason = \"x\"\nwhen = [{ column = \"Key\", matches = \"^(?=T)\" }]\n");
  try {
    load_map_rules(p);
    FAIL("no exception");
  } catch (const DataError& e) {
    std::string all;
    for (auto& x : e.problems) all += x + "\n";
    CAPTURE(all);
    CHECK(all.find(p + ":8: [patterns.type]: '(a)\\1' is not a regular expression svc accepts: invalid escape "
                       "sequence: \\1 (the syntax is RE2's: no backreferences or lookaround)") != std::string::npos);
    CHECK(all.find(p + ":9: [patterns.type]: 'a|a|a|") != std::string::npos);
    CHECK(all.find("… (200000 bytes)' is not a regular expression svc accepts: too large: its program needs more than 1 MiB") != std::string::npos);
    CHECK(all.find(p + ":12: [[skip]] when: matches: '^(?=T)' is not a regular expression svc accepts") !=
          std::string::npos);
  }
}
