The complaint register (docs/complaints.md): a complaint on a closed ticket stays on `complaint list --open` until
it is closed; complaints of complaint-type tickets and of imported complaint events are registered too; the
first-reply clock of each category at its boundary (default attitude 8bh: received Monday 2026-11-02 10:00, due
Tuesday 10:00 = 2 working hours Monday morning, 5 in the afternoon, 1 Tuesday); a plan past its deadline is on
`audit complaints --fail-on overdue` (exit 1) and off it once resolved; a complaint received in November on an
October ticket is on November's list; every refusal leaves the store unchanged.

### file log.csv
id,ts,ticket,event,type,urgency,channel,region,outlet,engineer,responsible
E01,2026-10-28 09:00,S1,created,repair,normal,phone,华东,SH-01,,
E02,2026-10-28 10:00,S1,responded,,,,,,,
E03,2026-10-28 11:00,S1,dispatched,,,,,,E-017,
E04,2026-10-28 13:00,S1,arrived,,,,,,,
E05,2026-10-28 14:00,S1,completed,,,,,,,
E06,2026-10-28 14:10,S1,signed,,,,,,,
E07,2026-10-28 14:20,S1,closed,,,,,,,
E08,2026-11-02 09:00,W1,created,complaint,normal,web,华北,BJ-01,,
E09,2026-11-03 09:00,S2,created,repair,normal,app,华北,BJ-01,,
E10,2026-11-03 10:00,S2,complaint,,,,,,,no

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc outlet add BJ-01 --name 北京一店 --region 华北 --quiet && svc import log.csv --quiet && svc ticket complain S1 --responsible yes --category attitude --at '2026-11-02 10:00' --text '工程师态度差' --quiet
# S1 (an October ticket, closed) gets complaint S1-C1 in November; W1 (complaint-type) and S2's complaint event are registered by the import

### run svc complaint list --open --format csv
### stdout
number,ticket,outlet,category,received,channel,source,responsible,status,reply_due,replied,reply_on_time,deadline,resolved,verdict,overdue
W1-C1,W1,BJ-01,,2026-11-02T09:00:00+08:00,web,ticket,unknown,received,2026-11-03T09:00:00+08:00,,,,,,reply_overdue resolution_overdue
S1-C1,S1,SH-01,attitude,2026-11-02T10:00:00+08:00,phone,complain,yes,received,2026-11-03T10:00:00+08:00,,,,,,reply_overdue resolution_overdue
S2-C1,S2,BJ-01,,2026-11-03T10:00:00+08:00,app,import,no,received,2026-11-04T10:00:00+08:00,,,,,,reply_overdue resolution_overdue

### run svc complaint list --period 2026-10 --format csv
### stdout
number,ticket,outlet,category,received,channel,source,responsible,status,reply_due,replied,reply_on_time,deadline,resolved,verdict,overdue

### run svc complaint list --period 2026-11 --outlet SH-01 --format csv
### stdout
number,ticket,outlet,category,received,channel,source,responsible,status,reply_due,replied,reply_on_time,deadline,resolved,verdict,overdue
S1-C1,S1,SH-01,attitude,2026-11-02T10:00:00+08:00,phone,complain,yes,received,2026-11-03T10:00:00+08:00,,,,,,reply_overdue resolution_overdue

### run svc audit complaints --as-of '2026-11-03 10:00' --outlet SH-01 --format csv
### stdout
number,ticket,outlet,category,status,finding,due,hours_over

### run svc audit complaints --as-of '2026-11-03 10:00:01' --outlet SH-01 --format csv --fail-on overdue
### exit 1
### stdout
number,ticket,outlet,category,status,finding,due,hours_over
S1-C1,S1,SH-01,attitude,received,reply_overdue,2026-11-03T10:00:00+08:00,0.0

### run sqlite3 svc.db .dump | sha256sum > before
# refusals: nothing written

### run svc complaint resolve S1-C1 --at '2026-11-03 09:00' --text 已处理
### exit 65
### stderr-has
svc: error: complaint S1-C1: the resolution needs the investigation first

### run svc complaint ack S1-C1 --at '2026-11-03 09:00' --text 已致电 --category attitde
### exit 65
### stderr-has
svc: error: --category: unknown complaint category 'attitde' (did you mean 'attitude'?)

### run svc complaint plan S1-C1 --at '2026-11-03 09:00' --text 培训 --owner 王经理 --deadline 2026-11-01
### exit 65
### stderr-has
svc: error: complaint S1-C1: --deadline 2026-11-01 is before the complaint was received (2026-11-02)

### run svc complaint ack S1-C1 --at '2026-11-02 09:00' --text 已致电
### exit 65
### stderr-has
is before the complaint was received

### run svc complaint close S1-C1 --at '2026-11-03 09:00'
### exit 65
### stderr-has
closing needs the follow-up with the customer first

### run svc complaint show NOPE
### exit 66
### stderr-has
svc: error: no complaint 'NOPE'

### run sqlite3 svc.db .dump | sha256sum | cmp - before && echo unchanged
### stdout
unchanged

### run svc complaint ack S1-C1 --at '2026-11-03 09:30' --text 已致电致歉 --quiet && svc complaint investigate S1-C1 --at '2026-11-03 11:00' --text 属实 --responsible yes --quiet && svc complaint plan S1-C1 --at '2026-11-03 14:00' --text 培训并上门致歉 --department 服务部 --owner 王经理 --deadline 2026-11-05 --approved-by 李总 --quiet

### run sqlite3 svc.db .dump | sha256sum > before

### run svc complaint investigate S1-C1 --at '2026-11-04 09:00' --text 再查
### exit 65
### stderr-has
svc: error: complaint S1-C1: the investigation comes before the plan already recorded

