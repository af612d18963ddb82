#include "mapping.hpp"

#include <doctest/doctest.h>

#include "error.hpp"
#include "importer.hpp"
#include "test_util.hpp"

using namespace svc;

TEST_CASE("mapping: timestamp formats — day first, US 12-hour, ISO with offset, zones with DST") {
  auto ny = TimeZone::locate("America/New_York");
  auto utc = TimeZone::locate("UTC");
  std::string why;
  auto t = [&](const char* s, const char* f, const TimeZone& z) { return format_utc(*parse_with_format(s, f, z, why)); };
  CHECK(t("02/11/2026 08:15", "%d/%m/%Y %H:%M", utc) == "2026-11-02T08:15:00Z");
  CHECK(t("11/2/2026 8:15:30 PM", "%m/%d/%Y %I:%M:%S %p", utc) == "2026-11-02T20:15:30Z");
  CHECK(t("11/02/2026 12:05:00 am", "%m/%d/%Y %I:%M:%S %p", utc) == "2026-11-02T00:05:00Z");
  CHECK(t("2026-11-02T08:15:00+08:00", "%Y-%m-%dT%H:%M:%S%z", ny) == "2026-11-02T00:15:00Z");
  CHECK(t("2026-11-02T08:15:00.25Z", "%Y-%m-%dT%H:%M:%S.%f%z", ny) == "2026-11-02T08:15:00.25Z");
  CHECK(t("2 Nov 2026 08:15", "%d %b %Y %H:%M", utc) == "2026-11-02T08:15:00Z");
  CHECK(t("2026-11-02 08:15", "rfc3339", ny) == "2026-11-02T13:15:00Z");  // EST
  // 01:30 occurs twice on 2026-11-01 in New York: the earlier instant (EDT)
  CHECK(t("11/01/2026 01:30:00 AM", "%m/%d/%Y %I:%M:%S %p", ny) == "2026-11-01T05:30:00Z");
  // 02:30 does not exist on 2026-03-08: read with the offset before the change (EST)
  CHECK(t("03/08/2026 02:30:00 AM", "%m/%d/%Y %I:%M:%S %p", ny) == "2026-03-08T07:30:00Z");
  CHECK_FALSE(parse_with_format("31/02/2026 08:15", "%d/%m/%Y %H:%M", utc, why));
  CHECK(why.find("no such date") != std::string::npos);
  CHECK_FALSE(parse_with_format("11/02/2026 13:00:00 PM", "%m/%d/%Y %I:%M:%S %p", utc, why));
  CHECK_FALSE(parse_with_format("02/11/2026", "%d/%m/%Y %H:%M", utc, why));
  CHECK_FALSE(parse_with_format("02/11/2026 08:15 extra", "%d/%m/%Y %H:%M", utc, why));
}

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

namespace {
struct Env {
  test::TempDir dir;
  Policy policy = default_policy();
  std::unique_ptr<Store> store;
  Env() {
    StoreOptions o;
    o.path = dir.at("svc.db");
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  ImportResult import(const std::string& rules, const std::string& csv) {
    ImportOptions o;
    o.map = std::make_shared<MapRules>(load_map_rules(rules));
    Importer imp(*store, policy, o);
    return imp.import_file(csv);
  }
  std::string dump(const std::string& sql) {
    SQLite::Statement q(store->db(), sql);
    std::string out;
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + "|";
      out += "\n";
    }
    return out;
  }
};
std::string kSnapRulesText();
std::string events_of(Env& e, const std::string& ticket) {
  return e.dump("SELECT group_concat(event, ' ') FROM (SELECT event FROM events WHERE ticket = '" + ticket +
                "' ORDER BY ts, seq)");
}
}  // namespace

