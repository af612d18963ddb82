// Listings: stock per warehouse and the ledger of one part.
#include "parts_internal.hpp"
#include "money.hpp"

#include "error.hpp"

namespace svc {

using namespace detail;

// ---- listings ----------------------------------------------------------------------

std::vector<StockRow> stock(Store& s, const std::string& warehouse, bool below_min_only) {
  std::vector<StockRow> out;
  try {
    auto& db = s.db();
    check_known_warehouse(db, warehouse);
    SQLite::Statement st(
        db,
        "SELECT w.id, p.part, p.name, p.unit, p.min_stock, "
        "  COALESCE((SELECT qty FROM part_stock s WHERE s.warehouse = w.id AND s.part = p.part AND s.book = 'new'), 0), "
        "  COALESCE((SELECT qty FROM part_stock s WHERE s.warehouse = w.id AND s.part = p.part AND s.book = 'old'), 0), "
        "  COALESCE(v.avg_cents, 0) "
        "FROM warehouses w JOIN parts p LEFT JOIN part_valuation v ON v.part = p.part "
        "WHERE (w.kind = 'central' OR EXISTS (SELECT 1 FROM part_stock s WHERE s.warehouse = w.id AND s.part = p.part)) "
        "  AND (?1 = '' OR w.id = ?1) "
        "ORDER BY w.kind = 'outlet', w.id, p.part");
    st.bind(1, warehouse);
    while (st.executeStep()) {
      StockRow r;
      r.warehouse = text_of(st, 0), r.part = text_of(st, 1), r.name = text_of(st, 2), r.unit = text_of(st, 3);
      r.min_stock = st.getColumn(4).getInt64();
      r.qty = st.getColumn(5).getInt64();
      r.old_qty = st.getColumn(6).getInt64();
      r.avg_cents = st.getColumn(7).getInt64();
      r.value_cents = mul_cents(r.avg_cents, r.qty, "a stock value");
      r.below_min = r.qty < r.min_stock;
      if (below_min_only && !r.below_min) continue;
      out.push_back(std::move(r));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading stock");
  }
  return out;
}

std::vector<LedgerRow> ledger(Store& s, const std::string& part, const std::string& warehouse) {
  std::vector<LedgerRow> out;
  try {
    auto& db = s.db();
    require_part(db, part);
    check_known_warehouse(db, warehouse);
    std::map<std::pair<std::string, std::string>, std::int64_t> bal;
    SQLite::Statement st(db, fmt::format("SELECT {} FROM part_movements WHERE part = ? ORDER BY id", kMoveColumns));
    st.bind(1, part);
    std::map<std::int64_t, size_t> at;  // movement id -> its row in out
    while (st.executeStep()) {
      LedgerRow r{movement_from_row(st), 0};
      std::string book = r.m.book.empty() ? "new" : r.m.book;
      auto& b = bal[{r.m.warehouse, book}];
      if (!r.m.book.empty()) b += r.m.qty;
      r.balance = b;
      if (auto it = at.find(r.m.reverses); r.m.reverses && it != at.end()) out[it->second].reversed_by = r.m.id;
      if (warehouse.empty() || r.m.warehouse == warehouse) {
        at[r.m.id] = out.size();
        out.push_back(std::move(r));
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the ledger");
  }
  return out;
}
}  // namespace svc
