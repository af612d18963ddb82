// The 三包 entitlement (lib/rules/entitlement.cpp) at each boundary: days 7/8 and
// 15/16 since the sale, the warranty's last day and the day after, the second
// and third repair, a repaired part inside and past its repair warranty, key
// parts; and how terms resolve from the product, its line and the policy.
#include <doctest/doctest.h>

#include "entitlement.hpp"

using namespace svc;

namespace {
Day d(const char* s) { return *parse_date(s); }

ProductTerms terms() {
  ProductTerms t;
  t.model = "KFR-35GW";
  t.line = "空调";
  t.warranty_months = 12;
  t.return_days = 7;
  t.exchange_days = 15;
  t.repairs_before_exchange = 2;
  t.repair_months = 3;
  t.key_part_months = 12;
  return t;
}

PriorRepair repair(const char* ticket, const char* done, std::vector<std::string> parts = {}) {
  PriorRepair r;
  r.ticket = ticket;
  r.opened = d(done);
  r.completed = d(done);
  r.parts = std::move(parts);
  return r;
}
}  // namespace

TEST_CASE("within 7 days of sale: return; day 8: exchange; day 15: exchange; day 16: free repair") {
  auto t = terms();
  Day buy = d("2026-11-01");
  auto e7 = entitlement(t, buy, d("2026-11-08"), {});
  CHECK(e7.remedy == Remedy::Return);
  CHECK(e7.rule == "return_days");
  CHECK(*e7.days_since_purchase == 7);
  CHECK(e7.choices == std::vector<Remedy>{Remedy::Return, Remedy::Exchange, Remedy::FreeRepair});
  CHECK(e7.why.find("day 7 since the purchase on 2026-11-01") != std::string::npos);

  auto e8 = entitlement(t, buy, d("2026-11-09"), {});
  CHECK(e8.remedy == Remedy::Exchange);
  CHECK(e8.rule == "exchange_days");
  CHECK(e8.choices == std::vector<Remedy>{Remedy::Exchange, Remedy::FreeRepair});

  auto e15 = entitlement(t, buy, d("2026-11-16"), {});
  CHECK(e15.remedy == Remedy::Exchange);
  CHECK(*e15.days_since_purchase == 15);

  auto e16 = entitlement(t, buy, d("2026-11-17"), {});
  CHECK(e16.remedy == Remedy::FreeRepair);
  CHECK(e16.rule == "warranty");
  CHECK(e16.covered());

  auto e0 = entitlement(t, buy, buy, {});
  CHECK(e0.remedy == Remedy::Return);
}

TEST_CASE("the warranty's last day is free, the day after is paid") {
  auto t = terms();
  Day buy = d("2025-11-23");
  auto last = entitlement(t, buy, d("2026-11-23"), {});
  CHECK(last.remedy == Remedy::FreeRepair);
  CHECK(format_date(*last.warranty_end) == "2026-11-23");
  auto after = entitlement(t, buy, d("2026-11-24"), {});
  CHECK(after.remedy == Remedy::PaidRepair);
  CHECK(after.rule == "out_of_warranty");
  CHECK_FALSE(after.covered());
  CHECK(after.why.find("out of warranty since 2026-11-23") != std::string::npos);
}

TEST_CASE("the second repair is free; after two repairs within warranty, exchange or return") {
  auto t = terms();
  Day buy = d("2026-01-10");
  std::vector<PriorRepair> one = {repair("T1", "2026-03-01")};
  auto second = entitlement(t, buy, d("2026-05-01"), one);
  CHECK(second.remedy == Remedy::FreeRepair);
  CHECK(second.repairs_in_warranty == 1);
  CHECK(second.repair_tickets == std::vector<std::string>{"T1"});

  std::vector<PriorRepair> two = {repair("T2", "2026-04-01"), repair("T1", "2026-03-01")};
  auto third = entitlement(t, buy, d("2026-05-01"), two);
  CHECK(third.remedy == Remedy::Exchange);
  CHECK(third.rule == "repairs_before_exchange");
  CHECK(third.choices == std::vector<Remedy>{Remedy::Exchange, Remedy::Return});
  CHECK(third.repair_tickets == std::vector<std::string>{"T1", "T2"});  // oldest first
  CHECK(third.why.find("repaired 2 times within the warranty (T1, T2)") != std::string::npos);

  // a repair not completed, or completed after the day, does not count
  PriorRepair open = repair("T3", "2026-04-01");
  open.completed.reset();
  CHECK(entitlement(t, buy, d("2026-05-01"), {one[0], open}).remedy == Remedy::FreeRepair);
  CHECK(entitlement(t, buy, d("2026-03-15"), two).remedy == Remedy::FreeRepair);
  // repairs_before_exchange = 0: never by count
  t.repairs_before_exchange = 0;
  CHECK(entitlement(t, buy, d("2026-05-01"), two).remedy == Remedy::FreeRepair);
}

