#include "jsonl_reader.hpp"

#include <fmt/format.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "csv_reader.hpp"  // utf8_problem

namespace svc {

namespace {

// SAX handler: accepts exactly one flat object of strings and numbers.
struct FlatObject : nlohmann::json_sax<nlohmann::json> {
  JsonlRecord& r;
  int depth = 0;
  bool top_object = false;
  std::string key_;
  explicit FlatObject(JsonlRecord& rec) : r(rec) {}

  bool fail(std::string why) {
    if (r.error.empty()) r.error = std::move(why);
    return false;
  }
  bool put(std::string v) {
    if (depth != 1) return fail("the line is not a JSON object");
    for (const auto& kv : r.values)
      if (kv.first == key_) return fail(fmt::format("key '{}' appears twice", key_));
    r.values.emplace_back(key_, std::move(v));
    return true;
  }
  bool null() override {
    if (depth != 1) return fail("the line is not a JSON object");
    return true;  // null = absent
  }
  bool boolean(bool) override {
    if (depth != 1) return fail("the line is not a JSON object");
    return fail(fmt::format("value of '{}' is a boolean (only strings and numbers are allowed)", key_));
  }
  bool number_integer(number_integer_t v) override { return put(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& s) override { return put(s); }
  bool string(string_t& s) override { return put(std::move(s)); }
  bool binary(binary_t&) override { return fail("binary values are not allowed"); }
  bool start_object(std::size_t) override {
    if (depth == 0) {
      top_object = true;
      ++depth;
      return true;
    }
    return fail(fmt::format("value of '{}' is an object (only strings and numbers are allowed)", key_));
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool end_object() override {
    --depth;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth == 0) return fail("the line is not a JSON object (it is an array)");
    return fail(fmt::format("value of '{}' is an array (only strings and numbers are allowed)", key_));
  }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& ex) override {
    std::string m = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: …"
    if (auto p = m.find("] "); p != std::string::npos) m = m.substr(p + 2);
    if (auto p = m.find("at line 1, "); p != std::string::npos) m.erase(p, 11);
    return fail("bad JSON: " + m);
  }
};

}  // namespace

JsonlReader::JsonlReader(ByteSource& src) : src_(src), buf_(1 << 20) {}

bool JsonlReader::fill() {
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
  return true;
}

bool JsonlReader::next(JsonlRecord& r) {
  for (;;) {
    const char* nl = nullptr;
    for (;;) {
      if (pos_ < end_) nl = static_cast<const char*>(std::memchr(buf_.data() + pos_, '\n', end_ - pos_));
      if (nl || eof_) break;
      if (end_ - pos_ >= kMaxRecordBytes) throw_record_too_long(src_.name(), line_ + 1, false);
      fill();
    }
    if (!started_) {
      started_ = true;
      if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) {
        pos_ += 3;
        continue;
      }
    }
    if (!nl && pos_ == end_) return false;
    std::size_t stop = nl ? std::size_t(nl - buf_.data()) : end_;
    std::string_view line(buf_.data() + pos_, stop - pos_);
    pos_ = nl ? stop + 1 : end_;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    r.line = line_;
    r.text.assign(line);
    r.values.clear();
    r.error.clear();
    std::string bad = utf8_problem(line);
    if (!bad.empty()) {
      r.error = bad;
      return true;
    }
    FlatObject h(r);
    bool ok = nlohmann::json::sax_parse(line.begin(), line.end(), &h);
    if (ok && !h.top_object && r.error.empty()) r.error = "the line is not a JSON object";
    if (!ok && r.error.empty()) r.error = "bad JSON";
    if (r.error.empty())
      for (const auto& kv : r.values) {
        if (kv.second.size() > kMaxFieldBytes) {
          r.error = fmt::format("field too long: '{}' has {} bytes (at most {})", kv.first, kv.second.size(),
                                kMaxFieldBytes);
          break;
        }
        std::string why = utf8_problem(kv.second);
        if (!why.empty()) {
          r.error = fmt::format("{} in '{}'", why, kv.first);
          break;
        }
      }
    return true;
  }
}

}  // namespace svc
