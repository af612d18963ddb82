svc audit integrity: a signature before the completion, an unapproved fee, in every format.

### file log.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,amount,approved
E01,2026-11-09 08:00,T1,created,repair,normal,华东,SH-01,,,
E02,2026-11-09 08:30,T1,dispatched,,,,,E-017,,
E03,2026-11-09 10:00,T1,signed,,,,,,,
E04,2026-11-09 10:30,T1,completed,,,,,,,
E05,2026-11-09 10:35,T1,signed,,,,,,,
E06,2026-11-10 09:00,T2,created,install,normal,华北,BJ-01,,,
E07,2026-11-10 11:00,T2,fee,,,,,,120.00,no
E08,2026-11-10 11:05,T2,fee,,,,,,30,yes
E09,2026-11-12 09:00,T3,created,repair,urgent,华北,BJ-01,,,
E10,2026-11-12 09:30,T3,completed,,,,,,,
E11,2026-11-12 09:40,T3,signed,,,,,,,

### run svc init --quiet && svc import log.csv > /dev/null

### run svc audit integrity
### stdout
TICKET  CHECK                   EVENT  KIND    TIME              OUTLET  ENGINEER  DETAIL
------  ----------------------  -----  ------  ----------------  ------  --------  -----------------------------------
T1      sign-before-completion  E03    signed  2026-11-09 10:00  SH-01   E-017     signed with no completion before it
T2      unapproved-fee          E07    fee     2026-11-10 11:00  BJ-01   -         fee 120.00 not approved
2 findings as of 2026-11-23T20:00:00+08:00

### run svc audit integrity --format csv | tr -d '\r'
### stdout
ticket,check,event,kind,ts,outlet,engineer,detail
T1,sign-before-completion,E03,signed,2026-11-09T10:00:00+08:00,SH-01,E-017,signed with no completion before it
T2,unapproved-fee,E07,fee,2026-11-10T11:00:00+08:00,BJ-01,,fee 120.00 not approved
### stderr-has
2 findings

### run svc audit integrity --format json --outlet BJ-01
### stdout
{"as_of":"2026-11-23T20:00:00+08:00","findings":[{"ticket":"T2","check":"unapproved-fee","event":"E07","kind":"fee","ts":"2026-11-10T11:00:00+08:00","outlet":"BJ-01","engineer":null,"detail":"fee 120.00 not approved"}]}

### run svc audit integrity --from 2026-11-10 --format csv --quiet | tr -d '\r'
# the ticket's local created date selects it; as_of hides later events
### stdout
ticket,check,event,kind,ts,outlet,engineer,detail
T2,unapproved-fee,E07,fee,2026-11-10T11:00:00+08:00,BJ-01,,fee 120.00 not approved

### run svc audit integrity --as-of '2026-11-09 23:00'
### stdout
TICKET  CHECK                   EVENT  KIND    TIME              OUTLET  ENGINEER  DETAIL
------  ----------------------  -----  ------  ----------------  ------  --------  -----------------------------------
T1      sign-before-completion  E03    signed  2026-11-09 10:00  SH-01   E-017     signed with no completion before it
1 finding as of 2026-11-09T23:00:00+08:00

### run svc audit integrity --fail-on finding > /dev/null
### exit 1

### run svc audit integrity --fail-on finding --to 2026-11-08 --format json
### stdout
{"as_of":"2026-11-23T20:00:00+08:00","findings":[]}
### exit 0

### run svc audit integrity --to 2026-13-01
### exit 2
### stderr-has
svc: error: --to '2026-13-01': no such date

### run svc audit integrity --fail-on breach
### exit 2
