#include "ticket_id.hpp"

#include <fmt/format.h>

#include "error.hpp"

namespace svc {

namespace {

bool literal_ok(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

// Walks the pattern: calls tok(name, width) for each token and lit(c) for each
// literal character; returns a problem or "".
template <class Tok, class Lit>
std::string walk(std::string_view p, Tok tok, Lit lit) {
  int seqs = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '{') {
      auto end = p.find('}', i);
      if (end == std::string_view::npos) return fmt::format("'{{' at position {} is not closed", i + 1);
      std::string_view name = p.substr(i + 1, end - i - 1);
      int width = 1;
      if (name.rfind("seq", 0) == 0) {
        if (name.size() > 3) {
          // {seq:N} or {seq:0N}: at least N digits, zero-padded
          std::string_view n = name.substr(3);
          bool ok = n.size() >= 2 && n[0] == ':';
          if (ok) {
            n.remove_prefix(1);
            if (n.size() == 2 && n[0] == '0') n.remove_prefix(1);
            ok = n.size() == 1 && n[0] >= '1' && n[0] <= '9';
          }
          if (!ok) return fmt::format("bad token '{{{}}}': the sequence is {{seq}} or {{seq:N}} with N from 1 to 9", name);
          width = n[0] - '0';
        }
        name = "seq";
        ++seqs;
      } else if (name != "yyyy" && name != "yy" && name != "mm" && name != "dd" && name != "yyyymmdd") {
        return fmt::format("unknown token '{{{}}}' (known: {{yyyy}} {{yy}} {{mm}} {{dd}} {{yyyymmdd}} {{seq:N}})", name);
      }
      tok(name, width);
      i = end;
    } else if (!literal_ok(c)) {
      return fmt::format("character '{}' cannot be part of a ticket id ([A-Za-z0-9._-])", c);
    } else {
      lit(c);
    }
  }
  if (seqs != 1) return fmt::format("needs exactly one {{seq}} or {{seq:N}} token, has {}", seqs);
  return "";
}

}  // namespace

std::string check_id_pattern(std::string_view pattern) {
  std::size_t len = 0;
  std::string why = walk(
      pattern, [&](std::string_view name, int width) { len += name == "yyyymmdd" ? 8 : name == "yyyy" ? 4 : name == "seq" ? std::size_t(width) : 2; },
      [&](char) { ++len; });
  if (why.empty() && len > 56) why = "ids made from it would be too long (at most 64 characters, leave room for the sequence)";
  return why;
}

IdTemplate expand_id_pattern(std::string_view pattern, Day d) {
  int y;
  unsigned m, dd;
  civil_from_days(d, y, m, dd);
  IdTemplate t;
  bool after = false;
  auto put = [&](const std::string& s) { (after ? t.suffix : t.prefix) += s; };
  std::string why = walk(
      pattern,
      [&](std::string_view name, int width) {
        if (name == "seq") after = true, t.width = width;
        else if (name == "yyyymmdd") put(fmt::format("{:04}{:02}{:02}", y, m, dd));
        else if (name == "yyyy") put(fmt::format("{:04}", y));
        else if (name == "yy") put(fmt::format("{:02}", ((y % 100) + 100) % 100));
        else if (name == "mm") put(fmt::format("{:02}", m));
        else put(fmt::format("{:02}", dd));
      },
      [&](char c) { put(std::string(1, c)); });
  if (!why.empty()) throw DataError(fmt::format("tickets.id_pattern '{}': {}", pattern, why));
  return t;
}

std::string IdTemplate::make(std::int64_t n) const {
  return fmt::format("{}{:0{}}{}", prefix, n, width, suffix);
}

std::optional<std::int64_t> IdTemplate::seq_of(std::string_view id) const {
  if (id.size() < prefix.size() + suffix.size() + 1) return std::nullopt;
  if (id.substr(0, prefix.size()) != prefix || id.substr(id.size() - suffix.size()) != suffix) return std::nullopt;
  std::string_view digits = id.substr(prefix.size(), id.size() - prefix.size() - suffix.size());
  if (digits.size() < std::size_t(width) || digits.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string next_ticket_id(const IdTemplate& t, const std::vector<std::string>& existing) {
  std::int64_t top = 0;
  for (const auto& id : existing)
    if (auto n = t.seq_of(id)) top = std::max(top, *n);
  return t.make(top + 1);
}

}  // namespace svc
