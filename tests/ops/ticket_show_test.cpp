// svc ticket show (lib/ops/ticket_show.cpp): the text and JSON renderings of a
// ticket view.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "corrections.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

namespace {

// T1 dispatched to E-017 with a note and a complaint; its response voided by alice.
TicketView shown(Fixture& f) {
  f.create("2026-11-02 08:15", "2025-06-01");
  respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:40"), "");
  VoidRequest vr{"T1", f.s.ticket_events("T1").back().id, "误点", f.at("2026-11-02 09:45"), "alice"};
  void_event(f.s, f.p, vr);
  schedule_ticket(f.s, f.p, "T1", window(f, "2026-11-02 10:05", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));
  note_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:10"), "带梯子");
  complain_ticket(f.s, f.p, "T1", {f.at("2026-11-02 10:20"), "no", "", "电话难打"});
  return load_ticket(f.s, f.p, "T1", f.at("2026-11-02 12:00"));
}

}  // namespace

TEST_CASE("ticket show text: header, milestones, appointments, complaints with the next step, notes, voided history") {
  Fixture f;
  TicketView v = shown(f);
  std::ostringstream os;
  write_ticket_text(os, v, f.p);
  std::string out = os.str();
  CHECK(out.find("ticket       T1\n") != std::string::npos);
  CHECK(out.find("state        scheduled\n") != std::string::npos);
  CHECK(out.find("engineer     E-017\n") != std::string::npos);
  CHECK(out.find("address      上海市浦东新区 1 号") != std::string::npos);
  CHECK(out.find("quote") == std::string::npos);  // in warranty
  CHECK(out.find("\nMilestones\n") != std::string::npos);
  CHECK(out.find("responded    2026-11-02 10:05\n") != std::string::npos);  // the voided 09:40 one does not count
  CHECK(out.find("dispatched   2026-11-02 10:05") != std::string::npos);
  CHECK(out.find("2026-11-02 14:00/16:00") != std::string::npos);
  CHECK(out.find("T1-C1") != std::string::npos);
  CHECK(out.find("next: ack") != std::string::npos);
  CHECK(out.find("\nNotes\n") != std::string::npos);
  CHECK(out.find("带梯子") != std::string::npos);
  CHECK(out.find("responded (VOIDED)") != std::string::npos);
  CHECK(out.find("withdrawn 2026-11-02 09:45 by alice: 误点") != std::string::npos);
  CHECK(out.find("\nFees\n") == std::string::npos);  // no fee: no section
}

TEST_CASE("ticket show JSON: state, warranty, appointments, complaints, notes and the voided event in the history") {
  Fixture f;
  TicketView v = shown(f);
  std::ostringstream os;
  JsonWriter w(os);
  write_ticket_json(w, v, f.p);
  auto j = nlohmann::json::parse(os.str());
  CHECK(j["ticket"] == "T1");
  CHECK(j["as_of"] == "2026-11-02T12:00:00+08:00");
  CHECK(j["state"] == "scheduled");
  CHECK(j["paused"] == false);
  CHECK(j["warranty"]["status"] == "in");
  CHECK(j["warranty"]["months"] == 36);
  CHECK(j["quote"].is_null());
  REQUIRE(j["appointments"].size() == 1);
  CHECK(j["appointments"][0]["from"] == "2026-11-02T14:00:00+08:00");
  CHECK(j["appointments"][0]["to"] == "2026-11-02T16:00:00+08:00");
  CHECK(j["appointments"][0]["consent"] == false);
  REQUIRE(j["complaints"].size() == 1);
  CHECK(j["complaints"][0]["number"] == "T1-C1");
  CHECK(j["complaints"][0]["responsible"] == false);
  CHECK(j["complaints"][0]["steps"].empty());
  REQUIRE(j["notes"].size() == 1);
  CHECK(j["notes"][0]["text"] == "带梯子");
  CHECK(j["fees"].empty());
  const auto& h = j["history"];
  REQUIRE(h.size() == 6);  // created, responded, voided, responded and dispatched by the schedule, complaint
  CHECK(h[1]["event"] == "responded");
  CHECK(h[1]["voided"]["by"] == "alice");
  CHECK(h[1]["voided"]["reason"] == "误点");
  CHECK(h[1]["voided"]["at"] == "2026-11-02T09:45:00+08:00");
  CHECK(h[0]["voided"].is_null());
  CHECK(h[2]["event"] == "voided");
  CHECK(h[3]["event"] == "responded");
  CHECK(h[3]["voided"].is_null());
}
