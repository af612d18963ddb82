#include "free_text.hpp"

#include <fmt/format.h>

#include "error.hpp"

namespace svc {

std::size_t unsafe_char_at(std::string_view s, std::size_t i, bool lines) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x20) return lines && (c == '\n' || c == '\t') ? 0 : 1;
  if (c == 0x7f) return 1;
  if (c == 0xC2 && i + 1 < s.size()) {  // U+0080-U+009F
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d >= 0x80 && d <= 0x9f) return 2;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[i + 1]), e = static_cast<unsigned char>(s[i + 2]);
    if (d == 0x80 && e >= 0xAA && e <= 0xAE) return 3;  // U+202A-U+202E
    if (d == 0x81 && e >= 0xA6 && e <= 0xA9) return 3;  // U+2066-U+2069
  }
  return 0;
}

std::string describe_char(std::string_view s, std::size_t i, std::size_t len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (len == 1) {
    switch (c) {
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      default: return fmt::format("\\x{:02X}", c);
    }
  }
  if (len == 2) return fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i + 1]));  // C1: its code point
  char32_t cp = (char32_t(c & 0x0f) << 12) | (char32_t(s[i + 1] & 0x3f) << 6) | char32_t(s[i + 2] & 0x3f);
  return fmt::format("U+{:04X}", static_cast<unsigned>(cp));
}

std::string text_problem(std::string_view v, TextForm form) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (std::size_t n = unsafe_char_at(v, i, form == TextForm::Lines))
      return fmt::format("must not hold control characters ({} at byte {}){}", describe_char(v, i, n), i + 1,
                         form == TextForm::Line ? ": one line of plain text" : "");
  return "";
}

bool blank_text(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') continue;
    if (v.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

void check_text(std::string_view what, std::string_view v, TextForm form) {
  if (std::string p = text_problem(v, form); !p.empty()) throw DataError(fmt::format("{} {}", what, p));
}

void check_reason(std::string_view what, std::string_view v, TextForm form) {
  if (blank_text(v)) throw DataError(fmt::format("{} must say why: it is empty or only blanks", what));
  check_text(what, v, form);
}

}  // namespace svc
