#include "event.hpp"

#include <doctest/doctest.h>

using namespace svc;

namespace {
// The canonical value, or "!" + the rejection message.
std::string canon(Field f, std::string_view raw) {
  std::string why;
  auto v = canonical_value(f, raw, why);
  return v ? *v : std::string("!").append(why);
}

Event sample(const std::string& ts) {
  Event e;
  e.ticket = "T1001";
  e.kind = EventKind::Created;
  e.ts = *parse_timestamp(ts, TimeZone::locate("Asia/Shanghai"));
  e.at(Field::Type) = "repair";
  e.at(Field::Urgency) = "normal";
  e.at(Field::Channel) = "phone";
  e.at(Field::Region) = "华东";
  e.at(Field::Outlet) = "SH-01";
  e.at(Field::DistanceKm) = "12";
  e.at(Field::Note) = "空调不制冷, 外机异响";
  return e;
}
}  // namespace

TEST_CASE("event kinds and columns") {
  CHECK(event_kind_names().size() == kEventKindCount);
  for (int i = 0; i < kEventKindCount; ++i) {
    auto k = static_cast<EventKind>(i);
    CHECK(parse_event_kind(to_string(k)) == k);
  }
  CHECK(to_string(EventKind::FollowedUp) == "followed_up");
  CHECK(to_string(EventKind::PartUsed) == "part_used");
  CHECK_FALSE(parse_event_kind("Created"));
  CHECK_FALSE(parse_event_kind("close"));
  for (int i = 0; i < kFieldCount; ++i) CHECK(parse_field(to_string(static_cast<Field>(i))) == static_cast<Field>(i));
  CHECK_FALSE(parse_field("ticket"));  // a core column, not an attribute
  CHECK_FALSE(parse_field("distance"));
  REQUIRE(column_names().size() == 4 + kFieldCount);
  CHECK(column_names()[0] == "id");
  CHECK(column_names()[3] == "event");
  CHECK(column_names()[4] == "type");
  CHECK(column_names()[4 + int(Field::Note)] == "note");
  CHECK(column_names()[4 + int(Field::Ref)] == "ref");  // the v2 columns come after the v1 ones
  CHECK(column_names().back() == "due");                // then svc's own extension
  CHECK(parse_event_kind("voided") == EventKind::Voided);
}

TEST_CASE("canonical values of every field") {
  for (auto t : kServiceTypes) CHECK(canon(Field::Type, t) == std::string(t));
  CHECK(canon(Field::Urgency, "urgent") == "urgent");
  CHECK(canon(Field::Urgency, "normal") == "normal");
  for (auto c : kChannels) CHECK(canon(Field::Channel, c) == std::string(c));
  CHECK(canon(Field::Responsible, "yes") == "yes");
  CHECK(canon(Field::Approved, "no") == "no");
  CHECK(canon(Field::Purchased, "2024-02-29") == "2024-02-29");
  CHECK(canon(Field::DistanceKm, "12") == "12");
  CHECK(canon(Field::DistanceKm, "12.0") == "12");
  CHECK(canon(Field::DistanceKm, "012.50") == "12.5");
  CHECK(canon(Field::DistanceKm, "+3") == "3");
  CHECK(canon(Field::DistanceKm, "0") == "0");
  CHECK(canon(Field::DistanceKm, "-0") == "0");
  CHECK(canon(Field::DistanceKm, ".5") == "0.5");
  CHECK(canon(Field::LaborHours, "0.00001") == "0.00001");  // plain decimal, never 1e-05
  CHECK(canon(Field::LaborHours, "100000000000000000000") == "100000000000000000000");
  CHECK(canon(Field::LaborHours, "1.25") == "1.25");
  CHECK(canon(Field::Satisfaction, "5") == "5");
  CHECK(canon(Field::Satisfaction, "05") == "5");
  CHECK(canon(Field::Satisfaction, "+1") == "1");
  CHECK(canon(Field::Qty, "12") == "12");
  CHECK(canon(Field::Amount, "12") == "12.00");
  CHECK(canon(Field::Amount, "12.5") == "12.50");
  CHECK(canon(Field::Amount, "007.10") == "7.10");
  CHECK(canon(Field::Amount, "0") == "0.00");
  CHECK(canon(Field::Amount, "-0.00") == "0.00");
  CHECK(canon(Field::Amount, "-3") == "-3.00");
  CHECK(canon(Field::Amount, "+4.1") == "4.10");
  for (Field f : {Field::Region, Field::Outlet, Field::Customer, Field::Product, Field::Engineer, Field::Part,
                  Field::Note})
    CHECK(canon(f, "华东 free, text") == "华东 free, text");
}

