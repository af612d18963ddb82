#include "verify.hpp"

#include <fmt/format.h>

#include "error.hpp"

namespace svc {

const std::string& genesis_chain() {
  static const std::string g(64, '0');
  return g;
}

VerifyResult verify_chain(Store& store, const std::function<void(std::int64_t)>& progress) {
  VerifyResult r;
  try {
    SQLite::Statement st(store.db(), fmt::format("SELECT {}, chain FROM events ORDER BY seq", kEventSelectColumns));
    std::string prev = genesis_chain();
    const int chain_col = 5 + kFieldCount;  // after kEventSelectColumns
    while (st.executeStep()) {
      Event e;
      try {
        e = event_from_row(st);
      } catch (const StoreUnavailable&) {  // a kind svc does not know: altered outside svc
        r.broken = BrokenLink{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(3).getString(),
                              fmt::format("its event kind '{}' is not one svc writes", st.getColumn(4).getString())};
        return r;
      }
      auto c = st.getColumn(chain_col);
      std::string stored = c.isBlob() || c.isText() ? hex_of_blob(c.getBlob(), c.getBytes()) : std::string();
      std::string expect = chain_hash(prev, content_digest(e));
      if (stored != expect) {
        std::string why = stored.size() != 64
                              ? fmt::format("its chain value is not a 32-byte SHA-256 ({} bytes)", c.getBytes())
                              : "its chain value does not match its content and the chain before it (the event, "
                                "its chain value, or an event before it was changed, inserted or removed)";
        r.broken = BrokenLink{e.seq, e.id, e.ticket, why};
        return r;
      }
      prev = std::move(stored);
      ++r.checked;
      if (progress && (r.checked & 0xffff) == 0) progress(r.checked);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "verifying the chain");
  }
  return r;
}

}  // namespace svc
