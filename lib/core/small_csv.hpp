// A small RFC 4180 reader for master-data files (parts catalogue, stock-take
// sheets, outlets, engineers): the whole file is read at once, which is fine
// for files of a few thousand lines. Service logs go through the streaming
// import reader (csv_reader.hpp) instead.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace svc {

// (Not CsvRecord: that is the streaming reader's record, csv_reader.hpp.)
struct CsvRow {
  int line = 0;                     // physical line where the record starts (header = 1)
  std::vector<std::string> fields;  // in a CsvFile: as many as the header; missing trailing fields are ""
};

struct CsvFile {
  std::string name;                 // the path, for FILE:LINE messages
  std::vector<std::string> header;  // column names, trimmed of spaces
  std::vector<CsvRow> records;      // data records; blank lines are skipped
};

// The whole file as bytes. Throws NoInputError (66) when it cannot be read.
std::string read_text_file(const std::string& path);

// A field without its leading and trailing spaces and tabs.
std::string trim_blanks(std::string_view s);
// Whether a value holds a control character (C0, DEL, C1 or a bidi override:
// free_text.hpp unsafe_char_at): refused in names and ids.
bool has_control(std::string_view s);

// Splits `text` into RFC 4180 records, the header row included (a leading BOM
// is skipped, CRLF or LF, quoted fields may hold commas, "" and newlines;
// blank lines are skipped). Malformed quoting goes to `problems` as
// "NAME:LINE: message" and its record is dropped: an unterminated quoted field
// (reading stops there), text after a closing quote, a quote inside an
// unquoted field. Fields are as in the file (not trimmed, not checked for
// encoding).
std::vector<CsvRow> split_csv(std::string_view text, const std::string& name, std::vector<std::string>& problems);

// Reads a CSV file with a header row: UTF-8 (a leading BOM is skipped), CRLF or
// LF line ends, quoted fields with "" for a quote and embedded commas/newlines.
// Throws NoInputError (66) when the file cannot be read, and DataError (65)
// listing every "FILE:LINE: message" for an unterminated quote, a NUL byte,
// invalid UTF-8, a record with more fields than the header, or no header.
CsvFile read_small_csv(const std::string& path);
CsvFile parse_small_csv(const std::string& text, const std::string& name);

// Maps the header of `f` onto `known` column names: result[i] is the index in
// `known` of column i. Throws DataError for an unknown column ("did you mean"),
// a column named twice, or a missing column listed in `required`.
std::vector<int> map_columns(const CsvFile& f, const std::vector<std::string>& known,
                             const std::vector<std::string>& required);

}  // namespace svc
