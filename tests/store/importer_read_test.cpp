// lib/store/importer_read.cpp: record-level conversion (convert_record), the
// reject file (RejectWriter) and ready-made events as a source (EventSource).
#include <doctest/doctest.h>

#include <map>

#include "importer_fixtures.hpp"
#include "importer_internal.hpp"
#include "test_util.hpp"

using namespace svc;
using namespace svc::importer_test;
using namespace svc::importer_detail;

namespace {

// A record from column name → value (absent columns are "").
struct Rec {
  std::map<std::string, std::string> v;  // owns the text the string_views point into
  RawRecord r;
  explicit Rec(std::map<std::string, std::string> cols) : v(std::move(cols)) {
    r.line = 2;
    for (auto& [k, s] : v) {
      if (k == "id") r.col[kColId] = s;
      else if (k == "ts") r.col[kColTs] = s;
      else if (k == "ticket") r.col[kColTicket] = s;
      else if (k == "event") r.col[kColEvent] = s;
      else {
        auto f = parse_field(k);
        REQUIRE(f);
        r.col[col_of(*f)] = s;
      }
    }
  }
};

struct Converted {
  std::string err;
  Event e;
  bool ticket_ok = false, kind_ok = false;
};

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

Converted convert(std::map<std::string, std::string> cols) {
  Rec rec(std::move(cols));
  Converted c;
  c.e.f[int(Field::Note)] = "left over from the previous record";
  c.err = convert_record(rec.r, c.e, default_policy().tz, c.ticket_ok, c.kind_ok);
  return c;
}

}  // namespace

TEST_CASE("convert_record: a good record becomes the canonical event") {
  auto c = convert({{"ts", "2026-11-02 08:15"}, {"ticket", "T1"}, {"event", "created"}, {"type", "repair"},
                    {"urgency", "normal"}, {"region", "华东"}, {"outlet", "SH-01"}, {"due", "2026-11-03 18:00"}});
  CHECK(c.err == "");
  CHECK(c.ticket_ok);
  CHECK(c.kind_ok);
  CHECK(c.e.id == "");  // the derived id is given on the reader thread, after the digest
  CHECK(c.e.ticket == "T1");
  CHECK(c.e.kind == EventKind::Created);
  CHECK(format_utc(c.e.ts) == "2026-11-02T00:15:00Z");  // local time in the policy's zone (+08:00)
  CHECK(c.e.get(Field::Due) == "2026-11-03T10:00:00Z");   // due: local forms too, stored in UTC
  CHECK(c.e.get(Field::Region) == "华东");
  CHECK(c.e.get(Field::Note) == "");  // an absent column clears what the reused event held
}

TEST_CASE("convert_record: every problem of a record, joined; the flags say what can still be used") {
  auto c = convert({{"id", std::string("A\x01")}, {"ts", "2026-13-02 08:15"}, {"ticket", "T 1"}, {"event", "created"},
                    {"type", "repairs"}, {"urgency", "normal"}, {"region", "华东"}});
  CHECK(c.err == "bad id 'A\x01': 1-64 characters, no control characters; "
                 "bad ticket 'T 1': must match [A-Za-z0-9._-]{1,64}; "
                 "bad ts '2026-13-02 08:15': no such date; "
                 "type must be one of repair|install|maintenance|consultation|complaint|return|replacement, got 'repairs'; "
                 "missing outlet (required for created)");
  CHECK_FALSE(c.ticket_ok);
  CHECK(c.kind_ok);  // a bad created still names its ticket's created (for "the created at line N is bad")
  auto d = convert({{"ts", "2026-11-02 08:15"}, {"ticket", "T1"}, {"event", "dispatchd"}});
  CHECK(d.err == "unknown event 'dispatchd' (did you mean 'dispatched'?)");
  CHECK(d.ticket_ok);
  CHECK_FALSE(d.kind_ok);
  CHECK(convert({}).err == "missing ticket; missing ts; missing event");
}

TEST_CASE("convert_record: due only on created, after its ts, in range") {
  std::map<std::string, std::string> created = {{"ts", "2026-11-02 08:15"}, {"ticket", "T1"}, {"event", "created"},
                                                {"type", "repair"}, {"urgency", "normal"}, {"region", "华东"},
                                                {"outlet", "SH-01"}};
  auto due = [&](const std::string& v, const std::string& event = "created") {
    auto cols = created;
    cols["due"] = v;
    cols["event"] = event;
    return convert(cols).err;
  };
  CHECK(due("2026-11-02 08:15") == "");
  CHECK(due("2026-11-02 08:14") == "due 2026-11-02T00:14:00Z is before the ticket's created ts 2026-11-02T00:15:00Z");
  CHECK(due("2026-11-31 08:00") == "bad due '2026-11-31 08:00': no such date");
  CHECK(due("2026-11-03 08:00", "responded") ==
        "due is read only on created (the ticket's own due time), not on responded");
}

