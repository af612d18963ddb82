#include "small_csv.hpp"
#include "free_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "error.hpp"
#include "output.hpp"

namespace svc {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NoInputError(fmt::format("cannot read '{}': no such file or not readable", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw NoInputError(fmt::format("cannot read '{}'", path));
  return ss.str();
}

std::vector<CsvRow> split_csv(std::string_view text, const std::string& name, std::vector<std::string>& problems) {
  std::vector<CsvRow> out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t i = 0;
  int line = 1;
  auto at_separator = [&] { return i >= text.size() || text[i] == ',' || text[i] == '\n' || text[i] == '\r'; };
  while (i < text.size()) {
    CsvRow rec;
    rec.line = line;
    std::string field;
    bool bad = false, quoted_any = false;
    for (;;) {
      if (i < text.size() && text[i] == '"') {
        quoted_any = true;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') field += '"', ++i;
            else { closed = true; break; }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (!closed) {
          problems.push_back(fmt::format("{}:{}: unterminated quoted field (a '\"' is missing)", name, rec.line));
          return out;
        }
        if (!at_separator()) {
          if (!bad)
            problems.push_back(fmt::format("{}:{}: text after a closing quote (a quote inside a quoted field must be "
                                           "doubled: \"\")", name, line));
          bad = true;
          while (!at_separator()) ++i;
        }
      } else {
        while (!at_separator()) {
          if (text[i] == '"' && !bad) {
            problems.push_back(fmt::format("{}:{}: a quote inside an unquoted field (quote the whole field and double "
                                           "the quote: \"\")", name, line));
            bad = true;
          }
          field += text[i++];
        }
      }
      rec.fields.push_back(std::move(field));
      field.clear();
      if (i >= text.size()) break;
      if (text[i] == ',') { ++i; continue; }
      if (text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') ++i;
      ++line;
      break;
    }
    bool blank = !quoted_any && rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank && !bad) out.push_back(std::move(rec));
  }
  return out;
}

CsvFile read_small_csv(const std::string& path) { return parse_small_csv(read_text_file(path), path); }

CsvFile parse_small_csv(const std::string& text, const std::string& name) {
  CsvFile f;
  f.name = name;
  std::vector<std::string> problems, quoting;
  bool have_header = false;
  for (CsvRow& rec : split_csv(text, name, quoting)) {
    bool bad = false;
    for (auto& fl : rec.fields) {
      if (fl.find('\0') != std::string::npos) {
        problems.push_back(fmt::format("{}:{}: NUL byte in a field", name, rec.line));
        bad = true;
        break;
      }
      if (sanitize_utf8(fl) != fl) {
        problems.push_back(fmt::format("{}:{}: invalid UTF-8", name, rec.line));
        bad = true;
        break;
      }
    }
    if (bad) continue;
    if (!have_header) {
      for (auto& h : rec.fields) {
        auto a = h.find_first_not_of(' '), b = h.find_last_not_of(' ');
        f.header.push_back(a == std::string::npos ? "" : h.substr(a, b - a + 1));
      }
      have_header = true;
      continue;
    }
    if (rec.fields.size() > f.header.size()) {
      problems.push_back(fmt::format("{}:{}: {} fields, but the header names {} columns", name, rec.line,
                                     rec.fields.size(), f.header.size()));
      continue;
    }
    rec.fields.resize(f.header.size());
    f.records.push_back(std::move(rec));
  }
  // every problem in line order
  auto line_of = [&](const std::string& p) { return std::atol(p.c_str() + std::min(p.size(), name.size() + 1)); };
  problems.insert(problems.end(), quoting.begin(), quoting.end());
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const std::string& a, const std::string& b) { return line_of(a) < line_of(b); });
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

std::string trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool has_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (unsafe_char_at(s, i, false)) return true;  // the free-text rule's characters (free_text.hpp)
  return false;
}

}  // namespace svc
