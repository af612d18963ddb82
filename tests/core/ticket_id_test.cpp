// Ticket ids from the policy's pattern (lib/core/ticket_id.cpp).
#include <doctest/doctest.h>

#include "error.hpp"
#include "ticket_id.hpp"

using namespace svc;

TEST_CASE("check_id_pattern accepts the tokens and rejects the rest, saying why") {
  CHECK(check_id_pattern("T{yyyymmdd}{seq:05}") == "");
  CHECK(check_id_pattern("SH-{yy}{mm}{dd}-{seq}") == "");
  CHECK(check_id_pattern("{seq:9}") == "");
  CHECK(check_id_pattern("{seq:09}") == "");
  CHECK(check_id_pattern("T{seq:00}").find("bad token") != std::string::npos);
  CHECK(check_id_pattern("T{yyyymmdd}").find("exactly one {seq}") != std::string::npos);
  CHECK(check_id_pattern("{seq}{seq}").find("has 2") != std::string::npos);
  CHECK(check_id_pattern("T{date}{seq}").find("unknown token '{date}'") != std::string::npos);
  CHECK(check_id_pattern("T{seq:0}").find("bad token") != std::string::npos);
  CHECK(check_id_pattern("T{seq:10}").find("bad token") != std::string::npos);
  CHECK(check_id_pattern("T {seq}").find("character ' '") != std::string::npos);
  CHECK(check_id_pattern("T{seq").find("not closed") != std::string::npos);
  CHECK(check_id_pattern(std::string(60, 'A') + "{seq}").find("too long") != std::string::npos);
}

TEST_CASE("expand_id_pattern and next_ticket_id") {
  Day day = *parse_date("2026-11-23");
  IdTemplate t = expand_id_pattern("T{yyyymmdd}{seq:05}", day);
  CHECK(t.prefix == "T20261123");
  CHECK(t.suffix == "");
  CHECK(t.make(1) == "T2026112300001");
  CHECK(next_ticket_id(t, {}) == "T2026112300001");
  CHECK(next_ticket_id(t, {"T2026112300001", "T2026112300007", "T2026112200099", "X1", "T20261123abc"}) ==
        "T2026112300008");
  CHECK(*t.seq_of("T2026112300042") == 42);
  CHECK_FALSE(t.seq_of("T202611230042"));  // fewer digits than the width
  IdTemplate u = expand_id_pattern("{yy}{mm}-{seq:3}-{dd}", day);
  CHECK(u.make(5) == "2611-005-23");
  CHECK(next_ticket_id(u, {"2611-005-23", "2611-004-23"}) == "2611-006-23");
  CHECK(u.make(1234) == "2611-1234-23");  // the width is a minimum
  CHECK_THROWS_AS(expand_id_pattern("T{bad}{seq}", day), DataError);
}
