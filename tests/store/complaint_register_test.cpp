// Complaints of an import into the register (lib/store/complaint_register.cpp).
#include "complaint_register.hpp"

#include <doctest/doctest.h>

#include "importer_fixtures.hpp"

using namespace svc;
using namespace svc::importer_test;

TEST_CASE("complaint register: an import registers its complaint events and complaint-type tickets, once") {
  Fixture f;
  const std::string h = "id,ts,ticket,event,type,urgency,channel,region,outlet,responsible\n";
  auto r = f.import(",2026-11-02 08:15,T1,created,repair,normal,phone,华东,SH-01,\n"
                    ",2026-11-02 09:00,T1,complaint,,,,,,yes\n"
                    ",2026-11-02 09:30,W1,created,complaint,normal,web,华东,SH-02,\n",
                    {}, h);
  REQUIRE_FALSE(r.failed);
  CHECK(f.dump("SELECT number, ticket, responsible, channel, outlet, source, category FROM complaints ORDER BY number") ==
        "T1-C1|T1|yes|phone|SH-01|import||\nW1-C1|W1|unknown|web|SH-02|ticket||\n");
  // a second complaint on T1 in a later import: the next number; a re-import registers nothing again
  f.import(",2026-11-03 09:00,T1,complaint,,,,,,no\n", {}, h);
  f.import(",2026-11-03 09:00,T1,complaint,,,,,,no\n", {}, h);
  CHECK(f.count("SELECT count(*) FROM complaints") == 3);
  CHECK(f.dump("SELECT number, responsible FROM complaints WHERE ticket = 'T1' ORDER BY number") == "T1-C1|yes|\nT1-C2|no|\n");
  // nothing to register for an import without complaints
  CHECK(register_imported_complaints(*f.store, 99) == 0);
}