### run sqlite3 svc.db .dump | sha256sum | cmp - before && echo unchanged
### stdout
unchanged

### run svc audit complaints --as-of '2026-11-05 23:59:59' --outlet SH-01 --format csv
### stdout
number,ticket,outlet,category,status,finding,due,hours_over

### run svc audit complaints --as-of '2026-11-06 00:00' --outlet SH-01 --format csv --fail-on overdue
### exit 1
### stdout
number,ticket,outlet,category,status,finding,due,hours_over
S1-C1,S1,SH-01,attitude,planned,plan_overdue,2026-11-06T00:00:00+08:00,0.0

### run svc complaint resolve S1-C1 --at '2026-11-06 10:00' --text 已上门致歉 --quiet && svc audit complaints --as-of '2026-11-06 10:00' --outlet SH-01 --fail-on overdue --format csv
### stdout
number,ticket,outlet,category,status,finding,due,hours_over

### run svc complaint follow-up S1-C1 --at '2026-11-06 16:00' --text 回访 --verdict satisfied --quiet && svc complaint list --open --outlet SH-01 --format csv
### stdout
number,ticket,outlet,category,received,channel,source,responsible,status,reply_due,replied,reply_on_time,deadline,resolved,verdict,overdue
S1-C1,S1,SH-01,attitude,2026-11-02T10:00:00+08:00,phone,complain,yes,followed_up,2026-11-03T10:00:00+08:00,2026-11-03T09:30:00+08:00,yes,2026-11-05,2026-11-06T10:00:00+08:00,satisfied,

### run svc complaint close S1-C1 --at '2026-11-06 16:05' --quiet && svc complaint list --open --outlet SH-01 --format csv
### stdout
number,ticket,outlet,category,received,channel,source,responsible,status,reply_due,replied,reply_on_time,deadline,resolved,verdict,overdue

### run svc complaint show S1-C1
### stdout
Complaint S1-C1  (closed)
ticket       S1  outlet SH-01
received     2026-11-02 10:00 by phone  (from complain)
category     attitude 服务态度
responsible  yes
text         工程师态度差
first reply  due 2026-11-03 10:00, replied 2026-11-03 09:30 (on time)
resolution   due 2026-11-09 10:00, resolved 2026-11-06 10:00
follow-up    due 2026-11-07 10:00, done 2026-11-06 16:00 (satisfied)

History
at                step           text            details                                                               recorded          by
----------------  -------------  --------------  --------------------------------------------------------------------  ----------------  -------
2026-11-02 10:00  received       工程师态度差
2026-11-03 09:30  ack            已致电致歉                                                                            2026-11-23 20:00  unknown
2026-11-03 11:00  investigation  属实            responsible=yes                                                       2026-11-23 20:00  unknown
2026-11-03 14:00  plan           培训并上门致歉  department=服务部 person=王经理 deadline=2026-11-05 approved_by=李总  2026-11-23 20:00  unknown
2026-11-06 10:00  resolution     已上门致歉                                                                            2026-11-23 20:00  unknown
2026-11-06 16:00  follow_up      回访            verdict=satisfied                                                     2026-11-23 20:00  unknown
2026-11-06 16:05  closed                                                                                               2026-11-23 20:00  unknown

### run svc complaint show S1-C1 --format json
### stdout
{"number":"S1-C1","ticket":"S1","outlet":"SH-01","category":"attitude","received":"2026-11-02T10:00:00+08:00","channel":"phone","source":"complain","responsible":"yes","text":"工程师态度差","status":"closed","reply_due":"2026-11-03T10:00:00+08:00","first_reply":"2026-11-03T09:30:00+08:00","reply_on_time":true,"resolution_due":"2026-11-09T10:00:00+08:00","plan_deadline":"2026-11-05","resolved":"2026-11-06T10:00:00+08:00","follow_up_due":"2026-11-07T10:00:00+08:00","followed_up":"2026-11-06T16:00:00+08:00","verdict":"satisfied","closed":"2026-11-06T16:05:00+08:00","overdue":[],"history":[{"step":"ack","at":"2026-11-03T09:30:00+08:00","text":"已致电致歉","category":null,"responsible":null,"department":null,"person":null,"deadline":null,"approved_by":null,"verdict":null,"recorded_at":"2026-11-23T20:00:00+08:00","user":"unknown"},{"step":"investigation","at":"2026-11-03T11:00:00+08:00","text":"属实","category":null,"responsible":"yes","department":null,"person":null,"deadline":null,"approved_by":null,"verdict":null,"recorded_at":"2026-11-23T20:00:00+08:00","user":"unknown"},{"step":"plan","at":"2026-11-03T14:00:00+08:00","text":"培训并上门致歉","category":null,"responsible":null,"department":"服务部","person":"王经理","deadline":"2026-11-05","approved_by":"李总","verdict":null,"recorded_at":"2026-11-23T20:00:00+08:00","user":"unknown"},{"step":"resolution","at":"2026-11-06T10:00:00+08:00","text":"已上门致歉","category":null,"responsible":null,"department":null,"person":null,"deadline":null,"approved_by":null,"verdict":null,"recorded_at":"2026-11-23T20:00:00+08:00","user":"unknown"},{"step":"follow_up","at":"2026-11-06T16:00:00+08:00","text":"回访","category":null,"responsible":null,"department":null,"person":null,"deadline":null,"approved_by":null,"verdict":"satisfied","recorded_at":"2026-11-23T20:00:00+08:00","user":"unknown"},{"step":"closed","at":"2026-11-06T16:05:00+08:00","text":null,"category":null,"responsible":null,"department":null,"person":null,"deadline":null,"approved_by":null,"verdict":null,"recorded_at":"2026-11-23T20:00:00+08:00","user":"unknown"}]}
