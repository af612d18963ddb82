#include "small_csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "error.hpp"
#include "output.hpp"

namespace svc {

CsvFile read_small_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NoInputError(fmt::format("cannot read '{}'", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_small_csv(ss.str(), path);
}

CsvFile parse_small_csv(const std::string& text, const std::string& name) {
  CsvFile f;
  f.name = name;
  std::vector<std::string> problems;
  size_t i = 0, n = text.size();
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  int line = 1;
  bool have_header = false;
  while (i < n) {
    int start_line = line;
    std::vector<std::string> fields;
    std::string cur;
    bool quoted_any = false, bad = false;
    // one record
    for (;;) {
      if (i < n && text[i] == '"') {
        quoted_any = true;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') cur += '"', ++i;
            else { closed = true; break; }
          } else {
            if (c == '\n') ++line;
            cur += c;
          }
        }
        if (!closed) {
          problems.push_back(fmt::format("{}:{}: unterminated quoted field", name, start_line));
          bad = true;
          i = n;
        }
        // text after the closing quote up to the separator is kept as is
      }
      while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') cur += text[i++];
      fields.push_back(std::move(cur));
      cur.clear();
      if (i < n && text[i] == ',') { ++i; continue; }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      break;
    }
    if (bad) break;
    if (!quoted_any && fields.size() == 1 && fields[0].empty()) continue;  // blank line
    for (auto& fl : fields) {
      if (fl.find('\0') != std::string::npos) {
        problems.push_back(fmt::format("{}:{}: NUL byte in a field", name, start_line));
        bad = true;
        break;
      }
      if (sanitize_utf8(fl) != fl) {
        problems.push_back(fmt::format("{}:{}: invalid UTF-8", name, start_line));
        bad = true;
        break;
      }
    }
    if (bad) continue;
    if (!have_header) {
      for (auto& h : fields) {
        auto a = h.find_first_not_of(' '), b = h.find_last_not_of(' ');
        f.header.push_back(a == std::string::npos ? "" : h.substr(a, b - a + 1));
      }
      have_header = true;
      continue;
    }
    if (fields.size() > f.header.size()) {
      problems.push_back(fmt::format("{}:{}: {} fields, but the header names {} columns", name, start_line,
                                     fields.size(), f.header.size()));
      continue;
    }
    fields.resize(f.header.size());
    f.records.push_back({start_line, std::move(fields)});
  }
  if (!have_header && problems.empty()) problems.push_back(fmt::format("{}:1: no header row (the file is empty)", name));
  if (!problems.empty())
    throw DataError(fmt::format("'{}' has {} problem{}", name, problems.size(), problems.size() == 1 ? "" : "s"),
                    problems);
  return f;
}

std::vector<int> map_columns(const CsvFile& f, const std::vector<std::string>& known,
                             const std::vector<std::string>& required) {
  std::vector<std::string> problems;
  std::vector<int> idx;
  std::vector<bool> seen(known.size());
  for (const auto& h : f.header) {
    auto it = std::find(known.begin(), known.end(), h);
    if (it == known.end()) {
      std::string hint = nearest(h, known);
      problems.push_back(fmt::format("{}:1: unknown column '{}'{}", f.name, h,
                                     hint.empty() ? fmt::format(" (known: {})", fmt::join(known, ", "))
                                                  : fmt::format(" (did you mean '{}'?)", hint)));
      idx.push_back(-1);
      continue;
    }
    size_t k = size_t(it - known.begin());
    if (seen[k]) problems.push_back(fmt::format("{}:1: column '{}' named twice", f.name, h));
    seen[k] = true;
    idx.push_back(int(k));
  }
  for (const auto& r : required) {
    size_t k = size_t(std::find(known.begin(), known.end(), r) - known.begin());
    if (k < known.size() && !seen[k]) problems.push_back(fmt::format("{}:1: missing column '{}'", f.name, r));
  }
  if (!problems.empty())
    throw DataError(fmt::format("'{}' has {} problem{}", f.name, problems.size(), problems.size() == 1 ? "" : "s"),
                    problems);
  return idx;
}

}  // namespace svc
