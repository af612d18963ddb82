Tamper evidence that cannot be beaten (issue 25, section 1), on the README's demo store: an event's id and import
under a seal, and `svc admin rebuild` refusing to launder a tampered log; the records that decide money or compliance
(corrections, claims, maintenance work, imports, master data) sealed, while svc's own updates keep verify at 0; an
unknown event kind and a dropped table named as findings (exit 1); and a tickets row moved to an extreme rowid, which
neither miscounts the reports nor passes verify.

### file customers.csv
id,name
C-88,王芳

### file units.csv
serial,model,customer,purchased,installed
SN-0001,KFR-35GW,C-88,2026-11-18,2026-11-19

### file tamper.sh
# tamper.sh SQL: applies SQL to a copy of d.db and verifies the copy (findings only, then the exit status)
rm -f x.db; sqlite3 d.db ".backup x.db" && sqlite3 x.db "$1" && svc --db x.db audit verify > out.txt; rc=$?; grep -v '^chain intact\|^projection intact\|^records intact' out.txt; exit $rc

### file swap.sql
CREATE TEMP TABLE pick AS SELECT seq, id FROM events WHERE seq IN (
  (SELECT min(seq) FROM events WHERE event = 'completed' AND ticket IN (SELECT ticket FROM events WHERE event = 'signed')),
  (SELECT min(seq) FROM events WHERE event = 'signed' AND ticket = (SELECT ticket FROM events WHERE seq =
    (SELECT min(seq) FROM events WHERE event = 'completed' AND ticket IN (SELECT ticket FROM events WHERE event = 'signed')))));
UPDATE events SET id = 'swap-' || seq WHERE seq IN (SELECT seq FROM pick);
UPDATE events SET id = (SELECT p.id FROM pick p WHERE p.seq != events.seq) WHERE seq IN (SELECT seq FROM pick);

### run export SVC_NOW=2026-12-05T12:00:00Z; svc --db d.db init -q && svc --db d.db outlet import $SRC/examples/network/outlets.csv -q && svc --db d.db engineer import $SRC/examples/network/engineers.csv -q && svc --db d.db product import $SRC/examples/network/products.csv -q && svc --db d.db customer import customers.csv -q && svc --db d.db unit import units.csv -q && svc --db d.db import -q $SRC/examples/demo/service-log.csv > /dev/null && svc --db d.db parts catalog add CAP-35 --name 电容 --list-price 20.00 -q && svc --db d.db ticket void $(sqlite3 d.db "SELECT ticket || ' ' || id FROM events WHERE event = 'signed' ORDER BY seq LIMIT 1") --reason 签字无效 --user clerk -q > /dev/null && svc --db d.db audit verify | sed 's/[0-9][0-9]* /N /g'
# the demo store, with master data, a unit, a part and one void by a named user
### stdout
chain intact: N events verified
projection intact: N tickets match their events
records intact: N sealed rows in N tables verified

### run sqlite3 d.db "SELECT count(*) FROM events WHERE seal IS NULL OR length(seal) != 32"
# every event carries its identity seal
### stdout
0

### run bash tamper.sh "$(cat swap.sql)"
# the ids of a completion and the signature of its ticket swapped (in three steps: an id is unique): the chain of
# contents is intact, the identity seal is not
### exit 1
### stdout-has
chain broken at seq
its id or import (1) does not match its identity seal

### run sqlite3 x.db .dump | sha256sum > before.sum; svc --db x.db admin rebuild; rc=$?; sqlite3 x.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; svc --db x.db audit verify > /dev/null; echo "verify $?"; exit $rc
# rebuild refuses: a tampered log is never made to look verified (nothing changed, verify still 1)
### exit 65
### stdout
unchanged
verify 1
### stderr-has
svc: error: the events' chain is broken at seq
nothing was changed

