Golden end-to-end reports on the examples: the demo network (examples/network)
and the demo service log (examples/demo/service-log.csv, November and December
2026). Every report in every format is compared byte for byte with its golden
file in tests/e2e/golden/demo/ (tests/e2e/golden.sh; SVC_GOLDEN_UPDATE=1
rewrites them, review the diff). The KPI and assessment figures in these files
were checked against an independent implementation of spec v3 §3/§5
(tests/e2e/spec_reference.py, run by report_spec_reference.t).
Reports are taken as of 2026-12-31 (end of day) so that November is complete.

### run svc init -q && svc outlet import -q $SRC/examples/network/outlets.csv && svc engineer import -q $SRC/examples/network/engineers.csv && svc import -q --format json $SRC/examples/demo/service-log.csv | sed "s#$SRC#SRC#g"
### stdout
{"read":3000,"new":3000,"duplicate":0,"rejected":0,"files":[{"file":"SRC/examples/demo/service-log.csv","status":"stored","read":3000,"new":3000,"duplicate":0,"rejected":0,"failed":false}]}

### run for p in P-BELT-4:18.00 P-CAP-35:12.50 P-FAN-12:45.00 P-MTR-09:260.00 P-PCB-07:388.88 P-SEN-22:31.20 P-VLV-03:57.35; do svc -q parts catalog add ${p%%:*} --name ${p%%:*} --list-price ${p#*:} || exit 1; done; svc -q cost add --ticket T0000001 --kind travel --amount 35.50 --date 2026-11-03 && svc -q cost add --ticket T0000002 --kind compensation --amount 200 --date 2026-11-20 --note goodwill && svc -q cost add --ticket T0000003 --kind transport --amount 0.01 --date 2026-11-21

### run "$SRC/tests/e2e/golden.sh" demo/sla-region.txt svc report sla --period 2026-11 --by region --as-of 2026-12-31
# ---- svc report sla ----
### run "$SRC/tests/e2e/golden.sh" demo/sla-region.csv svc report sla --period 2026-11 --by region --as-of 2026-12-31 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/sla-region.json svc report sla --period 2026-11 --by region --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/sla-outlet.json svc report sla --period 2026-11 --by outlet --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/sla-engineer.csv svc report sla --period 2026-11 --by engineer --as-of 2026-12-31 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/sla-w48-type.txt svc report sla --period 2026-W48 --by type --as-of 2026-12-31
### run "$SRC/tests/e2e/golden.sh" demo/sla-range-channel.json svc report sla --from 2026-11-20 --to 2026-12-10 --by channel --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/sla-total-asof.json svc report sla --period 2026-11 --as-of 2026-11-20 --format json

### run "$SRC/tests/e2e/golden.sh" demo/outlets-2026-11.txt svc report outlets --period 2026-11 --as-of 2026-12-31
# ---- svc report outlets (and the preview of svc audit outlets) ----
### run "$SRC/tests/e2e/golden.sh" demo/outlets-2026-11.csv svc report outlets --period 2026-11 --as-of 2026-12-31 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/outlets-2026-11.json svc report outlets --period 2026-11 --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/outlets-2026-12.json svc report outlets --period 2026-12 --as-of 2027-01-10 --format json
### run "$SRC/tests/e2e/golden.sh" demo/outlets-2026-W49.txt svc report outlets --period 2026-W49 --as-of 2027-01-10
### run svc report outlets --period 2026-11 --as-of 2026-12-31 --format csv | grep -E '^(outlet|CS-01|SH-02|SZ-01),' | cut -d, -f1,3,5-11,13-19
# spec v3 §5 on the demo (checked by hand): SH-02 (timeliness 15/17 = 0.882) and SZ-01 (complaint rate 1/20 = 0.05)
# are excellent but miss the standard: no 1000.00 bonus, 500.00 for the one KPI missed, net -500.00 (v2: +500.00);
# CS-01 has 7 tickets (insufficient) and 1 finding: fined 1000.00, net -1000.00 (v2: 0.00)
### stdout
outlet,tickets,technical,service,quality,score,grade,meets_standard,findings,reward,penalty,net,actions,timeliness_ok,satisfaction_ok,complaint_rate_ok
CS-01,7,71.42857142857143,0.0,19.047619047619044,,insufficient,false,1,0.00,1000.00,-1000.00,,false,false,false
SH-02,17,76.47058823529412,88.23529411764706,100.0,91.76470588235294,excellent,false,0,0.00,500.00,-500.00,,false,true,true
SZ-01,20,100.0,95.0,90.0,95.5,excellent,false,0,0.00,500.00,-500.00,,true,true,false

