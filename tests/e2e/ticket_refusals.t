Every refusal of svc ticket: the state machine (exit 65, naming the state and
the allowed steps), bad input data (65), bad command lines (2), and nothing
stored by a refused step.

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc outlet add SH-09 --name 九店 --region 华东 --quiet && svc outlet update SH-09 --active no --quiet && svc engineer add E-017 --name 张工 --outlet SH-01 --quiet && svc ticket create --id T1 --type repair --outlet SH-01 --at '2026-11-20 09:00' --quiet
### stdout
T1

### run svc ticket sign T1
### exit 65
### stderr-has
svc: error: ticket 'T1' is new: 'sign' is not allowed (no completion to sign; 'sign --force --reason TEXT' records it anyway, as an integrity finding); allowed: respond, schedule, resolve-by-phone, cancel, pause, complain, note

### run svc ticket sign T1 --force
### exit 65
### stderr-has
sign --force needs --reason

### run svc ticket create --id T1 --type repair --outlet SH-01
### exit 65
### stderr-has
svc: error: ticket 'T1' already exists (it is new)

### run svc ticket respond NOPE
### exit 66
### stderr-has
svc: error: no ticket 'NOPE' in the store

### run svc ticket arrive T1
### exit 65
### stderr-has
'arrive' is not allowed (no engineer is dispatched for this visit: 'svc ticket schedule --engineer E' first)

### run svc ticket close T1
### exit 65
### stderr-has
svc: error: ticket 'T1' is new: 'close' is not allowed

### run svc ticket resume T1
### exit 65
### stderr-has
(the clock is not paused)

### run svc ticket pause T1 --reason 等配件
### exit 65
### stderr-has
pause needs the customer's consent (--consent)

### run svc ticket respond T1 --at '2026-11-19 09:00'
### exit 65
### stderr-has
svc: error: ticket 'T1' already has a later event (created at 2026-11-20T09:00:00+08:00)

### run svc ticket respond T1 --at '2026-11-24 09:00'
### exit 65
### stderr-has
is in the future (now is 2026-11-23T20:00:00+08:00)

### run svc ticket respond T1 --at yesterday
### exit 2
### stderr-has
svc: error: --at 'yesterday':

### run svc ticket create --type repair --outlet SH-1
### exit 66
### stderr-has
unknown outlet 'SH-1' (did you mean 'SH-01'?)

### run svc ticket create --type repair --outlet SH-09
### exit 65
### stderr-has
outlet 'SH-09' is not active

### run svc ticket create --type fix --outlet SH-01
### exit 2
### stderr-has
svc: error: --type: unknown service type 'fix'; one of: repair, install, maintenance, consultation, complaint, return, replacement

### run svc ticket create --type repair --outlet SH-01 --purchased 2026-02-29
### exit 2
### stderr-has
svc: error: --purchased '2026-02-29': no such date

### run svc ticket create --type repair --outlet SH-01 --purchased 2026-11-24
### exit 65
### stderr-has
--purchased 2026-11-24 is after the ticket's date 2026-11-23

### run svc ticket create --type repair --outlet SH-01 --distance -3
### exit 65
### stderr-has
distance_km must be a number >= 0

### run svc ticket create --type repair --outlet SH-01 --part NOPE
### exit 65
### stderr-has
unknown part 'NOPE' (not in the parts catalogue)

### run svc ticket create --type repair --outlet SH-01 --id 'bad id'
### exit 65
### stderr-has
ticket id 'bad id' is not valid

### run svc ticket create --outlet SH-01
### exit 2
### stderr-has
--type is required

### run svc ticket schedule T1 --window '2026-11-23 16:00/15:00'
### exit 2
### stderr-has
the end must be after the start

### run svc ticket schedule T1 --window '2026-11-23 16:00'
### exit 2
### stderr-has
expected START/END

### run svc ticket schedule T1 --window '2026-11-23 09:00/10:00' --at '2026-11-23 11:00'
### exit 65
### stderr-has
the window ends at 2026-11-23T10:00:00+08:00, before the step's time

### run svc ticket schedule T1 --window '2026-11-24 09:00/10:00' --engineer E-18
### exit 66
### stderr-has
unknown engineer 'E-18'

