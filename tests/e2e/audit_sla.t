svc audit sla: the spec's worked example (T1) among a few tickets, in every format.
T2 urgent and on time; T3 a consultation at risk of missing its response; T4
remote and cancelled; T5 closed without an arrival (breached, overdue 0).

### file log.csv
id,ts,ticket,event,type,urgency,channel,region,outlet,distance_km,engineer,satisfaction,approved,amount,note
E01,2026-11-06 16:00,T1,created,repair,normal,phone,华东,SH-01,12,,,,,"空调不制冷, 外机异响"
E02,2026-11-07 10:00,T4,created,repair,normal,app,华南,GZ-01,150,,,,,
E03,2026-11-07 11:00,T4,cancelled,,,,,,,,,,,客户取消
E04,2026-11-08 20:00,T3,created,consultation,normal,web,华北,BJ-01,,,,,,
E05,2026-11-09 08:00,T2,created,repair,urgent,phone,华东,SH-02,8.5,,,,,
E06,2026-11-09 08:20,T2,responded,,,,,,,,,,,
E07,2026-11-09 08:25,T2,dispatched,,,,,,,E-017,,,,
E08,2026-11-09 08:30,T5,created,install,normal,onsite,华东,SH-01,3,,,,,
E09,2026-11-09 08:50,T2,arrived,,,,,,,,,,,
E10,2026-11-09 09:00,T1,responded,,,,,,,,,,,
E11,2026-11-09 09:00,T5,responded,,,,,,,,,,,
E12,2026-11-09 10:00,T1,paused,,,,,,,,,,,等待配件
E13,2026-11-09 10:00,T2,completed,,,,,,,,,,,
E14,2026-11-09 10:00,T5,closed,,,,,,,,,,,
E15,2026-11-09 10:05,T2,signed,,,,,,,,,,,
E16,2026-11-09 14:00,T1,resumed,,,,,,,,,,,
E17,2026-11-09 15:00,T2,followed_up,,,,,,,,5,,,
E18,2026-11-09 15:10,T2,closed,,,,,,,,,,,

### run svc init --quiet && svc import log.csv > /dev/null

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00
### stdout
TICKET  OUTLET  REGION  RULE          STATUS  RESPONSE  ARRIVAL   RESOLUTION  FOLLOWUP  OVERDUE  DUE
------  ------  ------  ------------  ------  --------  --------  ----------  --------  -------  ----------------
T1      SH-01   华东    standard      late    breached  breached  pending     n/a        44h00m  2026-11-12 10:00
T3      BJ-01   华北    consultation  open    at_risk   -         pending     -                  2026-11-09 20:00
T5      SH-01   华东    standard      late    met       breached  breached    n/a            0m
5 tickets as of 2026-11-09T16:00:00+08:00: 2 late, 1 on time, 1 open, 1 cancelled, 0 without a rule; 2 with a breached target, 1 at risk

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --format csv | tr -d '\r'
### stdout
ticket,outlet,region,rule,status,response,arrival,resolution,followup,overdue_s,due
T1,SH-01,华东,standard,late,breached,breached,pending,n/a,158400,2026-11-12T10:00:00+08:00
T3,BJ-01,华北,consultation,open,at_risk,,pending,,,2026-11-09T20:00:00+08:00
T5,SH-01,华东,standard,late,met,breached,breached,n/a,0,
### stderr-has
5 tickets as of 2026-11-09T16:00:00+08:00: 2 late, 1 on time, 1 open, 1 cancelled, 0 without a rule; 2 with a breached target, 1 at risk

