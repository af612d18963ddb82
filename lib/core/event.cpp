#include "event.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "error.hpp"
#include "free_text.hpp"

namespace svc {

namespace {
constexpr std::array<std::string_view, kEventKindCount> kKindNames = {
    "created", "responded", "dispatched", "arrived", "completed", "signed",  "rejected", "reopened",
    "followed_up", "paused", "resumed", "complaint", "part_used", "fee", "cancelled", "closed", "voided"};
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "type", "urgency", "channel", "region", "outlet", "customer", "product", "purchased", "distance_km",
    "engineer", "satisfaction", "responsible", "part", "qty", "amount", "approved", "labor_hours", "note",
    "serial", "ref", "due"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

template <size_t N>
std::string join(const std::array<std::string_view, N>& set) {
  std::string out;
  for (auto s : set) {
    if (!out.empty()) out += '|';
    out.append(s);
  }
  return out;
}

// A plain decimal: digits, optional '.', digits; optional leading '-'.
bool parse_decimal(std::string_view s, double& out) {
  if (s.empty() || s.size() > 32) return false;
  size_t i = 0, digits = 0;
  if (s[0] == '-' || s[0] == '+') ++i;
  bool dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] == '.' && !dot) dot = true;
    else if (s[i] >= '0' && s[i] <= '9') ++digits;
    else return false;
  }
  if (!digits) return false;
  auto r = std::from_chars(s.data() + (s[0] == '+'), s.data() + s.size(), out);
  return r.ec == std::errc() && std::isfinite(out);
}

// The shortest round-trip decimal, always in plain notation ("0.00001", never
// "1e-05", which is not a decimal the format accepts back).
std::string shortest(double v) {
  if (v == 0) return "0";
  std::string s = fmt::format("{}", v);
  size_t e = s.find('e');
  if (e == std::string::npos) return s;
  std::string sign = s[0] == '-' ? "-" : "";
  std::string mant = s.substr(sign.size(), e - sign.size());
  int exp = std::stoi(s.substr(e + 1));
  std::string digits;
  int point = 0;  // digits before the decimal point in `mant`
  for (char c : mant) {
    if (c == '.') point = int(digits.size());
    else digits += c;
  }
  if (mant.find('.') == std::string::npos) point = int(digits.size());
  point += exp;
  std::string out = sign;
  if (point <= 0) {
    out.append("0.").append(size_t(-point), '0').append(digits);
  } else if (point >= int(digits.size())) {
    out.append(digits).append(size_t(point) - digits.size(), '0');
  } else {
    out.append(digits, 0, size_t(point)).append(1, '.').append(digits, size_t(point));
  }
  return out;
}

bool parse_int(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  size_t start = (s[0] == '+') ? 1 : 0;
  auto r = std::from_chars(s.data() + start, s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && start < s.size();
}
}  // namespace

bool parse_plain_decimal(std::string_view s, double& out) { return parse_decimal(s, out); }

std::string_view to_string(EventKind k) { return kKindNames[static_cast<int>(k)]; }

std::optional<EventKind> parse_event_kind(std::string_view s) {
  for (int i = 0; i < kEventKindCount; ++i)
    if (kKindNames[i] == s) return static_cast<EventKind>(i);
  return std::nullopt;
}

const std::vector<std::string>& event_kind_names() {
  static const std::vector<std::string> v(kKindNames.begin(), kKindNames.end());
  return v;
}

std::string_view to_string(Field f) { return kFieldNames[static_cast<int>(f)]; }

std::optional<Field> parse_field(std::string_view c) {
  for (int i = 0; i < kFieldCount; ++i)
    if (kFieldNames[i] == c) return static_cast<Field>(i);
  return std::nullopt;
}

const std::vector<std::string>& column_names() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> out = {"id", "ts", "ticket", "event"};
    for (auto n : kFieldNames) out.emplace_back(n);
    return out;
  }();
  return v;
}

