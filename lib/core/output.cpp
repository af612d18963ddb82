#include "output.hpp"
#include "free_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace svc {

std::string_view to_string(Format f) {
  switch (f) {
    case Format::Table: return "table";
    case Format::Csv: return "csv";
    case Format::Json: return "json";
    case Format::Html: return "html";
  }
  return "?";
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "table") return Format::Table;
  if (s == "csv") return Format::Csv;
  if (s == "json") return Format::Json;
  if (s == "html") return Format::Html;
  return std::nullopt;
}

namespace {
// Decodes one UTF-8 code point at s[i]; returns its length, or 0 when invalid.
size_t decode(std::string_view s, size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n;
  if (b < 0x80) return cp = b, 1;
  if ((b & 0xE0) == 0xC0) n = 2, cp = b & 0x1F;
  else if ((b & 0xF0) == 0xE0) n = 3, cp = b & 0x0F;
  else if ((b & 0xF8) == 0xF0) n = 4, cp = b & 0x07;
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  // reject overlong forms, surrogates and out-of-range values
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

int cp_width(char32_t c) {
  if (c == 0) return 0;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
  // combining marks
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0x20D0 && c <= 0x20FF))
    return 0;
  // East Asian Wide and Fullwidth
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
      (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
      (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}
}  // namespace

int display_width(std::string_view s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = decode(s, i, cp);
    if (n == 0) ++w, ++i;
    else w += cp_width(cp), i += n;
  }
  return w;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = decode(s, i, cp);
    if (n == 0) out += "\xEF\xBF\xBD", ++i;
    else out.append(s.substr(i, n)), i += n;
  }
  return out;
}

std::string format_cents(std::int64_t cents) {
  bool neg = cents < 0;
  std::uint64_t a = neg ? std::uint64_t(-(cents + 1)) + 1 : std::uint64_t(cents);
  return fmt::format("{}{}.{:02}", neg ? "-" : "", a / 100, a % 100);
}

std::optional<std::int64_t> parse_cents(std::string_view s) {
  bool neg = false;
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', i = 1;
  std::int64_t whole = 0, frac = 0;
  int fdigits = 0, wdigits = 0;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !dot) dot = true;
    else if (c >= '0' && c <= '9') {
      if (dot) {
        if (++fdigits > 2) return std::nullopt;
        frac = frac * 10 + (c - '0');
      } else {
        if (++wdigits > 15) return std::nullopt;
        whole = whole * 10 + (c - '0');
      }
    } else return std::nullopt;
  }
  if (!wdigits || (dot && !fdigits)) return std::nullopt;
  if (fdigits == 1) frac *= 10;
  std::int64_t v = whole * 100 + frac;
  return neg ? -v : v;
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  size_t from = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (size_t n = unsafe_char_at(s, i, false)) {
      out.append(s.substr(from, i - from)).append(describe_char(s, i, n));
      i += n - 1;
      from = i + 1;
    }
  if (from == 0) return sanitize_utf8(s);
  out.append(s.substr(from));
  return sanitize_utf8(out);
}

void TableWidths::fit(const std::vector<std::string>& row) {
  for (size_t c = 0; c < w.size() && c < row.size(); ++c) {
    const std::string& x = row[c];
    bool plain = std::none_of(x.begin(), x.end(), [](char ch) {
      unsigned char u = static_cast<unsigned char>(ch);
      return u < 0x20 || u == 0x7f || u == 0xC2 || u == 0xE2;
    });
    w[c] = std::max(w[c], display_width(plain ? x : terminal_safe(x)));
  }
}

void TableWidths::fit(const TableWidths& o) {
  for (size_t c = 0; c < w.size() && c < o.w.size(); ++c) w[c] = std::max(w[c], o.w[c]);
}

