svc admin rebuild: recomputes the projection from the events.

### file day.csv
ts,ticket,event,type,urgency,region,outlet,engineer
2026-11-02 08:15,T1,created,repair,normal,华东,SH-01,
2026-11-02 09:15,T1,dispatched,,,,,E-1
2026-11-02 10:15,T1,completed,,,,,

### run svc import --quiet day.csv >/dev/null && sqlite3 svc.db "SELECT ticket, created_at, type, urgency, channel, region, outlet, customer, product, purchased, distance_km, engineer, state, responded_at, arrived_at, completed_at, closed_at, followed_up_at, satisfaction, last_ts, events, hex(digest) FROM tickets" > before && sqlite3 svc.db "UPDATE tickets SET state = 'x', digest = NULL" && svc admin rebuild && sqlite3 svc.db "SELECT ticket, created_at, type, urgency, channel, region, outlet, customer, product, purchased, distance_km, engineer, state, responded_at, arrived_at, completed_at, closed_at, followed_up_at, satisfaction, last_ts, events, hex(digest) FROM tickets" > after && cmp before after && cut -d'|' -f1-21 after
### stdout
T1|1793578500000000|repair|normal||华东|SH-01|||||E-1|completed|||1793585700000000||||1793585700000000|3
### stderr-has
svc: rebuilt the projection of 1 ticket

### run svc admin rebuld
### exit 2
### stderr-has
did you mean 'rebuild'

### run svc --db nowhere.db admin rebuild
### exit 69

# ---- svc admin backup: a consistent copy with the store's mode, atomic, never over an existing file

