#include "digest.hpp"

#include <doctest/doctest.h>

#include <limits>

#include "error.hpp"

using namespace svc;

namespace {
Event mk(Instant ts, EventKind k, std::initializer_list<std::pair<Field, const char*>> fields = {}) {
  Event e;
  e.ts = ts;
  e.kind = k;
  e.ticket = "T1";
  e.id = "ignored";
  for (auto& [f, v] : fields) e.at(f) = v;
  return e;
}
}  // namespace

TEST_CASE("digest: every kind and attribute survives a round trip, in order") {
  std::vector<Event> evs = {
      mk(1'000'000, EventKind::Created,
         {{Field::Type, "repair"}, {Field::Urgency, "urgent"}, {Field::Region, "华东"}, {Field::Outlet, "SH-01"},
          {Field::Customer, "C1"}, {Field::Purchased, "2026-01-31"}, {Field::DistanceKm, "12.5"}}),
      mk(1'000'000, EventKind::Dispatched, {{Field::Engineer, "E-1"}}),
      mk(5'000'000, EventKind::Fee, {{Field::Amount, "12.50"}, {Field::Approved, "no"}}),
      mk(6'000'000, EventKind::Complaint, {{Field::Responsible, "yes"}, {Field::Note, "rude, late\nand \"loud\""}}),
      mk(7'000'000, EventKind::PartUsed, {{Field::Part, "FAN-1"}, {Field::Qty, "2"}}),
      mk(8'000'000, EventKind::Completed, {{Field::LaborHours, "1.5"}, {Field::Note, "replaced the fan"}}),
      mk(9'000'000, EventKind::FollowedUp, {{Field::Satisfaction, "5"}}),
  };
  for (int k = 0; k < kEventKindCount; ++k)
    if (EventKind(k) != EventKind::Voided) evs.push_back(mk(9'000'000 + k, EventKind(k)));  // a void counts for nothing
  std::string blob = encode_digest(evs);
  std::vector<Event> back;
  decode_digest(blob, "T1", std::numeric_limits<Instant>::max(), back);
  REQUIRE(back.size() == evs.size());
  for (std::size_t i = 0; i < evs.size(); ++i) {
    CAPTURE(i);
    CHECK(back[i].ts == evs[i].ts);
    CHECK(back[i].kind == evs[i].kind);
    CHECK(back[i].ticket == "T1");
    CHECK(back[i].id.empty());  // ids are not in a digest
    for (int f = 0; f < kFieldCount; ++f) {
      CAPTURE(f);
      if (digest_keeps(evs[i].kind, Field(f))) CHECK(back[i].f[std::size_t(f)] == evs[i].f[std::size_t(f)]);
      else CHECK(back[i].f[std::size_t(f)].empty());
    }
  }
  CHECK(back[3].get(Field::Note) == "rude, late\nand \"loud\"");  // a complaint keeps its note
  CHECK(back[5].get(Field::Note).empty());                       // other notes are left out
}

TEST_CASE("digest: voided_at survives, and a withdrawn event counts only before its void") {
  std::vector<Event> evs = {mk(1'000'000, EventKind::Created), mk(2'000'000, EventKind::Completed),
                            mk(2'000'000, EventKind::Fee, {{Field::Amount, "8.00"}, {Field::Approved, "no"}}),
                            mk(9'000'000, EventKind::Voided, {{Field::Ref, "x"}, {Field::Note, "typo"}})};
  evs[2].voided_at = 9'000'000;
  std::string blob = encode_digest(evs);
  std::vector<Event> back;
  decode_digest(blob, "T", 8'999'999, back);  // before the void: the fee counts, the void does not
  REQUIRE(back.size() == 3);
  CHECK(back[2].kind == EventKind::Fee);
  CHECK(back[2].voided_at == 9'000'000);
  decode_digest(blob, "T", 9'000'000, back);  // from the void's ts on: withdrawn
  REQUIRE(back.size() == 2);
  CHECK(back[1].kind == EventKind::Completed);
  DigestCursor c(blob);
  DigestItem it;
  int n = 0;
  while (c.next(it)) {
    CHECK(it.voided_at == (n == 2 ? 9'000'000 : kNotVoided));
    CHECK(it.get(Field::Ref).empty());  // the ref is not kept: the target holds voided_at
    ++n;
  }
  CHECK(n == 4);
}

TEST_CASE("digest: as_of leaves later events out; time may go backwards and far") {
  std::vector<Event> evs = {mk(-62'135'596'800'000'000, EventKind::Created),  // year 1
                            mk(253'402'300'799'000'000, EventKind::Responded),  // 9999-12-31
                            mk(5, EventKind::Closed)};
  std::string blob = encode_digest(evs);
  std::vector<Event> back;
  decode_digest(blob, "T", std::numeric_limits<Instant>::max(), back);
  REQUIRE(back.size() == 3);
  CHECK(back[0].ts == evs[0].ts);
  CHECK(back[1].ts == evs[1].ts);
  CHECK(back[2].ts == 5);
  back.clear();
  decode_digest(blob, "T", 5, back);
  REQUIRE(back.size() == 2);
  CHECK(back[1].kind == EventKind::Closed);
}

TEST_CASE("digest: an empty digest has no events; a malformed one is refused (69), never read past its end") {
  std::vector<Event> back;
  decode_digest("", "T", 0, back);
  CHECK(back.empty());
  std::string good = encode_digest({mk(10, EventKind::Created, {{Field::Outlet, "SH-01"}})});
  for (std::size_t n = 1; n < good.size(); ++n) {
    CAPTURE(n);
    back.clear();
    CHECK_THROWS_AS(decode_digest(good.substr(0, n), "T", 100, back), StoreUnavailable);
  }
  std::string bad_kind = good;
  bad_kind[1] = char(kEventKindCount);  // ts delta 10 is one byte; then the kind
  CHECK_THROWS_AS(decode_digest(bad_kind, "T", 100, back), StoreUnavailable);
  CHECK_THROWS_AS(decode_digest(std::string(11, '\xff'), "T", 100, back), StoreUnavailable);  // varint too long
}