### run bash tamper.sh "UPDATE events SET id = 'forged' WHERE seq = 5"
# one id changed (a void or a part movement that names it now names nothing)
### exit 1
### stdout-has
chain broken at seq 5 (event forged,

### run bash tamper.sh "UPDATE events SET import_id = 2 WHERE seq = 7"
# the import that wrote an event changed
### exit 1
### stdout-has
chain broken at seq 7
its id or import (2) does not match its identity seal

### run bash tamper.sh "UPDATE events SET seal = NULL WHERE seq = 9"
# a seal removed
### exit 1
### stdout-has
chain broken at seq 9
it has no identity seal

### run bash tamper.sh "UPDATE tickets SET state = 'closed' WHERE ticket = (SELECT min(ticket) FROM tickets WHERE state != 'closed')" > /dev/null; echo "verify $?"; svc --db x.db admin rebuild -q && svc --db x.db audit verify > /dev/null && echo "verify after rebuild 0"
# only the projection altered, the chain intact: rebuild repairs it
### stdout
verify 1
verify after rebuild 0

### run bash tamper.sh "UPDATE corrections SET user = 'boss'"
# who made a correction forged
### exit 1
### stdout-has
corrections (event_id=
): edited: the row's content no longer matches its seal

### run bash tamper.sh "DELETE FROM corrections"
# a correction's author hidden
### exit 1
### stdout-has
corrections (event_id=
): deleted

### run bash tamper.sh "INSERT INTO corrections VALUES('x', 'boss', 0)"
# a correction's author invented
### exit 1
### stdout-has
corrections (event_id=x): inserted

### run bash tamper.sh "UPDATE parts SET list_cents = 900000 WHERE part = 'CAP-35'"
# a part's list price
### exit 1
### stdout-has
parts (part=CAP-35): edited

### run bash tamper.sh "UPDATE products SET warranty_months = 240 WHERE model = 'KFR-35GW'"
# a product's warranty term
### exit 1
### stdout-has
products (model=KFR-35GW): edited

### run bash tamper.sh "UPDATE units SET purchased = '2026-01-01' WHERE serial = 'SN-0001'"
# a unit's purchase date (the 三包 clock)
### exit 1
### stdout-has
units (serial=SN-0001): edited

### run bash tamper.sh "UPDATE engineers SET outlet = 'SH-02' WHERE id = 'E-001'"
# an engineer's outlet
### exit 1
### stdout-has
engineers (id=E-001): edited

### run bash tamper.sh "DELETE FROM outlets WHERE id = 'GZ-01'"
# an outlet removed
### exit 1
### stdout-has
outlets (id=GZ-01): deleted

### run bash tamper.sh "UPDATE imports SET source = 'svc ticket' WHERE id = 1"
# where the events came from
### exit 1
### stdout-has
imports (id=1): edited

### run export SVC_NOW=2026-12-05T12:00:00Z; rm -f y.db; sqlite3 d.db ".backup y.db" && svc --db y.db outlet update SH-01 --name 上海一店 -q && svc --db y.db outlet update BJ-02 --region 华东 -q && svc --db y.db engineer update E-002 --level 3 -q && svc --db y.db parts catalog update CAP-35 --list-price 22.00 -q && svc --db y.db product import $SRC/examples/network/products.csv -q && svc --db y.db audit verify | grep -c intact
# svc's own updates of master data keep verify at 0 (each appends the row's new seal)
### stdout
3

### run bash tamper.sh "UPDATE events SET event = 'bogus' WHERE seq = 3"
# an event kind svc never writes: a finding, not "store unavailable"
### exit 1
### stdout-has
chain broken at seq 3
its event kind 'bogus' is not one svc writes
tickets: not checked: the projection cannot be recomputed: event 3 has the kind 'bogus'

### run bash tamper.sh "DROP TABLE seals"
# the seals dropped: a finding, not an internal error
### exit 1
### stdout-has
seals: table dropped: the table of seals is missing

### run bash tamper.sh "DROP TABLE corrections"
# a sealed table dropped
### exit 1
### stdout-has
corrections: table dropped: the table is missing; 1 seal names rows of it

### run bash tamper.sh "DROP TABLE tickets"
# the projection dropped
### exit 1
### stdout-has
tickets: table dropped

### run bash tamper.sh "DROP TABLE events"
# the log dropped
### exit 1
### stdout-has
the events table is missing

### file rowid.sh
# rowid.sh ROWID: moves one tickets row to ROWID on a copy; the outlet report must equal the untouched store's
rm -f z.db; sqlite3 d.db ".backup z.db" && sqlite3 z.db "UPDATE tickets SET rowid = $1 WHERE ticket = (SELECT ticket FROM tickets ORDER BY ticket LIMIT 1 OFFSET 7)" || exit 9
for t in 1 4; do
  SVC_THREADS=$t svc --db d.db report outlets --period 2026-11 --as-of 2026-12-04 --format csv > a.csv || exit 8
  SVC_THREADS=$t svc --db z.db report outlets --period 2026-11 --as-of 2026-12-04 --format csv > b.csv || exit 7
  cmp -s a.csv b.csv || { echo "report differs with $t threads"; diff a.csv b.csv | head -5; }
done
svc --db z.db audit verify | grep moved | sed 's/ticket=[^)]*/ticket=T/'

### run bash rowid.sh 9223372036854775807
# rowid 2^63-1: the ranged scan counted every ticket 8 times; verify names the moved row
### stdout
tickets (ticket=T): moved: its row's rowid 9223372036854775807 is not one the store assigns to svc's writes (1 to 2^53): the table's shape was altered (svc admin rebuild rewrites it)

### run bash rowid.sh 4611686018427387904
# rowid 2^62: a ticket was dropped
### stdout
tickets (ticket=T): moved: its row's rowid 4611686018427387904 is not one the store assigns to svc's writes (1 to 2^53): the table's shape was altered (svc admin rebuild rewrites it)

### run bash rowid.sh -9223372036854775808
# rowid -2^63
### stdout
tickets (ticket=T): moved: its row's rowid -9223372036854775808 is not one the store assigns to svc's writes (1 to 2^53): the table's shape was altered (svc admin rebuild rewrites it)

### run bash rowid.sh -5
# a negative rowid
### stdout
tickets (ticket=T): moved: its row's rowid -5 is not one the store assigns to svc's writes (1 to 2^53): the table's shape was altered (svc admin rebuild rewrites it)

### run rm -f z.db; sqlite3 d.db ".backup z.db" && sqlite3 z.db "UPDATE tickets SET rowid = 9223372036854775807 WHERE ticket = (SELECT ticket FROM tickets ORDER BY ticket LIMIT 1 OFFSET 7)" && for db in d.db z.db; do SVC_NOW=2026-12-05T12:00:00Z svc --db $db audit outlets --period 2026-11 --as-of '2026-12-04 06:00' --format csv | md5sum; done | uniq | wc -l
# the monthly assessment of the moved store is the untouched store's
### stdout
1