### run mkdir -p bk && umask 022 && svc admin backup bk/svc-2026-11-23.db && stat -c '%a' svc.db bk/svc-2026-11-23.db && ls -a bk
# a umask of 022 would make a plain copy world-readable: the backup has the store's 0600
### stdout
600
600
.
..
svc-2026-11-23.db
### stderr-has
svc: backed up 3 events (schema

### run sqlite3 bk/svc-2026-11-23.db "PRAGMA integrity_check; PRAGMA journal_mode; SELECT count(*) FROM events" && diff <(sqlite3 svc.db .dump) <(sqlite3 bk/svc-2026-11-23.db .dump) && echo same
# a single-file copy (not WAL), with every row of the store
### stdout
ok
delete
3
same

### run svc --db bk/svc-2026-11-23.db audit verify --format json | grep -o '"ok":[a-z]*'
### stdout
"ok":true

### run cp bk/svc-2026-11-23.db first.db && svc import --quiet "$SRC/examples/demo/service-log.csv" > /dev/null && svc admin backup bk/svc-2026-11-23.db; echo "exit $?"; cmp first.db bk/svc-2026-11-23.db && ls -a bk | wc -l
# an existing backup is kept: refused, nothing written, no temporary file left
### stdout
exit 2
3
### stderr-has
svc: error: 'bk/svc-2026-11-23.db' exists: nothing written (give --force to replace it)

### run svc admin backup bk/svc-2026-11-23.db --force --quiet && stat -c '%a' bk/svc-2026-11-23.db && test "$(sqlite3 bk/svc-2026-11-23.db 'SELECT count(*) FROM events')" = "$(sqlite3 svc.db 'SELECT count(*) FROM events')" && ls -a bk | wc -l
# --force replaces it in one rename
### stdout
600
3

### run chmod 640 svc.db && svc admin backup bk/group.db --quiet && stat -c '%a' bk/group.db; chmod 600 svc.db
# the backup takes the store's bits, whatever they are
### stdout
640

### run svc admin backup bk
### exit 2
### stderr-has
svc: error: 'bk' is a directory: name the backup file

### run svc admin backup svc.db --force
### exit 2
### stderr-has
is the store itself

### run svc admin backup no/such/dir/x.db
### exit 66
### stderr-has
svc: error: cannot write the backup 'no/such/dir/x.db': no directory 'no/such/dir'

### run svc --db nowhere.db admin backup bk/x.db
### exit 69

### run svc --busy-timeout 100 import --quiet "$SRC/examples/demo/service-log.csv" > /dev/null & for i in 1 2 3 4 5; do svc admin backup bk/during-$i.db --quiet || exit 1; done; wait; for i in 1 2 3 4 5; do sqlite3 bk/during-$i.db "PRAGMA quick_check"; done | sort -u
# while another svc writes: every backup is a consistent copy
### stdout
ok


### run wal=$(sha256sum svc.db-wal); for d in svc.db-wal svc.db-shm svc.db-journal ./bk/../svc.db-wal; do svc admin backup "$d" --force; echo "exit $?"; done; test "$(sha256sum svc.db-wal)" = "$wal" && echo wal kept
# the store's WAL holds committed transactions: replacing it lost a cost entry (and verify still said intact)
### stdout
exit 2
exit 2
exit 2
exit 2
wal kept
### stderr-has
svc: error: 'svc.db-wal' is the store's wal file ('
part of the store: back it up to another file; nothing written
svc: error: 'svc.db-shm' is the store's shm file
svc: error: 'svc.db-journal' is the store's journal file

### run ln -s ../svc.db-wal bk/wal-link.db && ln svc.db bk/hard.db && ln -s .. bk/up && for d in bk/wal-link.db bk/hard.db bk/up/svc.db-wal; do svc admin backup "$d" --force; echo "exit $?"; done; rm bk/hard.db bk/wal-link.db bk/up
# through a symbolic link, a hard link, a linked directory
### stdout
exit 2
exit 2
exit 2
### stderr-has
part of the store

### run dev=/dev/null; mknod bk/null c 1 3 2>/dev/null && dev=bk/null; mkfifo bk/fifo && svc admin backup bk/fifo --force; echo "exit $?"; svc admin backup $dev --force; echo "exit $?"; test -p bk/fifo && test -c $dev && echo untouched; rm -f bk/fifo bk/null
# a device (as root, rename replaced /dev/null by the copy; a node of the null device here, where we may create one) or a fifo: refused, left as it is
### stdout
exit 2
exit 2
untouched
### stderr-has
svc: error: 'bk/fifo' is not a regular file (a device, fifo or socket): name a backup file; nothing written
is not a regular file (a device, fifo or socket)

### file kill.sh
# a store of ~64 MB, then a backup killed with SIGKILL as soon as its temporary
# copy holds pages (or its journal exists): it dies mid-copy and leaves them
# behind. Polling, not fixed delays, so a slow build (ASan) or a loaded machine
# lands the kill too; a backup that finished first is simply tried again.
sqlite3 svc.db "CREATE TABLE pad(b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256) INSERT INTO pad SELECT randomblob(262144) FROM n" || exit 1
mkdir -p big
for i in $(seq 1 30); do
  svc admin backup big/nightly.db --force --quiet & pid=$!
  while kill -0 "$pid" 2>/dev/null &&
        [ -z "$(find big -name '.nightly.db.svc-backup.*' \( -size +0 -o -name '*-journal' \) 2>/dev/null)" ]; do
    sleep 0.002
  done
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  ls -A big | grep -q 'svc-backup' && { echo "killed mid-copy"; break; }
done
ls -A big | grep -c '^\.nightly\.db\.svc-backup\.[A-Za-z0-9]\{6\}' | sed 's/^[1-9][0-9]*$/temporary files left/'

### run bash kill.sh
### stdout
killed mid-copy
temporary files left

### run svc admin backup big/nightly.db --force && ls -A big && sqlite3 big/nightly.db "PRAGMA quick_check"
# the next run removes them (a running backup's file is locked, never removed)
### stdout
nightly.db
ok
### stderr-has
interrupted backup left beside big/nightly.db

### run svc admin backup bk/ro.db --quiet && chmod a-w bk/ro.db && before=$(sha256sum < bk/ro.db) && svc --db bk/ro.db audit verify > /dev/null; echo "exit $?"; test "$(sha256sum < bk/ro.db)" = "$before" && echo same bytes; ls -A bk | grep -c 'ro\.db-' ; sqlite3 bk/ro.db "PRAGMA journal_mode"
# verify opens the copy read-only: no switch to WAL mode, no -wal/-shm, its bytes unchanged
### stdout
exit 0
same bytes
0
delete