TEST_CASE("every rejection message") {
  CHECK(canon(Field::Type, "fix") ==
        "!type must be one of repair|install|maintenance|consultation|complaint|return|replacement, got 'fix'");
  CHECK(canon(Field::Type, "Repair").rfind("!type must be one of", 0) == 0);  // case matters
  CHECK(canon(Field::Urgency, "high") == "!urgency must be urgent|normal, got 'high'");
  CHECK(canon(Field::Channel, "fax") == "!channel must be one of phone|web|app|email|letter|onsite, got 'fax'");
  CHECK(canon(Field::Responsible, "Y") == "!responsible must be yes|no, got 'Y'");
  CHECK(canon(Field::Approved, "true") == "!approved must be yes|no, got 'true'");
  CHECK(canon(Field::Purchased, "2026-02-30") == "!purchased must be a date YYYY-MM-DD, got '2026-02-30'");
  CHECK(canon(Field::Purchased, "2026/01/01") == "!purchased must be a date YYYY-MM-DD, got '2026/01/01'");
  CHECK(canon(Field::DistanceKm, "-1") == "!distance_km must be a number >= 0, got '-1'");
  CHECK(canon(Field::DistanceKm, "12km") == "!distance_km must be a number >= 0, got '12km'");
  CHECK(canon(Field::DistanceKm, "1e3") == "!distance_km must be a number >= 0, got '1e3'");
  CHECK(canon(Field::DistanceKm, "") == "!distance_km must be a number >= 0, got ''");
  CHECK(canon(Field::LaborHours, "1.2.3") == "!labor_hours must be a number >= 0, got '1.2.3'");
  CHECK(canon(Field::LaborHours, "nan") == "!labor_hours must be a number >= 0, got 'nan'");
  CHECK(canon(Field::Satisfaction, "0") == "!satisfaction must be an integer 1-5, got '0'");
  CHECK(canon(Field::Satisfaction, "6") == "!satisfaction must be an integer 1-5, got '6'");
  CHECK(canon(Field::Satisfaction, "4.5") == "!satisfaction must be an integer 1-5, got '4.5'");
  CHECK(canon(Field::Satisfaction, "+") == "!satisfaction must be an integer 1-5, got '+'");
  CHECK(canon(Field::Qty, "0") == "!qty must be an integer >= 1, got '0'");
  CHECK(canon(Field::Qty, "-2") == "!qty must be an integer >= 1, got '-2'");
  CHECK(canon(Field::Qty, "two") == "!qty must be an integer >= 1, got 'two'");
  CHECK(canon(Field::Qty, "99999999999999999999") == "!qty must be an integer >= 1, got '99999999999999999999'");
  for (const char* bad : {"1.234", "1.", ".", "-", "", "1,5", "1e3", "¥5", "1234567890123456"})
    CHECK(canon(Field::Amount, bad) == std::string("!amount must be a decimal with at most 2 places, got '") + bad + "'");
}

TEST_CASE("ids") {
  CHECK(valid_ticket_id("T1001"));
  CHECK(valid_ticket_id("a.b_c-D9"));
  CHECK(valid_ticket_id(std::string(64, 'x')));
  CHECK_FALSE(valid_ticket_id(std::string(65, 'x')));
  CHECK_FALSE(valid_ticket_id(""));
  CHECK_FALSE(valid_ticket_id("T 1"));
  CHECK_FALSE(valid_ticket_id("工单1"));
  CHECK(valid_event_id("evt:2026/11 #1 工单"));
  CHECK_FALSE(valid_event_id(""));
  CHECK_FALSE(valid_event_id(std::string(65, 'e')));
  CHECK_FALSE(valid_event_id("a\tb"));
  CHECK_FALSE(valid_event_id("a\x7f"));
}

