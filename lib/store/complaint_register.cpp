// Complaints of an import into the register (complaint_register.hpp).
#include "complaint_register.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "store.hpp"

namespace svc {

std::int64_t register_imported_complaints(Store& s, std::int64_t import_id) {
  struct Row {
    std::string id, ticket, kind, responsible, channel, outlet;
    std::int64_t ts = 0;
  };
  std::vector<Row> rows;
  {
    // (the WHERE is the partial index events_complaints' own, so it is used)
    SQLite::Statement q(s.db(),
                        "SELECT e.id, e.ticket, e.event, e.responsible, coalesce(e.channel, t.channel), t.outlet, e.ts "
                        "FROM events e LEFT JOIN tickets t ON t.ticket = e.ticket "
                        "WHERE e.import_id = ? AND (e.event = 'complaint' OR (e.event = 'created' AND e.type = 'complaint')) "
                        "AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.event_id = e.id) ORDER BY e.seq");
    q.bind(1, import_id);
    while (q.executeStep()) {
      Row r;
      r.id = q.getColumn(0).getString();
      r.ticket = q.getColumn(1).getString();
      r.kind = q.getColumn(2).getString();
      r.responsible = q.getColumn(3).isNull() ? "unknown" : q.getColumn(3).getString();
      if (!q.getColumn(4).isNull()) r.channel = q.getColumn(4).getString();
      if (!q.getColumn(5).isNull()) r.outlet = q.getColumn(5).getString();
      r.ts = q.getColumn(6).getInt64();
      rows.push_back(std::move(r));
    }
  }
  for (const Row& r : rows) {
    SQLite::Statement c(s.db(), "SELECT count(*) FROM complaints WHERE ticket = ?");
    c.bind(1, r.ticket);
    c.executeStep();
    std::string number;
    for (std::int64_t n = c.getColumn(0).getInt64() + 1;; ++n) {
      number = fmt::format("{}-C{}", r.ticket, n);
      SQLite::Statement x(s.db(), "SELECT 1 FROM complaints WHERE number = ?");
      x.bind(1, number);
      if (!x.executeStep()) break;
    }
    SQLite::Statement ins(s.db(),
                          "INSERT INTO complaints(number, ticket, event_id, responsible, opened_at, text, channel, outlet, "
                          "source) VALUES(?,?,?,?,?,NULL,?,?,?)");
    ins.bind(1, number);
    ins.bind(2, r.ticket);
    ins.bind(3, r.id);
    ins.bind(4, r.responsible);
    ins.bind(5, r.ts);
    if (r.channel.empty()) ins.bind(6);
    else ins.bind(6, r.channel);
    if (r.outlet.empty()) ins.bind(7);
    else ins.bind(7, r.outlet);
    ins.bind(8, r.kind == "complaint" ? "import" : "ticket");
    ins.exec();
  }
  return std::int64_t(rows.size());
}

}  // namespace svc
