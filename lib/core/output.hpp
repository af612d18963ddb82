// Output formats shared by every listing and report: aligned tables (by
// display width, CJK = 2 columns), RFC 4180 CSV, and a streaming JSON writer.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace svc {

enum class Format { Table, Csv, Json, Html };
std::string_view to_string(Format f);
std::optional<Format> parse_format(std::string_view s);

// Terminal columns a UTF-8 string occupies (East Asian Wide/Fullwidth = 2,
// combining marks = 0). Invalid bytes count as one column each.
int display_width(std::string_view s);
// Replaces invalid UTF-8 sequences with U+FFFD.
std::string sanitize_utf8(std::string_view s);
// A table cell as a terminal may show it: sanitize_utf8, and every character
// that could move the cursor, recolour or reorder the screen (a C0 control,
// LF and TAB too, DEL, C1, a bidi override: free_text.hpp) as an escape
// ("\x1B", "\n", "U+202E"). What an old store holds from before free text was
// checked cannot rewrite what a reader sees.
std::string terminal_safe(std::string_view s);

// "3000.00", "-12.05"
std::string format_cents(std::int64_t cents);
// Parses "12", "12.5", "12.50" (at most 2 places) into cents.
std::optional<std::int64_t> parse_cents(std::string_view s);

enum class Align { Left, Right };

struct Table {
  std::vector<std::string> headers;
  std::vector<Align> align;  // per column; missing = Left
  std::vector<std::vector<std::string>> rows;
  void add(std::vector<std::string> row) { rows.push_back(std::move(row)); }
};
// Aligned columns separated by two spaces, a header line and a rule.
void write_table(std::ostream& out, const Table& t);
// The same in parts, for a listing too long to hold: the column widths (by
// display width) fitted to the headers and every row first, then each line.
struct TableWidths {
  std::vector<int> w;
  explicit TableWidths(const std::vector<std::string>& headers) : w(headers.size(), 0) { fit(headers); }
  void fit(const std::vector<std::string>& row);
  void fit(const TableWidths& o);
};
// The header line and the rule under it; one line (with its '\n').
std::string table_head(const Table& t, const TableWidths& w);
std::string table_line(const std::vector<std::string>& row, const TableWidths& w, const std::vector<Align>& align);
// RFC 4180: CRLF line ends, fields quoted when they hold , " CR or LF.
// Listings and reports (write_csv_row, write_csv, csv_cell) guard against
// spreadsheet formula injection: a cell that starts with = + - @ TAB or CR
// and is not a plain number (-120.00 stays a number) gets a leading ' so that
// a spreadsheet shows it as text instead of running it (docs/reports.md "CSV
// and spreadsheets"). set_csv_raw(true) (svc --csv-raw, SVC_CSV_RAW=1) turns
// that off for machine pipelines. Data files that svc reads back (the reject
// file, a mapped log) are written raw: write_csv_data_row, csv_field.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);
void write_csv(std::ostream& out, const Table& t);
void write_csv_data_row(std::ostream& out, const std::vector<std::string>& fields);
std::string csv_field(std::string_view s);   // quoted as needed, never altered
std::string csv_cell(std::string_view s);    // csv_field of csv_guard
std::string csv_guard(std::string_view s);   // the ' prefix above (unless raw)
void set_csv_raw(bool raw);
bool csv_raw();

// A streaming JSON writer. Keys and strings are escaped and made valid UTF-8.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(std::int64_t(n)); }
  JsonWriter& value(double d);  // shortest round-trip form; non-finite → null
  JsonWriter& value(bool b);
  JsonWriter& null();
  JsonWriter& money(std::int64_t cents);      // number with 2 decimals: 3000.00
  JsonWriter& raw(std::string_view number);   // a pre-formatted JSON number
  template <class T>
  JsonWriter& value(const std::optional<T>& v) { return v ? value(*v) : null(); }
  template <class T>
  JsonWriter& field(std::string_view k, const T& v) { key(k); return value(v); }
  void newline() { out_ << '\n'; }

 private:
  void sep();
  std::ostream& out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};
std::string json_escape(std::string_view s);

// HTML text escaping (& < > " ').
std::string html_escape(std::string_view s);

}  // namespace svc
