#include "error.hpp"

#include <algorithm>

namespace svc {

int exit_code(ErrorKind k) noexcept {
  switch (k) {
    case ErrorKind::Findings: return kExitFindings;
    case ErrorKind::Usage: return kExitUsage;
    case ErrorKind::Partial: return kExitPartial;
    case ErrorKind::Data: return kExitDataErr;
    case ErrorKind::NotFound: return kExitNotFound;
    case ErrorKind::Unavailable: return kExitUnavailable;
    case ErrorKind::Internal: return kExitSoftware;
    case ErrorKind::Busy: return kExitTempFail;
  }
  return kExitSoftware;
}

const std::vector<ExitCodeRow>& exit_code_table() {
  static const std::vector<ExitCodeRow> t = {
      {kExitOk, "ok"},
      {exit_code(ErrorKind::Findings), "findings"},
      {exit_code(ErrorKind::Usage), "usage"},
      {exit_code(ErrorKind::Partial), "partly stored"},
      {exit_code(ErrorKind::Data), "bad input data"},
      {exit_code(ErrorKind::NotFound), "not found"},
      {exit_code(ErrorKind::Unavailable), "store unusable"},
      {exit_code(ErrorKind::Internal), "internal error"},
      {exit_code(ErrorKind::Busy), "store busy"},
  };
  return t;
}

// Code points of UTF-8 text (a byte that does not start a valid sequence counts
// as one unit), so that a typo in a CJK name is one edit, not three.
static std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3F);
    }
    if (!ok) n = 1, cp = 0x110000 + b;  // invalid byte: a unit of its own
    out += cp;
    i += n;
  }
  return out;
}

static size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = SIZE_MAX;
  const std::u32string w = code_points(word);
  for (const auto& c : candidates) {
    size_t d = edit_distance(w, code_points(c));
    // a prefix ("rep" for "report") is a good guess too
    if (c.rfind(word, 0) == 0 && !word.empty()) d = std::min<size_t>(d, 1);
    if (d < best_d) best_d = d, best = c;
  }
  // a word of one or two characters is only a typo of one edit away
  size_t limit = w.size() <= 2 ? 1 : std::max<size_t>(2, w.size() / 3);
  return best_d <= limit ? best : std::string();
}

std::string unknown_name_message(const std::string& what, const std::string& name,
                                 const std::vector<std::string>& candidates) {
  std::string hint = nearest(name, candidates);
  return "unknown " + what + " '" + name + "'" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)");
}

}  // namespace svc
