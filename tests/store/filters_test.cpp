#include "filters.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "error.hpp"
#include "masterdata.hpp"

using namespace svc;
namespace fs = std::filesystem;

namespace {
struct Fixture {
  fs::path dir;
  std::unique_ptr<Store> store;
  Fixture() {
    char tmpl[] = "/tmp/svc_filters_test.XXXXXX";
    dir = ::mkdtemp(tmpl);
    StoreOptions o;
    o.path = (dir / "svc.db").string();
    o.create = true;
    store = std::make_unique<Store>(o);
    import_outlets_text(*store, "id,name,region\nSH-01,浦东,华东\nBJ-01,朝阳,华北\n", "o.csv");
    import_engineers_text(*store, "id,name,outlet\nE-001,王磊,SH-01\n", "e.csv");
    // a ticket of an outlet and engineer that are not (or no longer) in the master data
    store->db().exec(
        "INSERT INTO tickets(ticket, outlet, engineer, region, product, state, last_ts, events) "
        "VALUES ('T1', 'GZ-09', 'E-900', '华南', 'KFR-35GW', 'open', 0, 1)");
  }
  ~Fixture() {
    store.reset();
    fs::remove_all(dir);
  }
};

std::string usage_message(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const UsageError& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  FAIL("no UsageError");
  return {};
}
}  // namespace

TEST_CASE_FIXTURE(Fixture, "check_filter: known values pass, from the master data or the tickets") {
  CHECK_NOTHROW(check_filter(*store, FilterKind::Outlet, "SH-01", "--outlet"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Outlet, "GZ-09", "--outlet"));    // only in a ticket
  CHECK_NOTHROW(check_filter(*store, FilterKind::Engineer, "E-001", "--engineer"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Engineer, "E-900", "--engineer"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Region, "华北", "--region"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Region, "华南", "--region"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Product, "KFR-35GW", "--product"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Ticket, "T1", "--ticket"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Warehouse, "central", "--warehouse"));
  CHECK_NOTHROW(check_filter(*store, FilterKind::Outlet, "", "--outlet"));  // not given: no filter
}

TEST_CASE_FIXTURE(Fixture, "check_filter: an unknown value is a usage error with a did-you-mean") {
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Outlet, "SH-1", "--outlet"); }) ==
        "--outlet: unknown outlet 'SH-1' (did you mean 'SH-01'?)");
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Engineer, "E-999", "--engineer"); }) ==
        "--engineer: unknown engineer 'E-999' (did you mean 'E-900'?)");
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Region, "华西", "--region"); }) ==
        "--region: unknown region '华西' (did you mean '华东'?)");
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Ticket, "T2", "--ticket"); }) ==
        "--ticket: unknown ticket 'T2' (did you mean 'T1'?)");
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Outlet, "xyzzy-far-away", "--outlet"); }) ==
        "--outlet: unknown outlet 'xyzzy-far-away'");
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Part, "CAP", "--part"); }) ==
        "--part: unknown part 'CAP' (the store has no parts)");
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Warehouse, "SH-01", "--warehouse"); })
            .starts_with("--warehouse: unknown warehouse 'SH-01'"));
  // a value that only looks like SQL is just a value
  CHECK(usage_message([&] { check_filter(*store, FilterKind::Outlet, "' OR 1=1 --", "--outlet"); })
            .starts_with("--outlet: unknown outlet"));
}

TEST_CASE("check_choice: closed sets, with did-you-mean and the list") {
  CHECK_NOTHROW(check_choice(FilterKind::Type, "repair", "--type"));
  CHECK_NOTHROW(check_choice(FilterKind::Urgency, "urgent", "--urgency"));
  CHECK_NOTHROW(check_choice(FilterKind::Channel, "onsite", "--channel"));
  CHECK_NOTHROW(check_choice(FilterKind::State, "paused", "--state"));
  CHECK_NOTHROW(check_choice(FilterKind::EventKind, "part_used", "--event"));
  CHECK_NOTHROW(check_choice(FilterKind::Type, "", "--type"));
  CHECK(usage_message([] { check_choice(FilterKind::Type, "repir", "--type"); }) ==
        "--type: unknown service type 'repir' (did you mean 'repair'?); one of: repair, install, maintenance, "
        "consultation, complaint, return, replacement");
  CHECK(usage_message([] { check_choice(FilterKind::Urgency, "high", "--urgency"); }) ==
        "--urgency: unknown urgency 'high'; one of: urgent, normal");
  CHECK(usage_message([] { check_choice(FilterKind::State, "nwe", "--state"); })
            .starts_with("--state: unknown state 'nwe' (did you mean 'new'?); one of: new,"));
  CHECK(usage_message([] { check_choice({"region", "outlet"}, "regoin", "--by", "grouping"); }) ==
        "--by: unknown grouping 'regoin' (did you mean 'region'?); one of: region, outlet");
  CHECK(is_closed_set(FilterKind::Channel));
  CHECK(!is_closed_set(FilterKind::Outlet));
  CHECK(closed_set(FilterKind::Outlet).empty());
  CHECK_THROWS_AS(check_choice(FilterKind::Outlet, "SH-01", "--outlet"), InternalError);
}