std::string table_line(const std::vector<std::string>& r, const TableWidths& widths, const std::vector<Align>& align) {
  const std::vector<int>& w = widths.w;
  const size_t ncol = w.size();
  std::string s;
  for (size_t c = 0; c < ncol; ++c) {
    std::string cell = c < r.size() ? terminal_safe(r[c]) : "";
    int pad = w[c] - display_width(cell);
    bool right = c < align.size() && align[c] == Align::Right;
    if (c) s += "  ";
    if (right) s.append(size_t(std::max(pad, 0)), ' ');
    s += cell;
    if (!right && c + 1 < ncol) s.append(size_t(std::max(pad, 0)), ' ');
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  s += '\n';
  return s;
}

std::string table_head(const Table& t, const TableWidths& w) {
  std::vector<std::string> rule;
  for (int x : w.w) rule.emplace_back(size_t(x), '-');
  return table_line(t.headers, w, t.align) + table_line(rule, w, t.align);
}

void write_table(std::ostream& out, const Table& t) {
  TableWidths w(t.headers);
  for (const auto& r : t.rows) w.fit(r);
  out << table_head(t, w);
  for (const auto& r : t.rows) out << table_line(r, w, t.align);
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += '"';
    o += c;
  }
  return o + "\"";
}

namespace {
bool g_csv_raw = false;

// -120.00, +3, 42, 0.5: a spreadsheet reads these as numbers, never as formulas
bool plain_number(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  size_t digits = 0, dots = 0;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') ++digits;
    else if (s[i] == '.' && ++dots == 1) continue;
    else return false;
  }
  return digits > 0;
}
}  // namespace

void set_csv_raw(bool raw) { g_csv_raw = raw; }
bool csv_raw() { return g_csv_raw; }

// OWASP's list of the characters that start a formula (or a DDE call)
// A lone "-" is the listings' mark for "none": text to a spreadsheet, never a formula.
static bool needs_guard(std::string_view s) {
  return !g_csv_raw && s != "-" && !s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos &&
         !plain_number(s);
}

std::string csv_guard(std::string_view s) { return needs_guard(s) ? "'" + std::string(s) : std::string(s); }

std::string csv_cell(std::string_view s) { return needs_guard(s) ? csv_field("'" + std::string(s)) : csv_field(s); }

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    out << csv_cell(fields[i]);
  }
  out << "\r\n";
}

void write_csv_data_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    out << csv_field(fields[i]);
  }
  out << "\r\n";
}

void write_csv(std::ostream& out, const Table& t) {
  write_csv_row(out, t.headers);
  for (const auto& r : t.rows) write_csv_row(out, r);
}

std::string json_escape(std::string_view in) {
  std::string s = sanitize_utf8(in);
  std::string o;
  o.reserve(s.size() + 2);
  o += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      case '\b': o += "\\b"; break;
      case '\f': o += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) o += fmt::format("\\u{:04x}", c);
        else o += char(c);
    }
  }
  o += '"';
  return o;
}

void JsonWriter::sep() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ << ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() { sep(); out_ << '{'; first_.push_back(true); return *this; }
JsonWriter& JsonWriter::end_object() { out_ << '}'; first_.pop_back(); return *this; }
JsonWriter& JsonWriter::begin_array() { sep(); out_ << '['; first_.push_back(true); return *this; }
JsonWriter& JsonWriter::end_array() { out_ << ']'; first_.pop_back(); return *this; }
JsonWriter& JsonWriter::key(std::string_view k) {
  sep();
  out_ << json_escape(k) << ':';
  after_key_ = true;
  return *this;
}
JsonWriter& JsonWriter::value(std::string_view s) { sep(); out_ << json_escape(s); return *this; }
JsonWriter& JsonWriter::value(std::int64_t n) { sep(); out_ << n; return *this; }
JsonWriter& JsonWriter::value(double d) {
  sep();
  if (!std::isfinite(d)) out_ << "null";
  else if (d == std::floor(d) && std::fabs(d) < 1e15) out_ << fmt::format("{:.1f}", d);
  else out_ << fmt::format("{}", d);
  return *this;
}
JsonWriter& JsonWriter::value(bool b) { sep(); out_ << (b ? "true" : "false"); return *this; }
JsonWriter& JsonWriter::null() { sep(); out_ << "null"; return *this; }
JsonWriter& JsonWriter::money(std::int64_t cents) { sep(); out_ << format_cents(cents); return *this; }
JsonWriter& JsonWriter::raw(std::string_view number) { sep(); out_ << number; return *this; }

std::string html_escape(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

}  // namespace svc
