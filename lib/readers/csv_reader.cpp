#include "csv_reader.hpp"

#include <fmt/format.h>

#include <cstring>

#include "error.hpp"

namespace svc {

namespace {
constexpr std::size_t kInitialBuffer = 1 << 20;
}

std::string utf8_problem(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    // fast path: 8 ASCII bytes without NUL at a time
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      bool ascii = (w & 0x8080808080808080ULL) == 0;
      bool zero = ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0;
      if (ascii && !zero) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c == 0) return "NUL byte";
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return fmt::format("invalid UTF-8 (byte 0x{:02x} at offset {})", c, i);
    if (i + len > n) return fmt::format("invalid UTF-8 (truncated sequence at offset {})", i);
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return fmt::format("invalid UTF-8 (byte 0x{:02x} at offset {})", p[i + k], i + k);
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return fmt::format("invalid UTF-8 (overlong or out-of-range sequence at offset {})", i);
    if (cp >= 0xD800 && cp <= 0xDFFF) return fmt::format("invalid UTF-8 (surrogate at offset {})", i);
    i += len;
  }
  return "";
}

void throw_record_too_long(const std::string& file, std::uint64_t line, bool csv) {
  throw DataError(fmt::format("{}: a record is too long to read, nothing stored", file),
                  {fmt::format("{}:{}: record longer than {} MiB{}", file, line, kMaxRecordBytes >> 20,
                               csv ? " (a quoted field whose closing '\"' is missing?)" : " (a line without its line end?)")});
}

CsvReader::CsvReader(ByteSource& src) : src_(src), buf_(kInitialBuffer) {}

bool CsvReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  std::size_t got = src_.read(buf_.data() + end_, buf_.size() - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  if (!started_) {
    // skip a UTF-8 byte order mark at the very start
    if (end_ < 3 && !eof_) {
      // need at least 3 bytes to decide: read on
      while (end_ < 3) {
        std::size_t more = src_.read(buf_.data() + end_, buf_.size() - end_);
        if (more == 0) {
          eof_ = true;
          break;
        }
        end_ += more;
      }
    }
    if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    started_ = true;
  }
  return true;
}

// Scans one record starting at pos_ without modifying the buffer.
CsvReader::Scan CsvReader::scan(CsvRecord& r, std::size_t& consumed, std::uint64_t& newlines) {
  const char* b = buf_.data();
  std::size_t p = pos_;
  spans_.clear();
  newlines = 0;
  r.error.clear();
  if (p == end_) return eof_ ? Scan::End : Scan::NeedMore;
  for (;;) {
    if (p < end_ && b[p] == '"') {
      std::size_t q = p + 1;
      bool escaped = false;
      std::size_t close;
      for (;;) {
        const void* f = std::memchr(b + q, '"', end_ - q);
        if (!f) {
          if (!eof_) return Scan::NeedMore;
          // unterminated: the rest of the input is this record
          for (std::size_t k = q; k < end_; ++k) newlines += b[k] == '\n';
          spans_.push_back({p + 1, end_ - p - 1, false});
          r.error = "unterminated quoted field (the closing '\"' is missing)";
          consumed = end_ - pos_;
          return Scan::Done;
        }
        std::size_t at = static_cast<const char*>(f) - b;
        if (at + 1 == end_ && !eof_) return Scan::NeedMore;
        if (at + 1 < end_ && b[at + 1] == '"') {
          escaped = true;
          q = at + 2;
          continue;
        }
        close = at;
        break;
      }
      for (std::size_t k = p + 1; k < close; ++k) newlines += b[k] == '\n';
      spans_.push_back({p + 1, close - p - 1, escaped});
      p = close + 1;
      if (p == end_) {
        if (!eof_) return Scan::NeedMore;
        consumed = p - pos_;
        return Scan::Done;
      }
      char c = b[p];
      if (c == ',') {
        ++p;
        continue;
      }
      if (c == '\n') {
        consumed = p + 1 - pos_;
        return Scan::Done;
      }
      if (c == '\r') {
        if (p + 1 == end_ && !eof_) return Scan::NeedMore;
        consumed = (p + 1 < end_ && b[p + 1] == '\n' ? p + 2 : p + 1) - pos_;
        return Scan::Done;
      }
      // text after the closing quote: bad record; skip to the end of the line
      const void* nl = std::memchr(b + p, '\n', end_ - p);
      if (!nl && !eof_) return Scan::NeedMore;
      r.error = fmt::format("unexpected character '{}' after a closing quote (quote the whole field, with \"\" for a quote)",
                            c);
      consumed = (nl ? static_cast<const char*>(nl) - b + 1 : end_) - pos_;
      return Scan::Done;
    }
    std::size_t s = p;
    while (p < end_) {
      char c = b[p];
      if (c == ',' || c == '\n' || c == '\r') break;
      ++p;
    }
    if (p == end_) {
      if (!eof_) return Scan::NeedMore;
      spans_.push_back({s, p - s, false});
      consumed = p - pos_;
      return Scan::Done;
    }
    spans_.push_back({s, p - s, false});
    char c = b[p];
    if (c == ',') {
      ++p;
      continue;
    }
    if (c == '\n') {
      consumed = p + 1 - pos_;
      return Scan::Done;
    }
    // '\r'
    if (p + 1 == end_ && !eof_) return Scan::NeedMore;
    consumed = (p + 1 < end_ && b[p + 1] == '\n' ? p + 2 : p + 1) - pos_;
    return Scan::Done;
  }
}

