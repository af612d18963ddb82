// Rows mapped to events (lib/readers/mapping_source.cpp): snapshots, transitions,
// per-event times, request rows, rows that cannot be mapped as FILE:LINE errors.
#include <doctest/doctest.h>

#include "mapping_fixtures.hpp"

using namespace svc;
using namespace svc::mapping_test;

TEST_CASE("mapping: rows that cannot be mapped are FILE:LINE errors naming the source column and value (item 10)") {
  Env e;
  auto rules = e.dir.file("r.toml",
                          "[source]\nrows = \"request\"\ntimezone = \"UTC\"\nts_format = \"%m/%d/%Y %I:%M:%S %p\"\n"
                          "[request]\nopened = \"Created Date\"\n"
                          "[columns]\nticket = \"Unique Key\"\ntype = \"Complaint Type\"\nregion = \"Borough\"\n"
                          "[constants]\nurgency = \"normal\"\noutlet = \"311\"\n"
                          "[values.type]\n\"PLUMBING\" = \"repair\"\n"
                          "[values.region]\n\"QUEENS\" = \"Queens\"\n\"Unspecified\" = \"\"\n");
  auto csv = e.dir.file("x.csv",
                        "Unique Key,Created Date,Complaint Type,Borough\n"
                        "1,13/01/2026 10:00:00 AM,PLUMBING,QUEENS\n"
                        "2,11/01/2026 10:00:00 AM,PLUMBING,Unspecified\n"
                        "3,,PLUMBING,QUEENS\n"
                        "4,11/01/2026 10:00:00 AM,Non-Emergency Police Matter,QUEENS\n"
                        "5,11/01/2026 10:00:00 AM,PLUMBING,QUEENS\n");
  auto r = e.import(rules, csv);
  CHECK(r.failed);
  CHECK(r.rejected == 4);  // the summary counts the bad records of a failed file
  CHECK(e.dump("SELECT count(*) FROM events") == "0|\n");
  REQUIRE(r.problems.size() == 4);
  CHECK(r.problems[0] == csv + ":2: opened '13/01/2026 10:00:00 AM' does not match the format '%m/%d/%Y %I:%M:%S %p' "
                               "(no such date)");
  CHECK(r.problems[1] == csv + ":3: missing region (required for created) (from column 'Borough' = 'Unspecified': map "
                               "it in [values.region], [patterns.region] or [defaults] of " + rules + ")");
  CHECK(r.problems[2] == csv + ":4: missing opened time ('Created Date')");
  CHECK(r.problems[3].find(":5: type must be one of") != std::string::npos);
  CHECK(r.problems[3].find("(from column 'Complaint Type' = 'Non-Emergency Police Matter': map it in [values.type]") !=
        std::string::npos);
  auto bad = e.dir.file("y.csv", "Unique Key,Created,Complaint Type,Borough\n");
  try {
    e.import(rules, bad);
    FAIL("no exception");
  } catch (const DataError& err) {
    REQUIRE(err.problems.size() == 1);
    CHECK(err.problems[0].find(":1: no column 'Created Date' (named for opened in ") != std::string::npos);
  }
}

TEST_CASE("mapping: snapshot pauses never give an invalid sequence (items 2, 3, 5)") {
  Env e;
  auto rules = e.dir.file("r.toml", kSnapRules);
  auto csv = e.dir.file("s.csv",
                        "Number,Updated,State\n"
                        // item 2: paused after paused is one pause; Active again is not a second responded
                        "A,2026-11-02 08:00,New\nA,2026-11-02 09:00,Active\nA,2026-11-02 10:00,On Hold\n"
                        "A,2026-11-02 11:00,Awaiting\nA,2026-11-02 12:00,Active\nA,2026-11-02 13:00,Resolved\n"
                        // item 3: a state without event while paused keeps the pause; one resumed after
                        "B,2026-11-02 08:00,New\nB,2026-11-02 09:00,On Hold\nB,2026-11-02 10:00,Triage\n"
                        "B,2026-11-02 11:00,Active\nB,2026-11-02 12:00,Closed\n"
                        // item 5: a second resolution after a pause is kept
                        "C,2026-11-02 08:00,New\nC,2026-11-02 09:00,Resolved\nC,2026-11-02 10:00,Awaiting\n"
                        "C,2026-11-02 11:00,Resolved\nC,2026-11-02 12:00,Closed\n");
  auto r = e.import(rules, csv);
  REQUIRE_FALSE(r.failed);
  CHECK(events_of(e, "A") == "created responded paused resumed completed|\n");
  CHECK(events_of(e, "B") == "created paused resumed responded closed|\n");
  CHECK(events_of(e, "C") == "created completed paused resumed completed closed|\n");
}

