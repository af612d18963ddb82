// The ticket digest: a ticket's events in log order (ts, then seq), packed
// into one blob that the projection keeps in `tickets.digest`
// (schemas/012_ticket_digest.sql). The SLA audit, the integrity pre-check and
// the reports read one row per ticket instead of scanning the whole events
// table (docs/sla.md, "Speed").
//
// A digest event holds its kind, its ts, when it was withdrawn (voided_at,
// from the `voided` event naming it) and every attribute except the note of
// events other than complaints (free text that no analysis reads) and `ref`;
// it has no id and no seq. Code that needs ids, notes or the chain reads the events
// table (Store::ticket_events).
//
// Format, per event: varint (zigzag(ts - previous ts) << 1 | voided), the
// first against 0; when voided, varint (voided_at - ts): the ts of the
// `voided` event that withdraws it (schemas/013); then the fragment: varint kind, varint bitmask of the attributes present
// (bit i = Field i), and for each present attribute in Field order its
// length (varint) and bytes.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "event.hpp"

namespace svc {

// Whether a digest keeps attribute `f` of an event of kind `k`.
bool digest_keeps(EventKind k, Field f);

// Appends e's fragment (kind and attributes, not ts) to out.
void append_digest_fragment(std::string& out, const Event& e);

// Appends one event of a digest: the ts delta against prev_ts, then the fragment
// that append_digest_fragment() made (or makes from e, when fragment is empty).
void append_digest_event(std::string& out, Instant ts, Instant prev_ts, std::string_view fragment,
                         Instant voided_at = kNotVoided);

// The digest of a ticket's events, which must be in log order, with voided_at
// resolved (resolve_voids).
std::string encode_digest(const std::vector<Event>& events);

// One event of a digest as views into the blob: no copies.
struct DigestItem {
  Instant ts = 0;
  Instant voided_at = kNotVoided;  // ts of the voided event that withdraws it
  EventKind kind = EventKind::Created;
  std::array<std::string_view, kFieldCount> f;  // "" = absent
  bool counts(Instant as_of) const { return counts_at(ts, kind, voided_at, as_of); }
  std::string_view get(Field x) const { return f[static_cast<int>(x)]; }
};

// Walks the events of a digest without copying (the SLA audit's scan).
class DigestCursor {
 public:
  explicit DigestCursor(std::string_view blob) : p_(blob.data()), end_(blob.data() + blob.size()) {}
  // false at the end; throws StoreUnavailable when the blob is malformed.
  bool next(DigestItem& e);

 private:
  const char* p_;
  const char* end_;
  Instant ts_ = 0;
};

// Decodes a whole digest: out becomes its events that count as of as_of
// (sla.md §2: not withdrawn by then; `voided` events left out), each with
// `ticket` and voided_at set, reusing out's elements (and their strings' storage).
void decode_digest(std::string_view blob, const std::string& ticket, Instant as_of, std::vector<Event>& out);

// Decodes one fragment (no ts) at [p, end) into e; returns the end of the
// fragment. Throws StoreUnavailable when malformed.
const char* decode_digest_fragment(const char* p, const char* end, DigestItem& e);
const char* decode_digest_fragment(const char* p, const char* end, Event& e);

}  // namespace svc
