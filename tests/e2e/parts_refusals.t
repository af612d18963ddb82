Every refusal of the parts commands: the exit status, the message, and the
store left unchanged.

### file parts.csv
part,name,list_price,min_stock,claimable
CAP-35,Run capacitor,12.00,5,yes
MOT-1,Fan motor,900.00,1,no

### file bad-parts.csv
part,name,list_price,claimable
NEW-1,New part,1.00,yes
NEW-2,,abc,perhaps

### file typo-parts.csv
part,nmae
X-1,x

### file bad-count.csv
part,counted
CAP-35,-2
CAP-35,1

### file unknown-count.csv
part,counted,reason
CAP-35,4,
CAX-35,1,

### file used.csv
id,ts,ticket,event,type,urgency,region,outlet,part,qty
T9-c,2026-11-01 15:00,T9,created,repair,normal,华东,SH-01,,
T9-p1,2026-11-05 15:00,T9,part_used,,,,,CAP-35,3

### file strict.toml
[parts]
issue_approval_over = 10.00
unconsumed_days = 0

### file t9.csv
id,ts,ticket,event,type,urgency,region,outlet,part,qty
T9-c,2026-11-01 15:00,T9,created,repair,normal,华东,SH-01,,

### run svc init -q && svc import -q t9.csv >/dev/null && svc parts catalog import parts.csv -q && svc parts warehouse add SH-01 && svc parts warehouse add GZ-01 && svc parts receive CAP-35 --qty 5 --unit-cost 10 --receipt G1 --at '2026-11-02 09:00' >/dev/null

### run svc parts catalog import bad-parts.csv
### exit 65
### stderr-has
bad-parts.csv:3: list_price must be an amount >= 0 with at most 2 decimals, got 'abc'
bad-parts.csv:3: claimable must be yes or no, got 'perhaps'
bad-parts.csv:3: name is required
svc: error: 'bad-parts.csv' has 3 problems; nothing was imported

### run svc parts catalog import typo-parts.csv
### exit 65
### stderr-has
typo-parts.csv:1: unknown column 'nmae' (did you mean 'name'?)
typo-parts.csv:1: missing column 'name'

### run svc parts catalog import missing.csv
### exit 66
### stderr-has
svc: error: cannot read 'missing.csv'

### run svc parts catalog list --format csv | wc -l
# nothing of the bad files was imported: header + 2 parts
### stdout
3

### run svc parts catalog add CAP-35 --name again
### exit 65
### stderr-has
svc: error: part 'CAP-35' is already in the catalogue

### run svc parts catalog add NEW-9
### exit 2
### stderr-has
--name is required

### run svc parts catalog add 'BAD,1' --name x
### exit 65
### stderr-has
part number 'BAD,1' is not valid

### run svc parts catalog update CAP-36 --min-stock 3
### exit 66
### stderr-has
svc: error: unknown part 'CAP-36' (did you mean 'CAP-35'?)

### run svc parts catalog update CAP-35 --list-price 1.234
### exit 2
### stderr-has
--list-price '1.234' must be an amount >= 0 with at most 2 decimals

