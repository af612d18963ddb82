// The complaint register rendered (lib/ops/complaints_render.cpp): the
// listing's columns, the audit's overdue rows, one complaint as text and JSON.
#include <doctest/doctest.h>

#include <sstream>

#include "complaints.hpp"
#include "config.hpp"

using namespace svc;

namespace {

Instant at(const Policy& p, const char* local) { return *parse_timestamp(local, p.tz); }

// received Mon 2026-11-02 10:00, first reply due Tue 10:00, acknowledged Tue 09:30
ComplaintRecord acknowledged(const Policy& p) {
  ComplaintRecord c;
  c.number = "S1-C1", c.ticket = "S1", c.outlet = "SH-01", c.channel = "phone", c.source = "complain";
  c.responsible = "yes", c.category = "attitude", c.text = "工程师态度差\x1b[2J";
  c.received = at(p, "2026-11-02 10:00");
  c.reply_due = at(p, "2026-11-03 10:00");
  c.resolution_due = at(p, "2026-11-09 10:00");
  c.first_reply = at(p, "2026-11-03 09:30");
  ComplaintLogRow ack;
  ack.step = "ack", ack.at = *c.first_reply, ack.recorded_at = *c.first_reply, ack.text = "已致电", ack.user = "wang";
  c.log.push_back(ack);
  return c;
}

}  // namespace

TEST_CASE("complaint listing: one row per complaint, the reply on time, nothing overdue before the resolution is due") {
  Policy p = default_policy();
  ComplaintRecord c = acknowledged(p);
  Table t = complaint_list_table({c}, p, at(p, "2026-11-05 12:00"));
  REQUIRE(t.rows.size() == 1);
  CHECK(t.headers.size() == 16);
  const auto& r = t.rows[0];
  CHECK(r[0] == "S1-C1");
  CHECK(r[4] == "2026-11-02T10:00:00+08:00");
  CHECK(r[8] == "replied");
  CHECK(r[10] == "2026-11-03T09:30:00+08:00");
  CHECK(r[11] == "yes");
  CHECK(r[15] == "");
  // one second past the resolution's due time: overdue in the listing and in the audit
  Instant late = at(p, "2026-11-09 10:00") + kMicrosPerSecond;
  CHECK(complaint_list_table({c}, p, late).rows[0][15] == "resolution_overdue");
  Table a = complaint_audit_table({c}, p, late);
  REQUIRE(a.rows.size() == 1);
  CHECK(a.rows[0][5] == "resolution_overdue");
  CHECK(a.rows[0][7] == "0.0");
  CHECK(complaint_audit_table({c}, p, at(p, "2026-11-09 10:00")).rows.empty());  // met at the due time exactly
}

TEST_CASE("one complaint as text and JSON: clocks, history, stored control characters escaped in the text") {
  Policy p = default_policy();
  ComplaintRecord c = acknowledged(p);
  std::ostringstream text;
  write_complaint_text(text, c, p, at(p, "2026-11-05 12:00"));
  CHECK(text.str().rfind("Complaint S1-C1  (replied)\n", 0) == 0);
  CHECK(text.str().find("first reply  due 2026-11-03 10:00, replied 2026-11-03 09:30 (on time)") != std::string::npos);
  CHECK(text.str().find("\x1b") == std::string::npos);
  CHECK(text.str().find("工程师态度差\\x1B[2J") != std::string::npos);
  std::ostringstream json;
  write_complaint_json(json, c, p, at(p, "2026-11-05 12:00"));
  CHECK(json.str().find("\"number\":\"S1-C1\"") != std::string::npos);
  CHECK(json.str().find("\"status\":\"replied\"") != std::string::npos);
  CHECK(json.str().find("\"reply_on_time\":true") != std::string::npos);
  CHECK(json.str().find("\"step\":\"ack\"") != std::string::npos);
}