### run svc ticket schedule T1 --window '2026-11-24 09:00/10:00' --consent
### exit 65
### stderr-has
--consent is for a reschedule; this is the ticket's first appointment

### run svc ticket schedule T1 --window '2026-11-24 09:00/10:00' --engineer E-017 --at '2026-11-21 09:00' && svc ticket schedule T1 --window '2026-11-25 09:00/10:00' --at '2026-11-21 10:00'
### exit 65
### stderr-has
T1: responded, dispatched -> scheduled
a reschedule needs --reason

### run svc ticket complete T1 --content x --part CAP:0
### exit 2
### stderr-has
--part 'CAP:0': qty must be an integer >= 1

### run svc ticket follow-up T1 --satisfaction 5
### exit 65
### stderr-has
'follow-up' is not allowed

### run svc ticket arrive T1 --at '2026-11-21 11:00' && svc ticket complete T1 --content 修好 --fee 12.345 --at '2026-11-21 12:00'
### exit 65
### stderr-has
T1: arrived -> on_site
--fee: amount must be a decimal with at most 2 places

### run svc ticket complete T1 --content 修好 --at '2026-11-21 12:00' && svc ticket follow-up T1 --satisfaction 6 --at '2026-11-21 13:00'
### exit 65
### stderr-has
--satisfaction: satisfaction must be an integer 1-5, got '6'

### run svc ticket reject T1 --at '2026-11-21 13:00'
### exit 2
### stderr-has
--reason is required

### run svc ticket complain T1 --responsible maybe
### exit 2
### stderr-has
--responsible: unknown responsible 'maybe'; one of: yes, no

### run svc ticket complaint NOPE --investigation x
### exit 66
### stderr-has
no complaint 'NOPE'

### run svc ticket complain T1 --responsible no --number C9 --at '2026-11-21 13:00' --quiet && svc ticket complaint C9 --resolution done
### exit 65
### stderr-has
complaint C9: the resolution needs the investigation first

### run svc ticket complaint C9
### exit 2
### stderr-has
give one of --investigation, --plan or --resolution

### run svc ticket complaint C9 --investigation a --plan b
### exit 2
### stderr-has
excludes

### run svc ticket cancel T1 --reason x --at '2026-11-21 14:00'
### exit 65
### stderr-has
svc: error: ticket 'T1' is completed: 'cancel' is not allowed; allowed: sign, reject, follow-up, reopen, close, pause, complain, note

### run svc ticket create --id T2 --type repair --outlet SH-01 --at '2026-11-21 09:00' --quiet && svc ticket cancel T2 --reason 客户撤销 --at '2026-11-21 10:00' && svc ticket note T2 --text x
### exit 65
### stderr-has
T2: cancelled -> cancelled
svc: error: ticket 'T2' is cancelled: 'note' is not allowed; allowed: nothing (a cancelled ticket is final)

### run svc ticket sign T2 --force --reason x
### exit 65
### stderr-has
ticket 'T2' is cancelled

### run sqlite3 svc.db "SELECT ticket, event FROM events ORDER BY seq; SELECT count(*) FROM ticket_notes; SELECT number FROM complaints"
### stdout
T1|created
T1|responded
T1|dispatched
T1|arrived
T1|completed
T1|complaint
T2|created
T2|cancelled
0
C9

### run svc ticket list --from 2026-11-22 --to 2026-11-21
### exit 2
### stderr-has
--from 2026-11-22 is after --to 2026-11-21

### run svc ticket show NOPE
### exit 66
### stderr-has
no ticket 'NOPE'

### file bad.toml
[warranty]
months = -1
lines = { AC = "x" }
labor_rate = 80.123
labor_quota = { fixing = 1 }
[tickets]
id_pattern = "T{date}{seq}"
phone_followup = "2x"

### run svc config check bad.toml
### exit 65
### stderr-has
bad.toml:2: warranty.months must be a whole number of months from 0 to 1200
bad.toml:3: warranty.lines.AC must be a whole number of months from 0 to 1200
bad.toml:4: warranty.labor_rate must be an amount >= 0 with at most 2 decimals, got 80.123
bad.toml:5: warranty.labor_quota: type must be one of
bad.toml:7: tickets.id_pattern: unknown token '{date}'
bad.toml:8: tickets.phone_followup: bad duration '2x'
