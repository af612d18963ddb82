// Values of mapped rows (lib/readers/mapping_values.cpp): value maps, defaults,
// case folding, patterns, [[only]] conditions and [[skip]] rows.
#include <doctest/doctest.h>

#include <chrono>

#include "mapping_fixtures.hpp"

using namespace svc;
using namespace svc::mapping_test;

TEST_CASE("mapping: value maps with defaults, case folding and patterns; unmapped states name column and table (7)") {
  Env e;
  auto rules = e.dir.file("r.toml",
                          "[source]\nrows = \"request\"\ntimezone = \"UTC\"\nts_format = \"%Y-%m-%d %H:%M\"\n"
                          "case_insensitive = true\n"
                          "[request]\nopened = \"Created\"\nclosed = \"Closed\"\ncompleted = \"Resolved\"\n"
                          "[columns]\nticket = \"Key\"\ntype = \"Kind\"\nregion = \"Borough\"\n"
                          "[constants]\nurgency = \"normal\"\noutlet = \"311\"\n"
                          "[values.type]\n\"PLUMBING\" = \"repair\"\n"
                          "[patterns.type]\n\"^Noise\" = \"complaint\"\n\"Police\" = \"consultation\"\n"
                          "[defaults]\ntype = \"maintenance\"\nregion = \"Other\"\n");
  auto csv = e.dir.file("r.csv",
                        "Key,Created,Closed,Resolved,Kind,Borough\n"
                        "1,2026-11-02 08:00,2026-11-02 12:00,2026-11-02 11:00,plumbing,X\n"
                        "2,2026-11-02 08:00,,,Noise - Street,Y\n"
                        "3,2026-11-02 08:00,,,Non-Emergency Police Matter,\n"
                        "4,2026-11-02 08:00,,,Graffiti,Z\n");
  auto r = e.import(rules, csv);
  REQUIRE_FALSE(r.failed);
  CHECK(e.dump("SELECT ticket, type, region, state FROM tickets ORDER BY ticket") ==
        "1|repair|Other|closed|\n2|complaint|Other|open|\n3|consultation|Other|open|\n4|maintenance|Other|open|\n");
  CHECK(events_of(e, "1") == "created completed closed|\n");

  Env f;
  auto snap = f.dir.file("s.toml", kSnapRules);
  auto csv2 = f.dir.file("s.csv", "Number,Updated,State\nA,2026-11-02 08:00,New\nA,2026-11-02 09:00,Lost\n");
  auto bad = f.import(snap, csv2);
  REQUIRE(bad.failed);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0] == csv2 + ":3: state 'Lost' (column 'State') has no entry in [values.event] of " + snap +
                               ": add \"Lost\" = \"EVENT\" there (or \"\" for no event), or a [defaults] event");
  CHECK(f.dump("SELECT count(*) FROM events") == "0|\n");
}