TEST_CASE("a repaired part under its repair warranty is repaired free after the unit's warranty") {
  auto t = terms();
  Day buy = d("2024-01-10");  // warranty ended 2025-01-10
  std::vector<PriorRepair> r = {repair("T9", "2026-09-01", {"FM-220"})};
  // 3 months from 2026-09-01: until 2026-12-01
  auto inside = entitlement(t, buy, d("2026-12-01"), r, {"FM-220"});
  CHECK(inside.remedy == Remedy::FreeRepair);
  CHECK(inside.rule == "repair_warranty");
  REQUIRE(inside.covered_parts.size() == 1);
  CHECK(format_date(inside.covered_parts[0].until) == "2026-12-01");
  CHECK(inside.covered_parts[0].ticket == "T9");

  auto past = entitlement(t, buy, d("2026-12-02"), r, {"FM-220"});
  CHECK(past.remedy == Remedy::PaidRepair);
  CHECK(past.covered_parts.empty());

  // another part is not covered; the covered one is named in why
  auto other = entitlement(t, buy, d("2026-11-01"), r, {"CAP-35"});
  CHECK(other.remedy == Remedy::PaidRepair);
  CHECK(other.why.find("FM-220 until 2026-12-01") != std::string::npos);
  auto unnamed = entitlement(t, buy, d("2026-11-01"), r);
  CHECK(unnamed.remedy == Remedy::PaidRepair);
  CHECK(unnamed.covered_parts.size() == 1);
}

TEST_CASE("key parts keep their longer warranty") {
  auto t = terms();
  t.key_parts = {"COMP-35"};
  t.key_part_months = 60;
  Day buy = d("2024-01-10");
  auto e = entitlement(t, buy, d("2026-11-23"), {}, {"COMP-35"});
  CHECK(e.remedy == Remedy::FreeRepair);
  CHECK(e.rule == "key_part");
  CHECK(format_date(*e.key_part_end) == "2029-01-10");
  CHECK(entitlement(t, buy, d("2026-11-23"), {}, {"FM-220"}).remedy == Remedy::PaidRepair);
  CHECK(entitlement(t, buy, d("2029-01-11"), {}, {"COMP-35"}).remedy == Remedy::PaidRepair);
}

TEST_CASE("no purchase date or a day before it: paid") {
  auto t = terms();
  auto none = entitlement(t, std::nullopt, d("2026-11-23"), {});
  CHECK(none.remedy == Remedy::PaidRepair);
  CHECK(none.rule == "no_purchase_date");
  CHECK_FALSE(none.days_since_purchase);
  auto before = entitlement(t, d("2026-11-24"), d("2026-11-23"), {});
  CHECK(before.rule == "before_purchase");
  CHECK_FALSE(before.covered());
}

TEST_CASE("terms resolve: the product's own, else the line's, else the national default") {
  WarrantyPolicy p;
  p.lines["空调"] = 36;
  p.key_part_lines["空调"] = 60;
  p.return_days = 7;
  ProductOwnTerms own;
  own.model = "KFR-35GW";
  own.line = "空调";
  auto t = resolve_terms(p, own);
  CHECK(t.warranty_months == 36);
  CHECK(t.warranty_basis == "line");
  CHECK(t.key_part_months == 60);
  CHECK(t.return_days == 7);
  CHECK(t.exchange_days == 15);
  own.warranty_months = 72;
  own.return_days = 10;
  t = resolve_terms(p, own);
  CHECK(t.warranty_months == 72);
  CHECK(t.warranty_basis == "product");
  CHECK(t.return_days == 10);
  own = {};
  own.line = "冰箱";
  t = resolve_terms(p, own);
  CHECK(t.warranty_months == 12);
  CHECK(t.warranty_basis == "default");
  CHECK(t.key_part_months == 12);  // key_part_months 0: as the whole unit
}