### run svc parts receive CAP-35 --qty 1 --unit-cost 10 --receipt G1
### exit 65
### stderr-has
svc: error: receipt 'G1' is already registered for part CAP-35 (movement #1)

### run svc parts receive CAP-35 --qty 1 --unit-cost 10 --receipt G2 --warehouse BJ-01
### exit 66
### stderr-has
svc: error: unknown warehouse 'BJ-01'
add it with 'svc parts warehouse add BJ-01'

### run svc parts receive CAP-35 --qty 0 --unit-cost 10 --receipt G2
### exit 2

### run svc parts receive CAP-35 --qty 1 --unit-cost -1 --receipt G2
### exit 2
### stderr-has
--unit-cost '-1' must be an amount >= 0

### run svc parts receive CAP-35 --qty 1 --unit-cost 10 --receipt G2 --at '2026-11-01 09:00'
### exit 65
### stderr-has
svc: error: 2026-11-01T09:00:00+08:00 is before the last movement of CAP-35 in 'central' (2026-11-02T09:00:00+08:00): the ledger is kept in time order

### run svc parts receive CAP-35 --qty 1 --unit-cost 10 --receipt G2 --at '2027-01-01 09:00'
### exit 2
### stderr-has
svc: error: --at '2027-01-01 09:00' is in the future

### run svc parts receive CAP-35 --qty 1 --unit-cost 10 --receipt G2 --at 'tomorrow'
### exit 2
### stderr-has
svc: error: --at 'tomorrow' is not a timestamp

### run svc parts transfer CAP-35 --qty 6 --from central --to SH-01
### exit 65
### stderr-has
svc: error: not enough stock in 'central': 6 new CAP-35 needed, the balance is 5

### run svc parts transfer CAP-35 --qty 1 --from SH-01 --to GZ-01
### exit 65
### stderr-has
transfers go between central and an outlet

### run svc parts transfer CAP-35 --qty 1 --from central --to central
### exit 65
### stderr-has
svc: error: transfer from 'central' to itself

### run svc parts issue T9 CAP-35 --qty 6 --warehouse central
### exit 65
### stderr-has
svc: error: not enough stock in 'central': 6 new CAP-35 needed, the balance is 5

### run svc --config strict.toml parts issue T9 CAP-35 --qty 1 --warehouse central
### exit 65
### stderr-has
strict.toml:3: parts.unconsumed_days must be a whole number of days from 1 to 3650

### run printf '[parts]\nissue_approval_over = 10.00\n' > strict.toml && svc --config strict.toml parts issue T9 CAP-35 --qty 2 --warehouse central
### exit 65
### stderr-has
svc: error: issue of 2 x CAP-35 is worth 20.00, above the approval threshold 10.00 (parts.issue_approval_over): a supervisor must approve it (--approved-by)

### run svc parts issue 'T 9' CAP-35 --qty 1 --warehouse central
### exit 65
### stderr-has
svc: error: ticket id 'T 9' is not valid

### run svc parts issue T9 CAP-35 --qty 2 --warehouse central --at '2026-11-06 09:00' >/dev/null && svc import -q used.csv && svc parts consume T9 CAP-35 --qty 3 --event T9-p1
# the event is before the issue, and asks for more than was issued
### exit 65
### stderr-has
svc: error: consume of 3 x CAP-35 on ticket T9 at 2026-11-05T15:00:00+08:00 does not match an issue: 0 issued to the ticket by then, 0 fitted, 0 returned unused

### run svc parts consume T9 CAP-35 --qty 2 --event T9-p1
### exit 65
### stderr-has
svc: error: event 'T9-p1' records 3 x CAP-35 on T9, not 2 x CAP-35 on T9

### run svc parts consume T9 CAP-35 --qty 1 --event T9-c
### exit 65
### stderr-has
svc: error: event 'T9-c' is a created event, not part_used

### run svc parts consume T9 CAP-35 --qty 1 --event nope
### exit 65
### stderr-has
svc: error: no event 'nope' in the store

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc parts consume T9 CAP-35 --qty 1; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
# without --event consume writes the part_used event, but only while the engineer is on site; nothing is written
### exit 65
### stdout
unchanged
### stderr-has
svc: error: ticket 'T9' is new: a part can be recorded as fitted only while the engineer is on site (on_site)

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc parts consume T404 CAP-35 --qty 1; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
### exit 66
### stdout
unchanged
### stderr-has
svc: error: no ticket 'T404' in the store

### run svc parts consume T9 CAX-35 --qty 1
### exit 66
### stderr-has
svc: error: unknown part 'CAX-35' (did you mean 'CAP-35'?)

### run svc parts consume T9 CAP-35 --qty 1 --event T9-p1 --note 'why'
### exit 2
### stderr-has
svc: error: --note is for the part_used event consume writes; with --event the event exists already

### run svc parts reconcile
# unmatched events stay unlinked; reconcile itself succeeds
### stdout-has
T9-p1
unmatched
### stderr-has
svc: 0 linked, 1 unmatched

### run svc parts return new T9 CAP-35 --qty 3
### exit 65
### stderr-has
svc: error: return of 3 unused CAP-35 from ticket T9: only 2 issued to it and not fitted or returned

### run svc parts return old T9 CAP-35 --qty 1
### exit 65
### stderr-has
svc: error: return of 1 old CAP-35 from ticket T9: 0 fitted on it, 0 old already back

### run svc parts scrap CAP-35 --qty 1 --warehouse central
### exit 2
### stderr-has
--reason is required

### run svc parts scrap CAP-35 --qty 1 --warehouse central --old --reason broken
### exit 65
### stderr-has
svc: error: not enough stock in 'central': 1 old CAP-35 needed, the balance is 0

### run svc parts count --warehouse central bad-count.csv
### exit 65
### stderr-has
bad-count.csv:2: counted must be a whole number >= 0, got '-2'

### run svc parts count --warehouse central unknown-count.csv
### exit 65
### stderr-has
unknown-count.csv:2: CAP-35: counted 4, the books say 3: a variance needs a reason
unknown-count.csv:3: unknown part 'CAX-35' (did you mean 'CAP-35'?)
svc: error: stock-take 'unknown-count.csv' has 2 problems; nothing was applied

### run svc parts count --warehouse central no-such-sheet.csv
### exit 66

### run svc parts count --warehouse central unknown-count.csv --reason 'nope'
# --reason fills the reason, but the unknown part still refuses the whole sheet
### exit 65

### run svc parts claim open MOT-1 --qty 1 --warehouse central
### exit 65
### stderr-has
svc: error: part MOT-1 is not claimable (catalogue)

### run svc parts claim open CAP-35 --qty 1 --warehouse central
### exit 65
### stderr-has
svc: error: not enough old parts: 1 old CAP-35 claimed, 'central' holds 0 of which 0 are in open claims

### run svc parts claim submit 7
### exit 66
### stderr-has
svc: error: no claim #7

### run svc parts claims --status pending
### exit 2

### run svc audit parts --fail-on everything
### exit 2

### run svc parts stock --warehouse SH-02
### exit 2
### stderr-has
svc: error: --warehouse: unknown warehouse 'SH-02' (did you mean 'SH-01'?)

### run svc parts ledger --part NOPE
### exit 2
### stderr-has
svc: error: --part: unknown part 'NOPE'

### run svc parts stock --warehouse central --format json
# after all the refusals: 5 received, 2 issued to T9
### stdout
[{"warehouse":"central","part":"CAP-35","name":"Run capacitor","unit":"pc","qty":"3","min_stock":"5","below_min":"yes","old_parts":"0","avg_cost":"10.00","value":"30.00"},{"warehouse":"central","part":"MOT-1","name":"Fan motor","unit":"pc","qty":"0","min_stock":"1","below_min":"yes","old_parts":"0","avg_cost":"0.00","value":"0.00"}]

### run svc audit parts --fail-on unlinked-part-used,balance-mismatch --format csv
### exit 1
### stdout-has
unlinked-part-used,,CAP-35,T9,T9-p1

### run svc audit parts --fail-on balance-mismatch --format csv
# findings of other checks do not fail it
### exit 0