TEST_CASE("EventSource: ready-made events as records, line N = events[N-1]") {
  std::vector<Event> evs(2);
  evs[0].id = "E1";
  evs[0].ticket = "T1";
  evs[0].kind = EventKind::Responded;
  evs[0].ts = *parse_timestamp("2026-11-02T01:00:00Z", default_policy().tz, nullptr);
  evs[0].f[int(Field::Note)] = "预约";
  evs[1] = evs[0];
  evs[1].id = "E2";
  EventSource src(evs, "ticket respond");
  CHECK(src.name() == "ticket respond");
  CHECK(src.original().empty());  // before the first record
  RawRecord r;
  REQUIRE(src.next(r));
  CHECK(r.line == 1);
  CHECK(r.col[kColId] == "E1");
  CHECK(r.col[kColTs] == "2026-11-02T01:00:00Z");
  CHECK(r.col[kColEvent] == "responded");
  CHECK(r.col[col_of(Field::Note)] == "预约");
  auto orig = src.original();
  CHECK(orig.size() == std::size_t(4 + kFieldCount));
  CHECK(orig[0] == std::make_pair(std::string("id"), std::string("E1")));
  REQUIRE(src.next(r));
  CHECK(r.line == 2);
  CHECK(r.col[kColId] == "E2");
  CHECK_FALSE(src.next(r));
  CHECK(src.bytes_done() == src.bytes_total());
}

TEST_CASE("RejectWriter: the record as it came in plus reason; CSV or JSON Lines by the reject file's name") {
  test::TempDir dir;
  std::vector<Event> evs(1);
  evs[0].id = "E1";
  evs[0].ticket = "T1";
  evs[0].kind = EventKind::Paused;
  evs[0].ts = 0;
  evs[0].f[int(Field::Note)] = "a, \"quoted\" note";
  {
    EventSource src(evs, "x");
    RawRecord r;
    REQUIRE(src.next(r));
    RejectWriter w(dir.at("rej.csv"));
    w.write(src, "paused while already paused");
    w.flush();
  }
  std::string csv = test::slurp(dir.at("rej.csv"));
  std::string head = csv.substr(0, csv.find("\r\n"));  // CSV rows end in CRLF (RFC 4180)
  CHECK(head.rfind("id,ts,ticket,event,", 0) == 0);
  CHECK(ends_with(head, ",note,serial,ref,due,reason"));
  CHECK(csv.find("E1,1970-01-01T00:00:00Z,T1,paused,") != std::string::npos);
  CHECK(csv.find("\"a, \"\"quoted\"\" note\"") != std::string::npos);
  CHECK(ends_with(csv, ",paused while already paused\r\n"));
  {
    EventSource src(evs, "x");
    RawRecord r;
    REQUIRE(src.next(r));
    RejectWriter w(dir.at("rej.jsonl"));
    w.write(src, "bad");
    w.flush();
  }
  std::string jl = test::slurp(dir.at("rej.jsonl"));
  CHECK(jl.rfind("{\"id\":\"E1\",\"ts\":\"1970-01-01T00:00:00Z\",\"ticket\":\"T1\",\"event\":\"paused\",", 0) == 0);
  CHECK(jl.find("\"note\":\"a, \\\"quoted\\\" note\"") != std::string::npos);
  CHECK(ends_with(jl, ",\"reason\":\"bad\"}\n"));
  CHECK_THROWS_AS(RejectWriter(dir.at("no-such-dir/rej.csv")), NoInputError);
}

TEST_CASE("import: every record-level rule, reported with its line; nothing stored") {
  Fixture f;
  auto r = f.import(",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                    ",2026-13-02 08:15,T1,responded,,,,,,,,\n"
                    ",2026-11-02 09:00,T1,creatd,,,,,,,,\n"
                    ",2026-11-02 09:00,T1,followed_up,,,,,,,7,\n"
                    ",2026-11-02 09:00,T1,dispatched,,,,,,,,\n"
                    ",2026-11-02 09:00,T 1,responded,,,,,,,,\n"
                    ",2026-11-02 09:00,T2,created,repairs,normal,,华东,,,,\n"
                    ",,T1,responded,,urgent,,,,,,\n"
                    ",2026-11-02 09:00,T1,,,,,,,,,\n");
  CHECK(r.failed);
  CHECK(r.added == 0);
  CHECK(r.read == 9);
  CHECK(f.problems(r) ==
        "3: bad ts '2026-13-02 08:15': no such date\n"
        "4: unknown event 'creatd' (did you mean 'created'?)\n"
        "5: satisfaction must be an integer 1-5, got '7'\n"
        "6: missing engineer (required for dispatched)\n"
        "7: bad ticket 'T 1': must match [A-Za-z0-9._-]{1,64}\n"
        "8: type must be one of repair|install|maintenance|consultation|complaint|return|replacement, got 'repairs'; "
        "missing outlet (required for created)\n"
        "9: missing ts\n"
        "10: missing event\n");
  CHECK(f.count("SELECT count(*) FROM events") == 0);
  CHECK(f.count("SELECT count(*) FROM tickets") == 0);
  CHECK(f.count("SELECT count(*) FROM imports") == 0);
}
