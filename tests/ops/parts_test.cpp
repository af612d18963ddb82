// lib/ops/parts.cpp (shared helpers: warehouses on first use, transactions) and the [parts] policy.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("outlet warehouses are created on first use from the outlets table") {
  Fixture f;
  f.s->db().exec("INSERT INTO outlets(id, name, region) VALUES ('BJ-01', 'Beijing 1', '华北')");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-02 09:00"));
  f.led.transfer({"CAP", "central", "BJ-01", "TN-1", 4}, who("2026-11-03 09:00"));
  auto ws = list_warehouses(*f);
  REQUIRE(ws.size() == 3);
  CHECK(ws[0].id == "central");
  CHECK(ws[1].id == "BJ-01");
  CHECK(ws[1].kind == "outlet");
  CHECK_THROWS_AS(add_warehouse(*f, "BJ-01"), DataError);
  CHECK_THROWS_AS(add_warehouse(*f, "bad id"), DataError);
}

TEST_CASE("the [parts] policy section: defaults, values, FILE:LINE problems") {
  Policy d = default_policy();
  CHECK(d.parts.approval_over_cents == 50000);
  CHECK(d.parts.unconsumed_days == 7);
  CHECK(d.parts.old_part_days == 15);
  CHECK(d.parts.claim_days == 60);
  Policy p = load_policy_text("[parts]\nissue_approval_over = 1200.5\nunconsumed_days = 3\nold_part_days = 10\n"
                              "claim_days = 30\n",
                              "p.toml");
  CHECK(p.parts.approval_over_cents == 120050);
  CHECK(p.parts.unconsumed_days == 3);
  CHECK(p.parts.old_part_days == 10);
  CHECK(p.parts.claim_days == 30);
  CHECK(p.origins["parts.claim_days"] == "p.toml:5");
  auto probs = check_policy_text("[parts]\nissue_approval_over = 1.234\nunconsumed_days = 0\nold_part_days = 2.5\n"
                                 "claim_dayz = 3\n",
                                 "p.toml");
  REQUIRE(probs.size() == 4);
  CHECK(probs[0] == "p.toml:5: unknown key 'parts.claim_dayz' (did you mean 'parts.claim_days'?)");
  CHECK(probs[1] == "p.toml:2: parts.issue_approval_over must be an amount >= 0 with at most 2 decimals, got 1.234");
  CHECK(probs[2] == "p.toml:3: parts.unconsumed_days must be a whole number of days from 1 to 3650");
  CHECK(probs[3] == "p.toml:4: parts.old_part_days must be a whole number of days from 1 to 3650");
  auto toml = policy_to_toml(p, false);
  CHECK(toml.find("[parts]\nissue_approval_over = 1200.50\nunconsumed_days = 3\nold_part_days = 10\nclaim_days = 30\n") !=
        std::string::npos);
  // the printed policy reads back to the same values
  Policy back = load_policy_text(toml, "back.toml");
  CHECK(back.parts.approval_over_cents == 120050);
  CHECK(back.parts.claim_days == 30);
}

TEST_CASE("a write inside a write is one transaction: an inner failure undoes only the inner part") {
  Fixture f;
  open_ticket(*f, "T1");
  f.s->write([&] {
    f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
    CHECK_THROWS_AS(f.led.issue({"T1", "CAP", "central", "", "", 11}, who("2026-11-02 09:00")), DataError);
    f.led.issue({"T1", "CAP", "central", "", "", 1}, who("2026-11-02 09:00"));
  });
  CHECK(balance(*f, "central", "CAP") == 9);
  struct Abort {};
  try {
    f.s->write([&] {
      f.led.receive({"CAP", "central", "G2", 5, 1000}, who("2026-11-03 09:00"));
      throw Abort{};
    });
  } catch (const Abort&) {
  }
  CHECK(balance(*f, "central", "CAP") == 9);  // the outer rollback undoes the inner write
  CHECK(ledger(*f, "CAP", "").size() == 2);
}