bool CsvReader::next(CsvRecord& r) {
  for (;;) {
    if (!started_ && !fill()) return false;
    std::size_t consumed = 0;
    std::uint64_t newlines = 0;
    Scan s = scan(r, consumed, newlines);
    if (s == Scan::NeedMore) {
      if (end_ - pos_ >= kMaxRecordBytes) throw_record_too_long(src_.name(), line_, true);
      fill();
      continue;
    }
    if (s == Scan::End) return false;
    r.line = line_;
    line_ += 1 + newlines;
    char* b = buf_.data();
    std::size_t start = pos_;
    pos_ += consumed;
    // a blank line is no record
    if (spans_.size() == 1 && spans_[0].len == 0 && r.error.empty() && b[start] != '"') continue;
    r.fields.clear();
    for (const Span& sp : spans_) {
      char* f = b + sp.begin;
      std::size_t len = sp.len;
      if (sp.escaped) {  // "" → " in place
        std::size_t w = 0;
        for (std::size_t i = 0; i < len; ++i) {
          f[w++] = f[i];
          if (f[i] == '"' && i + 1 < len && f[i + 1] == '"') ++i;
        }
        len = w;
      }
      r.fields.emplace_back(f, len);
    }
    check(r);
    return true;
  }
}

void CsvReader::check(CsvRecord& r) {
  if (!r.error.empty()) return;
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    std::string col = i < header_.size() ? fmt::format("column '{}'", header_[i]) : fmt::format("field {}", i + 1);
    if (r.fields[i].size() > kMaxFieldBytes) {
      r.error = fmt::format("field too long: {} has {} bytes (at most {})", col, r.fields[i].size(), kMaxFieldBytes);
      return;
    }
    std::string why = utf8_problem(r.fields[i]);
    if (!why.empty()) {
      r.error = fmt::format("{} in {}", why, col);
      return;
    }
  }
  if (!header_.empty() && r.fields.size() > header_.size())
    r.error = fmt::format("record has {} fields, the header has {}", r.fields.size(), header_.size());
}

bool CsvReader::read_header(std::vector<std::string>& names) {
  CsvRecord r;
  header_.clear();
  if (!next(r)) return false;
  if (!r.error.empty()) throw DataError(fmt::format("{}:{}: bad header: {}", src_.name(), r.line, r.error));
  names.clear();
  for (auto f : r.fields) {
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
    names.emplace_back(f);
  }
  header_ = names;
  return true;
}

}  // namespace svc
