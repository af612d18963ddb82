#include "digest.hpp"

#include <fmt/format.h>

#include <bit>
#include <limits>

#include "error.hpp"

namespace svc {

namespace {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(char((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(char(v));
}

[[noreturn]] void malformed() {
  throw StoreUnavailable("a ticket digest in the store is malformed; rebuild the projection with 'svc admin rebuild'");
}

std::uint64_t get_varint(const char*& p, const char* end) {
  if (p != end && !(static_cast<unsigned char>(*p) & 0x80)) return static_cast<unsigned char>(*p++);  // most are one byte
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) malformed();
    auto b = static_cast<unsigned char>(*p++);
    v |= std::uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  malformed();
}

}  // namespace

bool digest_keeps(EventKind k, Field f) {
  if (f == Field::Ref) return false;  // a void is held by its target's voided_at
  return f != Field::Note || k == EventKind::Complaint;
}

void append_digest_fragment(std::string& out, const Event& e) {
  std::uint32_t mask = 0;
  for (int i = 0; i < kFieldCount; ++i)
    if (!e.f[std::size_t(i)].empty() && digest_keeps(e.kind, Field(i))) mask |= 1u << i;
  put_varint(out, std::uint64_t(e.kind));
  put_varint(out, mask);
  for (int i = 0; i < kFieldCount; ++i)
    if (mask & (1u << i)) {
      const std::string& v = e.f[std::size_t(i)];
      put_varint(out, v.size());
      out += v;
    }
}

void append_digest_event(std::string& out, Instant ts, Instant prev_ts, std::string_view fragment, Instant voided_at) {
  const std::int64_t d = ts - prev_ts;
  const std::uint64_t zz = (std::uint64_t(d) << 1) ^ std::uint64_t(d >> 63);  // zigzag
  const bool voided = voided_at != kNotVoided;
  put_varint(out, zz << 1 | std::uint64_t(voided));
  if (voided) put_varint(out, std::uint64_t(voided_at - ts));  // a void is never earlier than its target
  out += fragment;
}

std::string encode_digest(const std::vector<Event>& events) {
  std::string out;
  out.reserve(events.size() * 24);
  Instant prev = 0;
  std::string frag;
  for (const Event& e : events) {
    frag.clear();
    append_digest_fragment(frag, e);
    append_digest_event(out, e.ts, prev, frag, e.voided_at);
    prev = e.ts;
  }
  return out;
}

const char* decode_digest_fragment(const char* p, const char* end, DigestItem& e) {
  const std::uint64_t kind = get_varint(p, end);
  if (kind >= std::uint64_t(kEventKindCount)) malformed();
  e.kind = EventKind(kind);
  const std::uint64_t mask = get_varint(p, end);
  if (mask >> kFieldCount) malformed();
  e.f.fill({});
  for (std::uint64_t m = mask; m; m &= m - 1) {  // the present attributes, in Field order
    const int i = std::countr_zero(m);
    const std::uint64_t n = get_varint(p, end);
    if (n > std::uint64_t(end - p)) malformed();
    e.f[std::size_t(i)] = std::string_view(p, std::size_t(n));
    p += n;
  }
  return p;
}

// An item's kind and attributes into a (reused) Event.
static void assign_item(Event& e, const DigestItem& it) {
  e.kind = it.kind;
  for (int i = 0; i < kFieldCount; ++i) {
    const std::string_view v = it.f[std::size_t(i)];
    std::string& to = e.f[std::size_t(i)];
    if (!v.empty()) to.assign(v);
    else if (!to.empty()) to.clear();  // most attributes are absent: no call for those
  }
}

const char* decode_digest_fragment(const char* p, const char* end, Event& e) {
  DigestItem it;
  p = decode_digest_fragment(p, end, it);
  assign_item(e, it);
  return p;
}

bool DigestCursor::next(DigestItem& e) {
  if (p_ == end_) return false;
  const std::uint64_t v = get_varint(p_, end_);
  const std::uint64_t z = v >> 1;
  ts_ += std::int64_t(z >> 1) ^ -std::int64_t(z & 1);
  e.ts = ts_;
  e.voided_at = kNotVoided;
  if (v & 1) {
    const std::uint64_t after = get_varint(p_, end_);
    if (after > std::uint64_t(INT64_MAX - ts_)) malformed();
    e.voided_at = ts_ + Instant(after);
  }
  p_ = decode_digest_fragment(p_, end_, e);
  return true;
}

void decode_digest(std::string_view blob, const std::string& ticket, Instant as_of, std::vector<Event>& out) {
  DigestCursor c(blob);
  DigestItem it;
  std::size_t n = 0;
  while (c.next(it)) {
    if (!counts_at(it.ts, it.kind, it.voided_at, as_of)) continue;
    if (n == out.size()) out.emplace_back();
    Event& e = out[n++];
    e.id.clear();
    e.seq = 0;
    e.ticket = ticket;
    e.ts = it.ts;
    e.voided_at = it.voided_at;
    assign_item(e, it);
  }
  out.resize(n);
}

}  // namespace svc