### run svc audit sla --as-of '2026-11-09 16:00' --format json
# spec §6: T1 exactly as the worked example's JSON
### stdout
{"as_of":"2026-11-09T16:00:00+08:00","tickets":[{"ticket":"T1","outlet":"SH-01","region":"华东","rule":"standard","status":"late","targets":{"response":{"status":"breached","elapsed_s":234000,"target_s":86400,"overdue_s":147600},"arrival":{"status":"breached","elapsed_s":244800,"target_s":86400,"overdue_s":158400},"resolution":{"status":"pending","at_risk":false,"elapsed_s":18000,"target_s":86400,"due":"2026-11-12T10:00:00+08:00"},"followup":{"status":"n/a","target_s":86400}}},{"ticket":"T3","outlet":"BJ-01","region":"华北","rule":"consultation","status":"open","targets":{"response":{"status":"pending","at_risk":true,"elapsed_s":72000,"target_s":86400,"due":"2026-11-09T20:00:00+08:00"},"resolution":{"status":"pending","at_risk":false,"elapsed_s":23400,"target_s":86400,"due":"2026-11-11T17:30:00+08:00"}}},{"ticket":"T5","outlet":"SH-01","region":"华东","rule":"standard","status":"late","targets":{"response":{"status":"met","elapsed_s":1800,"target_s":86400},"arrival":{"status":"breached","elapsed_s":5400,"target_s":86400,"overdue_s":0},"resolution":{"status":"breached","elapsed_s":5400,"target_s":86400,"overdue_s":0},"followup":{"status":"n/a","target_s":86400}}}]}

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --all
### stdout
TICKET  OUTLET  REGION  RULE          STATUS     RESPONSE  ARRIVAL   RESOLUTION  FOLLOWUP  OVERDUE  DUE
------  ------  ------  ------------  ---------  --------  --------  ----------  --------  -------  ----------------
T1      SH-01   华东    standard      late       breached  breached  pending     n/a        44h00m  2026-11-12 10:00
T2      SH-02   华东    urgent        on_time    met       met       met         met
T3      BJ-01   华北    consultation  open       at_risk   -         pending     -                  2026-11-09 20:00
T4      GZ-01   华南    remote        cancelled  n/a       -         n/a         n/a
T5      SH-01   华东    standard      late       met       breached  breached    n/a            0m
5 tickets as of 2026-11-09T16:00:00+08:00: 2 late, 1 on time, 1 open, 1 cancelled, 0 without a rule; 2 with a breached target, 1 at risk

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --all --format json --quiet --outlet GZ-01
### stdout
{"as_of":"2026-11-09T16:00:00+08:00","tickets":[{"ticket":"T4","outlet":"GZ-01","region":"华南","rule":"remote","status":"cancelled","targets":{"response":{"status":"n/a","target_s":43200},"resolution":{"status":"n/a","target_s":144000},"followup":{"status":"n/a","target_s":86400}}}]}

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --all --from 2026-11-09 --to 2026-11-09 --format csv | tr -d '\r'
### stdout
ticket,outlet,region,rule,status,response,arrival,resolution,followup,overdue_s,due
T2,SH-02,华东,urgent,on_time,met,met,met,met,,
T5,SH-01,华东,standard,late,met,breached,breached,n/a,0,

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --ticket T1
# the worked example explained
### stdout
ticket T1 as of 2026-11-09T16:00:00+08:00
  created   2026-11-06 16:00  repair, normal, phone, 华东 / SH-01
  rule      remote does not apply: distance_km 12 is not over 100
  rule      urgent does not apply: urgency is normal, not urgent
  rule      consultation does not apply: type is repair, not one of consultation, complaint
  rule      standard applies: no conditions (matches every ticket)
  paused    2026-11-09 10:00 - 2026-11-09 14:00
  ticket    open; SLA status late

TARGET      LIMIT  CLOCK     START             STOP              MEASURED TO       ELAPSED  DUE               STATUS
----------  -----  --------  ----------------  ----------------  ----------------  -------  ----------------  ------------------
response      24h  calendar  2026-11-06 16:00  2026-11-09 09:00  2026-11-09 09:00   65h00m                    breached by 41h00m
arrival       24h  calendar  2026-11-06 16:00  -                 2026-11-09 16:00   68h00m                    breached by 44h00m
resolution    3bd  business  2026-11-06 16:00  -                 2026-11-09 16:00    5h00m  2026-11-12 10:00  pending
followup      24h  calendar  not started       -                 -                       -                    n/a

### run svc audit sla --as-of '2026-11-09 12:00' --ticket T1 --format json
# paused at as_of: no due time
### stdout
{"as_of":"2026-11-09T12:00:00+08:00","tickets":[{"ticket":"T1","outlet":"SH-01","region":"华东","rule":"standard","status":"late","targets":{"response":{"status":"breached","elapsed_s":234000,"target_s":86400,"overdue_s":147600},"arrival":{"status":"breached","elapsed_s":237600,"target_s":86400,"overdue_s":151200},"resolution":{"status":"pending","at_risk":false,"elapsed_s":10800,"target_s":86400,"due":null},"followup":{"status":"n/a","target_s":86400}}}]}

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --ticket T5 --format csv | tr -d '\r'
### stdout
ticket,outlet,region,rule,status,response,arrival,resolution,followup,overdue_s,due
T5,SH-01,华东,standard,late,met,breached,breached,n/a,0,

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --fail-on breach --format json > /dev/null
# the cron contract
### exit 1

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --fail-on breach --region 华北 --quiet > /dev/null
### exit 0

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --fail-on at-risk --region 华北 --quiet > /dev/null
### exit 1

### run svc audit sla --as-of 2026-11-09T16:00:00+08:00 --fail-on breach --outlet GZ-01 > /dev/null
### exit 0

### run svc audit sla --from 2026-11-9
# bad input
### exit 2
### stderr-has
svc: error: --from '2026-11-9': expected a date YYYY-MM-DD

### run svc audit sla --from 2026-11-10 --to 2026-11-09
### exit 2
### stderr-has
svc: error: --from 2026-11-10 is after --to 2026-11-09

### run svc audit sla --as-of yesterday
### exit 2
### stderr-has
svc: error: --as-of 'yesterday'

### run svc audit sla --fail-on late
### exit 2
### stderr-has
--fail-on: unknown value 'late'; one of: breach, at-risk

### run svc audit sla --format html
### exit 2

### run svc audit sla --ticket T9
### exit 66
### stderr-has
svc: error: no ticket 'T9' in the store

### run svc audit sla --ticket T1 --as-of 2026-11-01
### exit 66
### stderr-has
svc: error: ticket 'T1' was not created as of 2026-11-01T23:59:59+08:00

### run svc --db missing.db audit sla
### exit 69
### stderr-has
no store at 'missing.db'

### run svc audit slq
### exit 2
### stderr-has
svc: error: unknown command 'slq' (did you mean 'sla'?)