TEST_CASE("mapping: transitions, per-event time columns, first-row opening, time order (items 1, 4, 6)") {
  Env e;
  auto rules = e.dir.file("r.toml", std::string(kSnapRules) +
                                        "[transitions]\n\"Resolved -> Active\" = \"reopened\"\n"
                                        "[times]\ncreated = \"Opened\"\nclosed = \"Closed At\"\n");
  auto csv = e.dir.file("s.csv",
                        "Number,Updated,State,Opened,Closed At\n"
                        // item 6: the Resolved row comes first in the file but 7 minutes after the opening
                        "A,2026-11-02 10:07,Resolved,2026-11-02 08:00,\n"
                        "A,2026-11-02 10:00,New,2026-11-02 08:00,\n"
                        "A,2026-11-02 11:00,Active,2026-11-02 08:00,\n"
                        "A,2026-11-02 12:00,Resolved,2026-11-02 08:00,\n"
                        "A,2026-11-02 16:00,Closed,2026-11-02 08:00,2026-11-02 15:30\n");
  auto r = e.import(rules, csv);
  REQUIRE_FALSE(r.failed);
  CHECK(events_of(e, "A") == "created completed reopened completed closed|\n");
  // item 1: created at Opened (08:00), closed at Closed At (15:30), the others at the row's update time
  CHECK(e.dump("SELECT event, strftime('%H:%M', ts / 1000000, 'unixepoch') FROM events WHERE event IN ('created', "
               "'closed', 'reopened') ORDER BY ts") == "created|08:00|\nreopened|11:00|\nclosed|15:30|\n");

  Env f;
  auto csv2 = f.dir.file("m.csv", "Number,Updated,State\nM,2026-11-02 09:00,Active\nM,2026-11-02 10:00,Resolved\n");
  auto plain = f.dir.file("p.toml", kSnapRules);
  auto bad = f.import(plain, csv2);
  CHECK(bad.failed);  // the first row is not an opening state: the message names its event and the cure
  REQUIRE_FALSE(bad.problems.empty());
  CHECK(bad.problems[0].find("ticket M has no created event (in this input or in the store); its first event is "
                             "'responded': [snapshot] open_on_first_row = true") != std::string::npos);
  std::string with_open = kSnapRules;
  with_open.replace(with_open.find("state = \"State\"\n"), 16, "state = \"State\"\nopen_on_first_row = true\n");
  auto opening2 = f.dir.file("o2.toml", with_open);
  auto ok = f.import(opening2, csv2);
  REQUIRE_FALSE(ok.failed);
  CHECK(events_of(f, "M") == "created responded completed|\n");
}

TEST_CASE("mapping: case_insensitive applies to snapshot states and transitions") {
  Env e;
  auto rules = e.dir.file("r.toml", std::string("[source]\ncase_insensitive = true\n") +
                                        std::string(kSnapRules).substr(std::string("[source]\n").size()) +
                                        "[transitions]\n\"Resolved -> Active\" = \"reopened\"\n");
  auto csv = e.dir.file("s.csv",
                        "Number,Updated,State\nA,2026-11-02 08:00,New\nA,2026-11-02 08:30,NEW\n"
                        "A,2026-11-02 09:00,resolved\nA,2026-11-02 10:00,ACTIVE\nA,2026-11-02 11:00,Resolved\n");
  auto r = e.import(rules, csv);
  REQUIRE_FALSE(r.failed);
  CHECK(events_of(e, "A") == "created completed reopened completed|\n");
}

TEST_CASE("mapping: request rows carry the serial (spec v2) on created") {
  Env e;
  auto rules = e.dir.file("r.toml",
                          "[source]\nrows = \"request\"\ntimezone = \"UTC\"\nts_format = \"%Y-%m-%d %H:%M\"\n"
                          "[request]\nopened = \"Created\"\nclosed = \"Closed\"\n"
                          "[columns]\nticket = \"Key\"\nserial = \"Unit\"\n"
                          "[constants]\ntype = \"repair\"\nurgency = \"normal\"\nregion = \"R\"\noutlet = \"O\"\n");
  auto csv = e.dir.file("r.csv", "Key,Created,Closed,Unit\n1,2026-11-02 08:00,2026-11-02 12:00,SN-77\n");
  REQUIRE_FALSE(e.import(rules, csv).failed);
  CHECK(e.dump("SELECT event, coalesce(serial, '') FROM events ORDER BY ts") == "created|SN-77|\nclosed||\n");
}
