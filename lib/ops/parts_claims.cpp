// Old-part claims to suppliers: open, submit, accept or reject, and their listing.
#include "parts_internal.hpp"

#include <algorithm>

#include "error.hpp"
#include "free_text.hpp"
#include "guards.hpp"
#include "seals.hpp"
#include "ticket.hpp"

namespace svc {

using namespace detail;

// ---- claims ------------------------------------------------------------------------
std::int64_t PartsLedger::open_claim(const ClaimOpenArgs& a, const Actor& who) {
  std::int64_t id = 0;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    Part p = require_part(db, a.part);
    if (!p.claimable)
      refuse(fmt::format("part {} is not claimable (catalogue); mark it with 'svc parts catalog update {} "
                         "--claimable yes'", a.part, a.part));
    require_warehouse(db, a.warehouse);
    if (!a.ticket.empty()) check_ticket(a.ticket), require_ticket(s_, a.ticket);  // exists (closed is normal)
    if (a.claimed_cents && *a.claimed_cents < 0) refuse("the claimed amount must be >= 0");
    std::string forced = movement_limits(p_.limits, a.force, a.qty, std::nullopt, a.claimed_cents);
    SQLite::Statement res(db, "SELECT COALESCE(SUM(qty), 0) FROM part_claims WHERE warehouse = ? AND part = ? "
                              "AND status = 'open'");
    res.bind(1, a.warehouse);
    res.bind(2, a.part);
    res.executeStep();
    std::int64_t reserved = res.getColumn(0).getInt64();
    std::int64_t have = book_qty(db, a.warehouse, a.part, "old");
    if (have - reserved < a.qty)
      refuse(fmt::format("not enough old parts: {} old {} claimed, '{}' holds {} of which {} are in open claims",
                         a.qty, a.part, a.warehouse, have, reserved));
    SQLite::Statement st(db, "INSERT INTO part_claims(opened_at, warehouse, part, qty, ticket, supplier, status, "
                             "claimed_cents, reference, user, reason) VALUES (?,?,?,?,?,?,'open',?,?,?,?)");
    st.bind(1, when(who));
    st.bind(2, a.warehouse);
    st.bind(3, a.part);
    st.bind(4, a.qty);
    bind_text(st, 5, a.ticket);
    bind_text(st, 6, a.supplier.empty() ? p.supplier : a.supplier);
    if (a.claimed_cents) st.bind(7, *a.claimed_cents);
    else st.bind(7);
    bind_text(st, 8, a.reference);
    st.bind(9, who.user.empty() ? std::string("unknown") : who.user);
    bind_text(st, 10, forced);
    st.exec();
    id = db.getLastInsertRowid();
    seal_row(db, "part_claims", id);
  });
  return id;
}

Movement PartsLedger::submit_claim(std::int64_t id, const std::string& reference, const Actor& who) {
  Movement m;
  s_.write([&] {
    auto& db = s_.db();
    Claim c = require_claim(db, id);
    if (c.status != "open") refuse(fmt::format("claim #{} is {}: only an open claim can be submitted", id, c.status));
    m.ts = when(who);
    if (m.ts < c.opened_at) refuse(fmt::format("claim #{} cannot be submitted before it was opened", id));
    check_time_order(db, p_.tz, c.warehouse, c.part, m.ts);
    need_stock(db, c.warehouse, c.part, "old", c.qty);
    m.kind = MoveKind::Claim, m.warehouse = c.warehouse, m.part = c.part, m.book = "old", m.qty = -c.qty;
    m.avg_cents = avg_of(db, c.part), m.user = who.user, m.ticket = c.ticket, m.claim_id = id;
    m.reference = reference.empty() ? c.reference : reference;
    insert(db, m);
    SQLite::Statement up(db, "UPDATE part_claims SET status = 'submitted', submitted_at = ?, reference = ? WHERE id = ?");
    up.bind(1, m.ts);
    bind_text(up, 2, m.reference);
    up.bind(3, id);
    up.exec();
    seal_row(db, "part_claims", id);  // the claim as it now stands
  });
  return m;
}

void PartsLedger::decide_claim(std::int64_t id, bool accepted, std::optional<std::int64_t> amount_cents,
                               const std::string& reason, const Actor& who, const LimitOverride& force) {
  s_.write([&] {
    auto& db = s_.db();
    Claim c = require_claim(db, id);
    if (c.status != "submitted")
      refuse(fmt::format("claim #{} is {}: only a submitted claim can be {}", id, c.status,
                         accepted ? "accepted" : "rejected"));
    Instant ts = when(who);
    if (c.submitted_at && ts < *c.submitted_at)
      refuse(fmt::format("claim #{} cannot be decided before it was submitted", id));
    std::optional<std::int64_t> amount;
    std::string forced;  // --force --reason past [limits] amount
    if (accepted) {
      amount = amount_cents ? amount_cents : c.claimed_cents;
      if (!amount) refuse(fmt::format("claim #{}: give the amount the supplier accepted (--amount)", id));
      if (*amount < 0) refuse("the accepted amount must be >= 0");
      if (auto h = amount_hit(*amount, p_.limits)) forced = enforce_limits({*h}, force);
    } else if (reason.empty()) {
      refuse(fmt::format("claim #{}: give the supplier's reason for the rejection (--reason)", id));
    }
    check_text("--reason", reason);
    SQLite::Statement up(db, "UPDATE part_claims SET status = ?, decided_at = ?, accepted_cents = ?, "
                             "reason = COALESCE(?, reason) WHERE id = ?");
    up.bind(1, std::string(accepted ? "accepted" : "rejected"));
    up.bind(2, ts);
    if (amount) up.bind(3, *amount);
    else up.bind(3);
    bind_text(up, 4, forced.empty() ? reason : forced);  // the forced marker holds the reason
    up.bind(5, id);
    up.exec();
    seal_row(db, "part_claims", id);  // the claim as it now stands
  });
}
std::vector<Claim> claims(Store& s, const std::string& status) {
  static const std::vector<std::string> statuses = {"open", "submitted", "accepted", "rejected"};
  if (!status.empty() && std::find(statuses.begin(), statuses.end(), status) == statuses.end())
    throw UsageError(fmt::format("unknown claim status '{}' (open, submitted, accepted, rejected)", status));
  std::vector<Claim> out;
  try {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM part_claims WHERE (?1 = '' OR status = ?1) ORDER BY id",
                                             kClaimColumns));
    st.bind(1, status);
    while (st.executeStep()) out.push_back(claim_from_row(st));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading claims");
  }
  return out;
}

std::optional<Claim> find_claim(Store& s, std::int64_t id) {
  try {
    return find_claim_db(s.db(), id);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading claims");
  }
}
}  // namespace svc