TEST_CASE("required fields follow the spec") {
  CHECK(required_fields(EventKind::Created) ==
        std::vector<Field>{Field::Type, Field::Urgency, Field::Region, Field::Outlet});
  CHECK(required_fields(EventKind::Dispatched) == std::vector<Field>{Field::Engineer});
  CHECK(required_fields(EventKind::FollowedUp) == std::vector<Field>{Field::Satisfaction});
  CHECK(required_fields(EventKind::Complaint) == std::vector<Field>{Field::Responsible});
  CHECK(required_fields(EventKind::PartUsed) == std::vector<Field>{Field::Part, Field::Qty});
  CHECK(required_fields(EventKind::Fee) == std::vector<Field>{Field::Amount, Field::Approved});
  for (auto k : {EventKind::Responded, EventKind::Arrived, EventKind::Completed, EventKind::Signed,
                 EventKind::Rejected, EventKind::Reopened, EventKind::Paused, EventKind::Resumed,
                 EventKind::Cancelled, EventKind::Closed})
    CHECK(required_fields(k).empty());
}

TEST_CASE("typed access to canonical values") {
  Event e;
  e.at(Field::DistanceKm) = "12.5";
  e.at(Field::Satisfaction) = std::string("4");
  e.at(Field::Amount) = "-12.05";
  CHECK(e.number(Field::DistanceKm) == 12.5);
  CHECK_FALSE(e.number(Field::LaborHours));
  CHECK(e.integer(Field::Satisfaction) == 4);
  CHECK_FALSE(e.integer(Field::Qty));
  CHECK(e.cents() == -1205);
  e.at(Field::Amount) = "3000.00";
  CHECK(e.cents() == 300000);
  e.at(Field::Amount).clear();
  CHECK_FALSE(e.cents());
  e.at(Field::LaborHours) = canon(Field::LaborHours, "0.00001");
  CHECK(e.number(Field::LaborHours) == doctest::Approx(0.00001));
}

TEST_CASE("canonical form and content digest") {
  Event e = sample("2026-11-02 08:15");
  CHECK(canonical_form(e) ==
        "ticket=T1001\nevent=created\nts=2026-11-02T00:15:00Z\ntype=repair\nurgency=normal\nchannel=phone\n"
        "region=华东\noutlet=SH-01\ndistance_km=12\nnote=空调不制冷, 外机异响");
  // SHA-256 itself (FIPS 180-2 test vectors)
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(content_digest(e) == sha256_hex(canonical_form(e)));
  CHECK(content_digest(e).size() == 64);
  // the same instant written another way, the same canonical values: the same digest
  Event same = sample("2026-11-02T00:15:00Z");
  same.at(Field::DistanceKm) = canon(Field::DistanceKm, "12.0");
  same.id = "given-id";  // the id is not content
  same.seq = 42;         // nor is the store position
  CHECK(content_digest(same) == content_digest(e));
  // any change of content changes it
  Event other = e;
  other.at(Field::Note) = "空调不制冷";
  CHECK(content_digest(other) != content_digest(e));
  other = e;
  other.ts += 1;
  CHECK(canonical_form(other).find("ts=2026-11-02T00:15:00.000001Z") != std::string::npos);
  CHECK(content_digest(other) != content_digest(e));
  other = e;
  other.kind = EventKind::Responded;
  CHECK(content_digest(other) != content_digest(e));
  // absent attributes are left out
  Event bare;
  bare.ticket = std::string("T");
  bare.kind = EventKind::Closed;
  bare.ts = 0;
  CHECK(canonical_form(bare) == "ticket=T\nevent=closed\nts=1970-01-01T00:00:00Z");
}