### file v2.toml
[assessment]
bonus_requires_standard = false
fine_insufficient = false

### run svc --config v2.toml report outlets --period 2026-11 --as-of 2026-12-31 --format csv | grep -E '^(CS-01|SH-02|SZ-01),' | cut -d, -f1,9,13-15
# the two keys restore v2: the bonus on the grade alone, an insufficient outlet's findings waived
### stdout
CS-01,insufficient,0.00,0.00,0.00
SH-02,excellent,1000.00,500.00,500.00
SZ-01,excellent,1000.00,500.00,500.00

### run svc report outlets --period 2026-11 --as-of 2026-12-31 --format json > a.json && svc -q audit outlets --period 2026-11 --as-of 2026-12-31 --format json | cmp - a.json && echo preview is the report
### stdout
preview is the report

### run SVC_NOW=2026-12-31T16:00:00Z svc audit outlets --period 2026-11 --as-of 2026-12-31 --apply
# ---- apply once, then svc report payouts (now: 1 January 00:00 local) ----
### stdout
recorded the assessment of 2026-11 as revision 1: 15 outlets, net 8000.00

### run SVC_NOW=2027-01-10T16:00:00Z svc audit outlets --period 2026-11 --as-of 2027-01-10 --apply
### stdout
2026-11 was already applied (revision 1, recorded 2027-01-01T00:00:00+08:00); nothing changed. Use --revise --reason "…" to record a new revision.

### run "$SRC/tests/e2e/golden.sh" demo/payouts-2026-11.txt svc report payouts --period 2026-11
### run "$SRC/tests/e2e/golden.sh" demo/payouts-2026-11.csv svc report payouts --period 2026-11 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/payouts-2026-11.json svc report payouts --period 2026-11 --format json

### run "$SRC/tests/e2e/golden.sh" demo/engineers-2026-11.txt svc report engineers --period 2026-11 --as-of 2026-12-31
# ---- svc report engineers ----
### run "$SRC/tests/e2e/golden.sh" demo/engineers-2026-11.csv svc report engineers --period 2026-11 --as-of 2026-12-31 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/engineers-2026-11.json svc report engineers --period 2026-11 --as-of 2026-12-31 --format json

### run "$SRC/tests/e2e/golden.sh" demo/weekly-2026-W48.txt svc report weekly --week 2026-W48 --as-of 2026-12-31
# ---- svc report weekly ----
### run "$SRC/tests/e2e/golden.sh" demo/weekly-2026-W48.csv svc report weekly --week 2026-W48 --as-of 2026-12-31 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/weekly-2026-W48.json svc report weekly --week 2026-W48 --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/weekly-2026-W48-华东.json svc report weekly --week 2026-W48 --region 华东 --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/weekly-2026-W48.html svc report weekly --week 2026-W48 --as-of 2026-12-31 --format html
### run svc report weekly --week 2026-W48 --as-of 2026-12-31 --format html --output w48.html && "$SRC/scripts/check-html" w48.html | sed "s/[0-9]* bytes/N bytes/"
### stdout
ok: N bytes of DOM, 3 svg

### run "$SRC/scripts/screenshot-report" w48.html w48.png 1000x1800 > /dev/null && python3 -c "import struct,sys; d=open('w48.png','rb').read(); print(d[:8]==b'\x89PNG\r\n\x1a\n', struct.unpack('>II', d[16:24]), len(d) > 20000)"
# scripts/screenshot-report saves a PNG of the rendered page, of the size asked for
### stdout
True (1000, 1800) True

### run "$SRC/tests/e2e/golden.sh" demo/costs-2026-11-outlet.txt svc report costs --period 2026-11 --as-of 2026-12-31
# ---- svc report costs ----
### run "$SRC/tests/e2e/golden.sh" demo/costs-2026-11-outlet.csv svc report costs --period 2026-11 --as-of 2026-12-31 --format csv
### run "$SRC/tests/e2e/golden.sh" demo/costs-2026-11-region.json svc report costs --period 2026-11 --by region --as-of 2026-12-31 --format json
### run "$SRC/tests/e2e/golden.sh" demo/costs-2026-11-type.txt svc report costs --period 2026-11 --by type --as-of 2026-12-31