std::optional<double> Event::number(Field x) const {
  double v;
  if (!has(x) || !parse_decimal(get(x), v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> Event::integer(Field x) const {
  std::int64_t v;
  if (!has(x) || !parse_int(get(x), v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> Event::cents() const {
  if (!has(Field::Amount)) return std::nullopt;
  const std::string& s = get(Field::Amount);  // canonical: -?\d+\.\d\d
  bool neg = s[0] == '-';
  std::string digits;
  for (char c : s)
    if (c >= '0' && c <= '9') digits += c;
  std::int64_t v = 0;
  parse_int(digits, v);
  return neg ? -v : v;
}

std::optional<std::string> canonical_value(Field f, std::string_view raw, std::string& why) {
  std::string_view v = raw;
  auto bad = [&](std::string msg) -> std::optional<std::string> {
    why = std::move(msg);
    return std::nullopt;
  };
  switch (f) {
    case Field::Type:
      if (!one_of(kServiceTypes, v)) return bad(fmt::format("type must be one of {}, got '{}'", join(kServiceTypes), v));
      return std::string(v);
    case Field::Urgency:
      if (!one_of(kUrgencies, v)) return bad(fmt::format("urgency must be urgent|normal, got '{}'", v));
      return std::string(v);
    case Field::Channel:
      if (!one_of(kChannels, v)) return bad(fmt::format("channel must be one of {}, got '{}'", join(kChannels), v));
      return std::string(v);
    case Field::Responsible:
    case Field::Approved:
      if (v != "yes" && v != "no") return bad(fmt::format("{} must be yes|no, got '{}'", to_string(f), v));
      return std::string(v);
    case Field::Purchased:
      if (!parse_date(v)) return bad(fmt::format("purchased must be a date YYYY-MM-DD, got '{}'", v));
      return std::string(v);
    case Field::DistanceKm:
    case Field::LaborHours: {
      double d;
      if (!parse_decimal(v, d) || d < 0)
        return bad(fmt::format("{} must be a number >= 0, got '{}'", to_string(f), v));
      return shortest(d);
    }
    case Field::Satisfaction: {
      std::int64_t n;
      if (!parse_int(v, n) || n < 1 || n > 5)
        return bad(fmt::format("satisfaction must be an integer 1-5, got '{}'", v));
      return std::to_string(n);
    }
    case Field::Qty: {
      std::int64_t n;
      if (!parse_int(v, n) || n < 1) return bad(fmt::format("qty must be an integer >= 1, got '{}'", v));
      return std::to_string(n);
    }
    case Field::Amount: {
      // decimal with at most 2 places
      size_t i = 0;
      bool neg = false;
      if (!v.empty() && (v[0] == '-' || v[0] == '+')) neg = v[0] == '-', i = 1;
      std::string ip, fp;
      bool dot = false;
      for (; i < v.size(); ++i) {
        char c = v[i];
        if (c == '.' && !dot) dot = true;
        else if (c >= '0' && c <= '9') (dot ? fp : ip) += c;
        else return bad(fmt::format("amount must be a decimal with at most 2 places, got '{}'", v));
      }
      if (ip.empty() || fp.size() > 2 || (dot && fp.empty()) || ip.size() > 15)
        return bad(fmt::format("amount must be a decimal with at most 2 places, got '{}'", v));
      while (fp.size() < 2) fp += '0';
      size_t nz = ip.find_first_not_of('0');
      ip = nz == std::string::npos ? "0" : ip.substr(nz);
      bool zero = ip == "0" && fp == "00";
      return (neg && !zero ? "-" : "") + ip + "." + fp;
    }
    case Field::Serial:
    case Field::Ref:
      if (v.size() > 64)
        return bad(fmt::format("{} must be 1-64 characters, got {} characters", to_string(f), v.size()));
      if (!text_problem(v).empty()) return bad(fmt::format("{} must not hold control characters", to_string(f)));
      return std::string(v);
    case Field::Due: {  // a timestamp; the local form is read in UTC here (the importer reads it in the policy's zone)
      std::string why;
      auto t = parse_timestamp(v, TimeZone::utc(), &why);
      if (!t) return bad(fmt::format("bad due '{}': {}", v, why));
      return format_utc(*t);
    }
    default:
      // free text: Region, Outlet, Customer, Product, Engineer, Part, Note
      return std::string(v);
  }
}

std::string due_problem(const Event& e, std::optional<Instant> parsed) {
  if (!e.has(Field::Due)) return "";
  if (e.kind != EventKind::Created)
    return fmt::format("due is read only on created (the ticket's own due time), not on {}", to_string(e.kind));
  std::string why;
  auto due = parsed ? parsed : parse_timestamp(e.get(Field::Due), TimeZone::utc(), &why);
  if (!due) return fmt::format("bad due '{}': {}", e.get(Field::Due), why);
  if (*due < e.ts) return fmt::format("due {} is before the ticket's created ts {}", e.get(Field::Due), format_utc(e.ts));
  if (*due - e.ts > Instant(3660) * kMicrosPerDay)
    return fmt::format("due {} is more than 10 years after the ticket's created ts {}", e.get(Field::Due), format_utc(e.ts));
  return "";
}

bool valid_ticket_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

bool valid_event_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

std::vector<Field> required_fields(EventKind k) {
  switch (k) {
    case EventKind::Created: return {Field::Type, Field::Urgency, Field::Region, Field::Outlet};
    case EventKind::Dispatched: return {Field::Engineer};
    case EventKind::FollowedUp: return {Field::Satisfaction};
    case EventKind::Complaint: return {Field::Responsible};
    case EventKind::PartUsed: return {Field::Part, Field::Qty};
    case EventKind::Fee: return {Field::Amount, Field::Approved};
    case EventKind::Voided: return {Field::Ref, Field::Note};
    default: return {};
  }
}

namespace {
// Appends a value with backslash, CR and LF escaped, so that no value can
// imitate the line structure of the canonical form.
void append_escaped(std::string& out, const std::string& v) {
  if (v.find_first_of("\\\n\r") == std::string::npos) {
    out += v;
    return;
  }
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
}
}  // namespace

void canonical_form_into(const Event& e, std::string& out) {
  out.clear();
  out += "ticket=";
  out += e.ticket;
  out += "\nevent=";
  out += to_string(e.kind);
  out += "\nts=";
  out += format_utc(e.ts);
  for (int i = 0; i < kFieldCount; ++i) {
    if (e.f[i].empty()) continue;
    out += '\n';
    out += kFieldNames[i];
    out += '=';
    append_escaped(out, e.f[i]);
  }
}

std::string canonical_form(const Event& e) {
  std::string out;
  out.reserve(128);
  canonical_form_into(e, out);
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[32];
  unsigned int len = 0;
  if (!EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr)) throw InternalError("SHA-256 failed");
  static const char* hex = "0123456789abcdef";
  std::string out(64, '0');
  for (int i = 0; i < 32; ++i) out[2 * i] = hex[md[i] >> 4], out[2 * i + 1] = hex[md[i] & 15];
  return out;
}

std::string content_digest(const Event& e) { return sha256_hex(canonical_form(e)); }

std::string chain_hash(std::string_view prev, std::string_view digest) {
  std::string buf;
  buf.reserve(prev.size() + digest.size());
  buf.append(prev).append(digest);
  return sha256_hex(buf);
}

void sort_events(std::vector<Event>& evs) {
  std::stable_sort(evs.begin(), evs.end(), [](const Event& a, const Event& b) {
    if (a.ts != b.ts) return a.ts < b.ts;
    return a.seq < b.seq;
  });
}

void resolve_voids(std::vector<Event>& evs) {
  bool any = false;
  for (const Event& e : evs) any |= e.kind == EventKind::Voided;
  if (!any) return;
  for (const Event& v : evs) {
    if (v.kind != EventKind::Voided || !v.has(Field::Ref)) continue;
    for (Event& e : evs)
      if (&e != &v && e.id == v.get(Field::Ref) && e.kind != EventKind::Created && e.kind != EventKind::Voided)
        e.voided_at = std::min(e.voided_at, v.ts);
  }
}

std::vector<Event> corrected_events(const std::vector<Event>& evs) {
  std::vector<Event> out;
  out.reserve(evs.size());
  for (const Event& e : evs)
    if (e.kind != EventKind::Voided && e.voided_at == kNotVoided) out.push_back(e);
  return out;
}

std::vector<Event> counting_events(const std::vector<Event>& evs, Instant as_of) {
  std::vector<Event> out;
  out.reserve(evs.size());
  for (const Event& e : evs)
    if (counts(e, as_of)) out.push_back(e);
  return out;
}

}  // namespace svc
