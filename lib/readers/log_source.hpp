// Where import reads records from: a native CSV or JSON Lines service log
// (docs/format.md), or another system's export read through a
// mapping (mapping.hpp). Each record arrives as raw text per spec column.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "event.hpp"
#include "input.hpp"

namespace svc {

// Spec columns in column_names() order: id, ts, ticket, event, then the Fields.
constexpr int kColumnCount = 4 + kFieldCount;
constexpr int kColId = 0, kColTs = 1, kColTicket = 2, kColEvent = 3;
constexpr int kColDue = 4 + static_cast<int>(Field::Due);
constexpr int col_of(Field f) { return 4 + static_cast<int>(f); }
// A column that import accepts and ignores: the `reason` a reject file adds,
// so that a corrected reject file can be imported as it is.
constexpr std::string_view kReasonColumn = "reason";

struct RawRecord {
  std::uint64_t line = 0;                          // physical line where it starts
  std::array<std::string_view, kColumnCount> col;  // "" = absent; valid until the next next()
  std::string error;                               // a problem found while reading: the record is bad
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual const std::string& name() const = 0;
  // The next record; false at the end. File-level problems (an unknown column
  // in a CSV header, a bad mapping) throw DataError.
  virtual bool next(RawRecord& r) = 0;
  // The record last returned by next() as it came in: (source column, value).
  virtual std::vector<std::pair<std::string, std::string>> original() const = 0;
  // The source's columns in order (a CSV header); empty for JSON Lines.
  virtual std::vector<std::string> columns() const = 0;
  // JSON Lines: the line last returned, as it came in; "" otherwise.
  virtual std::string raw_line() const { return ""; }
  virtual std::string format() const = 0;  // "csv", "jsonl", "map"
  virtual std::uint64_t bytes_done() const = 0;
  virtual std::uint64_t bytes_total() const = 0;
  // Rows a mapping skipped on purpose (its [[skip]] rules): reason → count.
  virtual std::vector<std::pair<std::string, std::uint64_t>> skipped() const { return {}; }
  // A problem with the record last returned, in the source's own terms (a
  // mapping names the source column and value a field came from).
  virtual std::string explain(const std::string& message) const { return message; }
};

// Opens a native log. `format` is "csv", "jsonl", or "" to take it from the
// extension (UsageError when neither says). `display` names the file in messages.
std::unique_ptr<RecordSource> open_log(const std::string& path, const std::string& format,
                                       const std::string& display = "");

// "unknown column 'urgncy' (did you mean 'urgency'?)"
std::string unknown_column_message(const std::string& name);

}  // namespace svc
