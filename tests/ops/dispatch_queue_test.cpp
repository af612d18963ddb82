// svc dispatch queue (lib/ops/dispatch_queue.cpp): a region's unassigned, at-risk and breached tickets.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dispatch_fixtures.hpp"

using namespace svc;
using namespace svc::dispatch_test;

TEST_CASE("queue of a region: unassigned work with its breached targets; an unknown region has a did-you-mean") {
  Fixture f;
  two_assigned(f);
  Queue q = queue(f.s, f.p, "华东", f.at("2026-11-23 13:00"));
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].item.t.ticket == "B");
  CHECK(q.rows[0].breached.size() == 2);  // response and arrival
  CHECK(error_of([&] { queue(f.s, f.p, "华", f.at("2026-11-23 13:00")); }) ==
        "65 unknown region '华' (did you mean '华东'?)");
}

TEST_CASE("queue renderings: unassigned and breached flags with the overdue time; JSON with seconds and the leader") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  Queue q = queue(f.s, f.p, "华东", f.at("2026-11-24 11:30"));  // 26.5 h later: response and arrival breached
  REQUIRE(q.rows.size() == 1);
  REQUIRE(q.rows[0].breached.size() == 2);
  Table t = queue_table(q, f.p.tz);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][0] == "A");
  CHECK(t.rows[0][4] == "new");
  CHECK(t.rows[0][5] == "-");
  CHECK(t.rows[0][6].rfind("unassigned; breached ", 0) == 0);
  CHECK(t.rows[0][6].find(" +") != std::string::npos);

  std::ostringstream os;
  JsonWriter w(os);
  write_queue_json(w, q, f.p);
  auto j = nlohmann::json::parse(os.str());
  CHECK(j["region"] == "华东");
  CHECK(j["leader"].is_null());  // nobody leads 华东 in the fixture
  REQUIRE(j["tickets"].size() == 1);
  CHECK(j["tickets"][0]["unassigned"] == true);
  CHECK(j["tickets"][0]["engineer"].is_null());
  REQUIRE(j["tickets"][0]["breached"].size() == 2);
  CHECK(j["tickets"][0]["breached"][0]["overdue_s"].get<double>() ==
        doctest::Approx(double(q.rows[0].breached[0].second) / kMicrosPerSecond));
}
