// Private helpers shared by the parts files (lib/ops/parts*.cpp), defined in
// parts.cpp. Not part of the library's interface: include it only from
// lib/ops/parts*.cpp. Every function here runs inside the caller's
// transaction (Store::write) or read.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parts.hpp"

namespace svc::detail {

// A refusal: DataError (65).
[[noreturn]] void refuse(const std::string& msg);

// The actor's time, or now.
Instant when(const Actor& a);

// Binds NULL for an empty text / a zero id.
void bind_text(SQLite::Statement& st, int i, const std::string& v);
void bind_id(SQLite::Statement& st, int i, std::int64_t v);
// A text column, "" for NULL; an integer column, nullopt for NULL.
std::string text_of(SQLite::Statement& st, int i);
std::optional<std::int64_t> opt_int(SQLite::Statement& st, int i);

// The first column of every row of `sql` (a string literal).
std::vector<std::string> all_ids(SQLite::Database& db, const char* sql);
// " (did you mean 'X'?)" or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

inline constexpr const char* kPartColumns = "part, name, spec, unit, supplier, list_cents, min_stock, claimable";
Part part_from_row(SQLite::Statement& st);
std::optional<Part> find_part_db(SQLite::Database& db, const std::string& part);
Part require_part(SQLite::Database& db, const std::string& part);

bool warehouse_exists(SQLite::Database& db, const std::string& id);
// An outlet warehouse is created on first use when the id is an outlet.
void require_warehouse(SQLite::Database& db, const std::string& id);
void check_known_warehouse(SQLite::Database& db, const std::string& id);

void check_qty(std::int64_t q);
void check_ticket(const std::string& t);

std::int64_t book_qty(SQLite::Database& db, const std::string& wh, const std::string& part, const std::string& book);
std::int64_t global_new_qty(SQLite::Database& db, const std::string& part);
std::int64_t avg_of(SQLite::Database& db, const std::string& part);
void need_stock(SQLite::Database& db, const std::string& wh, const std::string& part, const std::string& book,
                std::int64_t qty);
// Stock movements of one part in one warehouse are kept in time order.
void check_time_order(SQLite::Database& db, const TimeZone& tz, const std::string& wh, const std::string& part,
                      Instant ts);

// Records `m` (sets its id) and its stock balance.
void insert(SQLite::Database& db, Movement& m);
void set_avg(SQLite::Database& db, const std::string& part, std::int64_t avg, std::int64_t movement);

inline constexpr const char* kMoveColumns =
    "id, ts, kind, warehouse, part, book, qty, unit_cents, value_cents, avg_cents, reference, user, ticket, "
    "event_id, pair_id, claim_id, approved_by, reason, reverses";
Movement movement_from_row(SQLite::Statement& st);

// What a ticket holds of one part: issued to it (issues at or before
// `issued_by`), fitted (consume), given back unused (return-new) and old parts
// brought back (return-old); quantities positive, values in cents. A reversed
// movement and its reversal both count as if neither had been recorded.
struct TicketPool {
  std::int64_t issued = 0, issued_value = 0, fitted = 0, fitted_value = 0, returned = 0, returned_value = 0;
  std::int64_t old_back = 0;
  std::string issue_wh, consume_wh;  // warehouse of the latest issue / consume
  std::int64_t outstanding() const { return issued - fitted - returned; }
  std::int64_t outstanding_value() const { return issued_value - fitted_value - returned_value; }
};
TicketPool ticket_pool(SQLite::Database& db, const std::string& ticket, const std::string& part, Instant issued_by);

inline constexpr const char* kClaimColumns =
    "id, opened_at, warehouse, part, ticket, supplier, status, reference, user, reason, qty, claimed_cents, "
    "accepted_cents, submitted_at, decided_at";
Claim claim_from_row(SQLite::Statement& st);
std::optional<Claim> find_claim_db(SQLite::Database& db, std::int64_t id);
Claim require_claim(SQLite::Database& db, std::int64_t id);

}  // namespace svc::detail