// ---- money under the entitlement (cover_text, part_cover, covered_quote, repair_warranty_until)

namespace {
ProductTerms compressor_terms() {  // a key part of 60 months on a 12-month unit
  ProductTerms t = terms();
  t.key_parts = {"COMP"};
  t.key_part_months = 60;
  return t;
}
std::vector<QuoteLine> lines() {
  return {{"COMP", "压缩机", 1, 80000}, {"FM-220", "风机", 1, 12000}};
}
}  // namespace

TEST_CASE("key part: covered to the last day of its warranty, its labour and part free; the day after, all quoted") {
  // bought 2030-01-01; 60 months end on 2035-01-01 (the same day number), so 2035-01-01 is covered, 2035-01-02 not
  auto t = compressor_terms();
  WarrantyPolicy wp;
  wp.labor_rate_cents = 10000;
  wp.labor_quota["repair"] = 2;  // 2 h × 100.00 = 200.00
  auto last = entitlement(t, d("2030-01-01"), d("2035-01-01"), {}, {"COMP", "FM-220"});
  CHECK(last.rule == "key_part");
  CHECK_FALSE(last.whole_unit());
  CHECK(cover_text(last) == "key part COMP until 2035-01-01");
  REQUIRE(part_cover(t, last, "COMP"));
  CHECK_FALSE(part_cover(t, last, "FM-220"));
  Quote q = covered_quote(wp, "repair", lines(), t, last);
  CHECK(q.labor_cents == 0);
  CHECK(q.total_cents == 12000);  // only the fan (not a key part): 120.00
  CHECK(q.covered == std::vector<std::string>{"COMP"});
  auto after = entitlement(t, d("2030-01-01"), d("2035-01-02"), {}, {"COMP", "FM-220"});
  CHECK(after.rule == "out_of_warranty");
  CHECK(cover_text(after).empty());
  Quote full = covered_quote(wp, "repair", lines(), t, after);
  CHECK(full.total_cents == 20000 + 80000 + 12000);  // labour 200.00 + 800.00 + 120.00
  CHECK(full.covered.empty());
}

TEST_CASE("whole unit covered: the quote is 0.00 and every part is listed as covered") {
  auto t = compressor_terms();
  WarrantyPolicy wp;
  wp.labor_rate_cents = 10000;
  wp.labor_quota["repair"] = 2;
  auto e = entitlement(t, d("2030-01-01"), d("2030-06-01"), {}, {"FM-220"});
  CHECK(e.rule == "warranty");
  CHECK(e.whole_unit());
  CHECK(cover_text(e) == "in warranty until 2031-01-01");
  Quote q = covered_quote(wp, "repair", lines(), t, e);
  CHECK(q.total_cents == 0);
  CHECK(q.covered.size() == 2);
  auto r = entitlement(t, d("2030-01-01"), d("2030-01-04"), {}, {});
  CHECK(cover_text(r) == "return within 三包 until 2030-01-08 (day 3)");  // 1 + 7 = 8 January
}

TEST_CASE("a repaired part's warranty runs from the repair's completion day: first day, last day, one day past") {
  // repaired 2031-06-01 with 3 repair months: covered 2031-06-01 .. 2031-09-01, not 2031-09-02
  auto t = compressor_terms();
  t.key_parts.clear();
  REQUIRE(repair_warranty_until(t, d("2031-06-01")) == d("2031-09-01"));
  auto prior = std::vector<PriorRepair>{repair("R1", "2031-06-01", {"FM-220"})};
  for (auto [day, covered] : {std::pair{"2031-06-01", true}, {"2031-09-01", true}, {"2031-09-02", false}}) {
    CAPTURE(day);
    auto e = entitlement(t, d("2030-01-01"), d(day), prior, {"FM-220"});
    CHECK(e.covered() == covered);
    if (covered) CHECK(cover_text(e) == "part FM-220 repaired on 2031-06-01 (R1) until 2031-09-01");
  }
  t.repair_months = 0;
  CHECK_FALSE(repair_warranty_until(t, d("2031-06-01")));
}