TEST_CASE("the tamper-evidence chain") {
  std::string zero(64, '0');
  std::string d1 = content_digest(sample("2026-11-02 08:15")), d2 = content_digest(sample("2026-11-02 09:40"));
  std::string c1 = chain_hash(zero, d1), c2 = chain_hash(c1, d2);
  CHECK(c1 == sha256_hex(zero + d1));
  CHECK(c2 == sha256_hex(c1 + d2));
  CHECK(chain_hash(zero, d2) != c1);
  CHECK(chain_hash(chain_hash(zero, d2), d1) != c2);  // order matters
}

TEST_CASE("log order: by ts, then by store position") {
  std::vector<Event> v(4);
  v[0].ts = 20, v[0].seq = 1;
  v[1].ts = 10, v[1].seq = 3;
  v[2].ts = 10, v[2].seq = 2;
  v[3].ts = 5, v[3].seq = 4;
  sort_events(v);
  CHECK(v[0].seq == 4);
  CHECK(v[1].seq == 2);
  CHECK(v[2].seq == 3);
  CHECK(v[3].seq == 1);
}

TEST_CASE("canonical form escapes line breaks so values cannot imitate fields") {
  svc::Event a, b;
  a.ticket = b.ticket = "T1";
  a.kind = b.kind = svc::EventKind::Created;
  a.at(svc::Field::Customer) = "C\nproduct=P";
  b.at(svc::Field::Customer) = "C";
  b.at(svc::Field::Product) = "P";
  CHECK(svc::canonical_form(a) != svc::canonical_form(b));
  CHECK(svc::content_digest(a) != svc::content_digest(b));
  CHECK(svc::canonical_form(a).find("customer=C\\nproduct=P") != std::string::npos);
  std::string buf = "junk";
  svc::canonical_form_into(a, buf);
  CHECK(buf == svc::canonical_form(a));
}

TEST_CASE("svc's `due` column: canonical UTC, only on created, not before created, at most 10 years after") {
  std::string why;
  CHECK(canonical_value(Field::Due, "2026-11-05T15:00:00-05:00", why) == "2026-11-05T20:00:00Z");
  CHECK_FALSE(canonical_value(Field::Due, "tomorrow", why));
  CHECK(why.rfind("bad due 'tomorrow': ", 0) == 0);
  Event e;
  e.kind = EventKind::Created;
  e.ts = *parse_timestamp("2026-11-05T10:00:00Z", TimeZone::locate("UTC"));
  CHECK(due_problem(e).empty());  // absent
  e.at(Field::Due) = "2026-11-05T10:00:00Z";
  CHECK(due_problem(e).empty());  // equal to created: allowed
  e.at(Field::Due) = "2026-11-05T09:59:59Z";
  CHECK(due_problem(e) == "due 2026-11-05T09:59:59Z is before the ticket's created ts 2026-11-05T10:00:00Z");
  e.at(Field::Due) = "2036-11-20T10:00:00Z";
  CHECK(due_problem(e) == "due 2036-11-20T10:00:00Z is more than 10 years after the ticket's created ts 2026-11-05T10:00:00Z");
  e.at(Field::Due) = "2026-11-06T10:00:00Z";
  e.kind = EventKind::Completed;
  CHECK(due_problem(e) == "due is read only on created (the ticket's own due time), not on completed");
  // the importer passes the instant it has just read: that one is checked, the text is not parsed again
  e.kind = EventKind::Created;
  e.at(Field::Due) = "2026-11-05T12:00:00Z";
  CHECK(due_problem(e).empty());
  CHECK(due_problem(e, e.ts - 1) ==
        "due 2026-11-05T12:00:00Z is before the ticket's created ts 2026-11-05T10:00:00Z");
  CHECK(due_problem(e, e.ts).empty());
  // an event without `due` keeps its canonical form (so its derived id and chain value)
  Event c;
  c.ticket = "T1";
  c.ts = 0;
  CHECK(canonical_form(c).find("due") == std::string::npos);
  c.at(Field::Due) = "2026-11-06T10:00:00Z";
  CHECK(canonical_form(c).substr(canonical_form(c).rfind('\n') + 1) == "due=2026-11-06T10:00:00Z");
}
