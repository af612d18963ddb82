// Mapped sources (lib/readers/mapping.cpp): timestamp formats and the shipped
// examples read end to end. The rules, rows, values and check are in
// tests/readers/mapping_{rules,source,values,check}_test.cpp.
#include "mapping.hpp"

#include <doctest/doctest.h>

#include "mapping_fixtures.hpp"

using namespace svc;
using namespace svc::mapping_test;

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