TEST_CASE("mapping: the ServiceNow example — state snapshots become events") {
  Env e;
  std::string src = SVC_SOURCE_DIR;
  auto r = e.import(src + "/examples/maps/servicenow.toml", src + "/examples/maps/samples/servicenow.csv");
  REQUIRE_FALSE(r.failed);
  CHECK(r.read == 23);
  CHECK(r.added == 23);
  CHECK(e.dump("SELECT group_concat(event, ' ') FROM (SELECT event FROM events WHERE ticket = 'INC0010001' ORDER BY "
               "ts, seq)") == "created responded dispatched paused resumed completed closed|\n");
  CHECK(e.dump("SELECT ticket, type, urgency, channel, region, outlet, engineer, state FROM tickets ORDER BY ticket") ==
        "INC0010001|repair|normal|phone|华东|LDN-Field|E-017|closed|\n"
        "INC0010002|install|urgent||华北|MAN-Install|E-102|completed|\n"
        "INC0010003|consultation|normal|web|华东|LDN-Desk||cancelled|\n"
        "INC0010004|repair|normal|phone|华东|LDN-Field|E-017|closed|\n");
  // first seen In Progress, rows out of order, On Hold → Awaiting User Info, Resolved → In Progress
  CHECK(events_of(e, "INC0010004") ==
        "created responded dispatched paused resumed completed reopened completed closed|\n");
  // [times]: created at opened_at, closed at closed_at (London is GMT in November)
  CHECK(e.dump("SELECT event, datetime(ts / 1000000, 'unixepoch') FROM events WHERE ticket = 'INC0010004' AND event IN "
               "('created', 'closed') ORDER BY ts") == "created|2026-11-06 08:30:00|\nclosed|2026-11-08 08:55:00|\n");
  // London in November is GMT
  CHECK(e.dump("SELECT ts FROM events WHERE ticket = 'INC0010001' AND event = 'created'") == "1793607300000000|\n");
  auto again = e.import(src + "/examples/maps/servicenow.toml", src + "/examples/maps/samples/servicenow.csv");
  CHECK(again.added == 0);
  CHECK(again.duplicate == 23);
}

TEST_CASE("mapping: the city-311 example — request rows give created and closed") {
  Env e;
  std::string src = SVC_SOURCE_DIR;
  auto r = e.import(src + "/examples/maps/city311.toml", src + "/examples/maps/samples/city311.csv");
  REQUIRE_FALSE(r.failed);
  CHECK(r.added == 14);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0] == std::make_pair(std::string("closed before it was created"), std::uint64_t(1)));
  CHECK(e.dump("SELECT ticket, type, region, outlet, state FROM tickets ORDER BY ticket") ==
        "59893001|repair|Brooklyn|HPD|closed|\n"
        "59893002|complaint|Queens|NYPD|open|\n"
        "59893003|maintenance|Manhattan|DOT|closed|\n"
        "59893004|repair|Brooklyn|DOB|closed|\n"
        "59893005|consultation|Manhattan|311|open|\n"
        "59893006|complaint|Queens|NYPD|completed|\n"
        "59893007|consultation|Citywide|DSNY|open|\n");
  CHECK(events_of(e, "59893001") == "created completed closed|\n");
  CHECK(events_of(e, "59893007") == "created|\n");  // [[only]]: Closed Date but status Pending
}

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

namespace {
// A snapshot export of state changes: Number,Updated,State[,extra columns].
const char* kSnapRules =
    "[source]\nrows = \"snapshot\"\ntimezone = \"UTC\"\nts_format = \"%Y-%m-%d %H:%M\"\n"
    "[columns]\nticket = \"Number\"\nts = \"Updated\"\n"
    "[constants]\ntype = \"repair\"\nurgency = \"normal\"\nregion = \"R\"\noutlet = \"O\"\n"
    "[snapshot]\nstate = \"State\"\n"
    "[values.event]\n\"New\" = \"created\"\n\"Active\" = \"responded\"\n\"On Hold\" = \"paused\"\n"
    "\"Awaiting\" = \"paused\"\n\"Triage\" = \"\"\n\"Resolved\" = \"completed\"\n\"Closed\" = \"closed\"\n";
std::string kSnapRulesText() { return kSnapRules; }
}  // namespace

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