TEST_CASE("mapping: [[only]] event conditions and counted [[skip]] rows, distinct from rejects (item 8)") {
  Env e;
  auto rules = e.dir.file("r.toml",
                          "[source]\nrows = \"request\"\ntimezone = \"UTC\"\nts_format = \"%Y-%m-%d %H:%M\"\n"
                          "[request]\nopened = \"Created\"\nclosed = \"Closed\"\n"
                          "[columns]\nticket = \"Key\"\n"
                          "[constants]\ntype = \"repair\"\nurgency = \"normal\"\nregion = \"R\"\noutlet = \"O\"\n"
                          "[[only]]\nevent = \"closed\"\nwhen = [{ column = \"Status\", equals = \"Closed\" },\n"
                          "        { column = \"Closed\", not_before = \"Created\" }]\n"
                          "[[skip]]\nreason = \"test row\"\nwhen = [{ column = \"Key\", matches = \"^T\" }]\n"
                          "[[skip]]\nreason = \"no status\"\nwhen = [{ column = \"Status\", empty = true }]\n");
  auto csv = e.dir.file("r.csv",
                        "Key,Created,Closed,Status\n"
                        "1,2026-11-02 08:00,2026-11-02 12:00,Closed\n"
                        "2,2026-11-02 08:00,2026-11-02 12:00,Pending\n"   // closed time but not Closed
                        "3,2026-11-02 08:00,2026-11-01 12:00,Closed\n"    // closed before created: no closed
                        "T1,2026-11-02 08:00,,Closed\n"
                        "T2,2026-11-02 08:00,,Closed\n"
                        "5,2026-11-02 08:00,,\n");
  auto r = e.import(rules, csv);
  REQUIRE_FALSE(r.failed);
  CHECK(r.rejected == 0);
  CHECK(r.read == 4);
  CHECK(r.skipped == std::vector<std::pair<std::string, std::uint64_t>>{{"test row", 2}, {"no status", 1}});
  CHECK(e.dump("SELECT ticket, state FROM tickets ORDER BY ticket") == "1|closed|\n2|open|\n3|open|\n");

  auto broken = e.dir.file("b.toml",
                           "[source]\nrows = \"request\"\n[request]\nopened = \"Created\"\n[columns]\nticket = \"Key\"\n"
                           "[[skip]]\nwhen = [{ column = \"Key\", equal = \"x\" }]\n"
                           "[[only]]\nevent = \"close\"\nwhen = [{ column = \"Key\", equals = \"x\", empty = true }]\n");
  try {
    load_map_rules(broken);
    FAIL("no exception");
  } catch (const DataError& err) {
    std::string all;
    for (auto& x : err.problems) all += x + "\n";
    CHECK(all.find("[[skip]] needs reason") != std::string::npos);
    CHECK(all.find("unknown key 'equal' in [[skip]] when (did you mean 'equals'?)") != std::string::npos);
    CHECK(all.find("'close' is not an event") != std::string::npos);
    CHECK(all.find("exactly one of equals") != std::string::npos);
  }
}

TEST_CASE("mapping: patterns and matches conditions run in linear time on long and hostile cells (issue 25 §5)") {
  // std::regex overflowed its stack on ^Noise.*$ against a 50 KB cell and took
  // seconds on ^(a+)+$ against 29 characters, doubling with each more
  Env e;
  auto rules = e.dir.file("r.toml",
                          "[source]\nrows = \"request\"\ntimezone = \"UTC\"\nts_format = \"%Y-%m-%d %H:%M\"\n"
                          "case_insensitive = true\n"
                          "[request]\nopened = \"Created\"\n"
                          "[columns]\nticket = \"Key\"\ntype = \"Kind\"\n"
                          "[constants]\nurgency = \"normal\"\nregion = \"R\"\noutlet = \"O\"\n"
                          "[patterns.type]\n\"^Noise.*$\" = \"complaint\"\n\"^(a+)+$\" = \"consultation\"\n"
                          "[defaults]\ntype = \"repair\"\n"
                          "[[skip]]\nreason = \"evil\"\nwhen = [{ column = \"Kind\", matches = \"^(x+x+)+y$\" }]\n");
  std::string noise = "Noise" + std::string(50000, '-'), evil = std::string(5000, 'a') + "!",
              xs = std::string(5000, 'x');
  auto csv = e.dir.file("r.csv", "Key,Created,Kind\n1,2026-11-02 08:00," + noise + "\n2,2026-11-02 08:00," + evil +
                                     "\n3,2026-11-02 08:00," + std::string(29, 'A') + "\n4,2026-11-02 08:00," + xs +
                                     "\n5,2026-11-02 08:00," + xs + "y\n");
  auto t0 = std::chrono::steady_clock::now();
  auto r = e.import(rules, csv);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE_FALSE(r.failed);
  CHECK(ms < 2000);
  CHECK(r.skipped == std::vector<std::pair<std::string, std::uint64_t>>{{"evil", 1}});
  // case_insensitive applies to patterns too: 29 × 'A' matches ^(a+)+$
  CHECK(e.dump("SELECT ticket, type FROM tickets ORDER BY ticket") ==
        "1|complaint|\n2|repair|\n3|consultation|\n4|repair|\n");
}
