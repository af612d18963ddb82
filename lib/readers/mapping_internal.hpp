#pragma once
// Internal to the mapping files (mapping.cpp, mapping_rules.cpp,
// mapping_values.cpp, mapping_source.cpp, mapping_check.cpp): the reader of a
// --map'ped export, shared by open_mapped and check_mapped. Not a public header.

#include <array>
#include <cctype>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "csv_reader.hpp"
#include "error.hpp"
#include "mapping.hpp"

namespace svc::mapping_detail {

// The regular expressions of a rules file ([patterns], when = matches): RE2,
// which matches in time linear in the value and never recurses, so that no
// cell of an export can crash or hang an import. Its syntax has no
// backreferences or lookaround (docs/mapping.md). The compiled program is
// bounded (kPatternMaxMem); a pattern past it is refused like a syntax error.
inline constexpr std::int64_t kPatternMaxMem = 1 << 20;
using Pattern = std::shared_ptr<const re2::RE2>;
// The compiled pattern, or null with `error` saying why RE2 refuses it.
Pattern compile_pattern(const std::string& text, bool fold_case, std::string& error);

// called per field: inline here, as it was within the one file
inline std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// The row→events engine (mapping_source.cpp); its value maps and conditions
// are in mapping_values.cpp.
class MappedSource : public RecordSource {
 public:
  MappedSource(const std::string& path, std::shared_ptr<const MapRules> rules, std::string display,
               const TimeZone& policy_tz);

  const std::string& name() const override { return name_; }
  std::string format() const override { return "map"; }
  std::vector<std::string> columns() const override { return header_; }
  std::uint64_t bytes_done() const override { return in_->position(); }
  std::uint64_t bytes_total() const override { return in_->size(); }
  std::vector<std::pair<std::string, std::string>> original() const override;

  bool next(RawRecord& r) override;

 private:
  template <class Find>
  void cond_cols(const MapRules::Condition& c, Find& find) {
    if (!cond_col_.count(c.column)) cond_col_[c.column] = find(c.column, c.line, "a condition");
    if ((c.op == MapRules::Condition::Before || c.op == MapRules::Condition::NotBefore) && !cond_col_.count(c.arg))
      cond_col_[c.arg] = find(c.arg, c.line, "a condition");
    if (c.op == MapRules::Condition::Matches && !cond_re_.count(c.arg)) cond_re_.emplace(c.arg, compiled(c.arg));
  }
  bool holds(const MapRules::Condition& c) const;
  bool all(const std::vector<MapRules::Condition>& when) const;
  // Whether an event of kind `k` may be derived from this row ([[only]]).
  bool allowed(EventKind k) const;
  std::vector<std::pair<std::string, std::uint64_t>> skipped_;

 public:
  std::vector<std::pair<std::string, std::uint64_t>> skipped() const override { return skipped_; }
  // --check: unmapped values, counted once per row.
  struct Seen {
    std::string source_column;
    std::vector<std::pair<std::string, std::uint64_t>> values;
    std::map<std::string, std::pair<size_t, std::uint64_t>> index;  // value → (position, last line)
  };
  mutable std::map<int, Seen> unmapped_;
  void note_unmapped(int ix, const std::string& v, int src = -1) const;
  const std::string& pending_error() const { return cur_.error; }
  const std::array<std::string, kColumnCount>& pending_columns() const { return cur_.col; }
  // Names the source column and value behind the first service-log column
  // the message speaks of ("type must be one of …" → column 'Kind' = '…').
  std::string explain(const std::string& message) const override;

 private:
  struct Row {
    std::uint64_t line = 0;
    std::vector<std::string> fields;
    std::string error;
  };
  struct Pending {
    std::array<std::string, kColumnCount> col;
    std::string error;
    const Row* row = nullptr;  // the source row it came from
  };
  bool read_row(Row& out);
  // Snapshot rows are read whole, then each ticket's rows in time order
  // (tickets in order of first appearance; equal or unreadable times keep
  // file order), so an export sorted otherwise gives the same events.
  void load_sorted();
  struct TicketState {
    bool seen = false;      // a row of this ticket was read
    std::string state;      // raw source state of the previous row
    bool paused = false;    // a `paused` was emitted and no `resumed` since
    bool created = false, responded = false;  // emitted once per ticket
    std::array<std::string, kColumnCount> last;  // on_change columns' previous values
  };

  std::string field(int src) const {
    if (src < 0 || size_t(src) >= row_->fields.size()) return "";
    return trim(row_->fields[size_t(src)]);
  }
  // std::regex_search's meaning (a match anywhere in the value), in linear time.
  static bool search(const std::string& v, const Pattern& re) { return re2::RE2::PartialMatch(v, *re); }
  // A pattern load_map_rules accepted (it refuses those RE2 does not compile).
  Pattern compiled(const std::string& text) const;
  static bool same_folded(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  }
  // Maps a source value of spec column `ix`: [values.COLUMN] (exactly, then
  // ignoring case when case_insensitive), [patterns.COLUMN] in file order,
  // [defaults]. False when nothing matched (`v` is then unchanged).
  bool lookup(int ix, std::string& v) const;
  bool has_map(int ix) const {
    return rules_->values.count(ix) || rules_->patterns.count(ix) || rules_->defaults.count(ix);
  }
  // The value of a spec column for this row: source column, value map, constant.
  std::string value(int ix) const;
  bool time_of(const std::string& raw, const char* what, std::string& out, std::string& err);
  // The time of an event of kind `k` on this row: its [times] column when that
  // cell is not empty, else `row_ts`. False with `err` when it does not parse.
  bool event_time(EventKind k, const std::string& row_ts, std::string& out, std::string& err);
  void emit(EventKind k, const std::string& row_ts, bool all_fields);
  void error(std::string m);

  // One state change's event on a snapshot ticket, never giving an invalid
  // sequence: a pause while paused and "" yield nothing; any other event
  // while paused is preceded by `resumed`; `created` and `responded` come at
  // most once per ticket.
  void step(TicketState& st, const std::string& ev, const std::string& ts);

  void map_row();

  std::unique_ptr<ByteSource> in_;
  CsvReader reader_;
  std::shared_ptr<const MapRules> rules_;
  std::string name_;
  TimeZone tz_;
  std::vector<std::string> header_;
  std::array<int, kColumnCount> src_col_{};
  int opened_ = -1, closed_ = -1, state_ = -1, completed_ = -1;
  std::map<EventKind, int> time_col_;
  std::map<std::string, int> cond_col_;
  std::map<std::string, Pattern> cond_re_;
  std::map<int, std::vector<std::pair<Pattern, std::string>>> regex_;
  const Row* row_ = nullptr;  // the row being mapped
  Row one_;                   // events and request rows: read one at a time
  std::vector<Row> rows_;     // snapshot rows: the whole file
  std::vector<size_t> order_;
  size_t next_row_ = 0;
  bool loaded_ = false;
  std::deque<Pending> queue_;
  Pending cur_;
  std::unordered_map<std::string, TicketState> tickets_;
};

}  // namespace svc::mapping_detail
