svc report sla and svc report outlets agree with an independent implementation
of spec §3 and §5 (tests/e2e/spec_reference.py: exact fractions, nearest-rank
percentiles, null for absent rates, weight renormalisation, insufficient
outlets, money in cents, rectification), on the demo log and on a generated log
of 12,000 events (scripts/gen-logs: rework, pauses, complaints, unapproved fees,
cancellations). The §2 ticket statuses come from svc audit sla, which the SLA
tests check on their own.

### run svc init -q && svc import -q --format json $SRC/examples/demo/service-log.csv | sed "s#$SRC#SRC#g"
### stdout
{"read":3000,"new":3000,"duplicate":0,"rejected":0,"files":[{"file":"SRC/examples/demo/service-log.csv","status":"stored","read":3000,"new":3000,"duplicate":0,"rejected":0,"failed":false}]}

### run A="2026-12-31 23:59:59"; svc audit sla --all --as-of "$A" --format json > st.json && for by in region outlet engineer type urgency channel; do svc report sla --period 2026-11 --by $by --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" "$SRC/examples/demo/service-log.csv" st.json month 2026-11 "$A" $by s.json || exit 1; done; svc report outlets --period 2026-11 --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" "$SRC/examples/demo/service-log.csv" st.json month 2026-11 "$A" outlets s.json
### stdout
region: 6 rows, 0 disagreements
outlet: 16 rows, 0 disagreements
engineer: 45 rows, 0 disagreements
type: 8 rows, 0 disagreements
urgency: 3 rows, 0 disagreements
channel: 7 rows, 0 disagreements
outlets: 15 outlets, 0 disagreements

### run A="2026-11-25 12:00"; svc audit sla --all --as-of "$A" --format json > st.json && svc report sla --from 2026-11-20 --to 2026-11-26 --by outlet --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" "$SRC/examples/demo/service-log.csv" st.json range 2026-11-20/2026-11-26 "$A" outlet s.json
### stdout
outlet: 12 rows, 0 disagreements

### run python3 "$SRC/scripts/gen-logs" 12000 --seed 11 --start 2026-09-01 --out gen.csv && svc --db gen.db init -q && svc --db gen.db import -q --format json gen.csv
### stdout
{"read":12000,"new":12000,"duplicate":0,"rejected":0,"files":[{"file":"gen.csv","status":"stored","read":12000,"new":12000,"duplicate":0,"rejected":0,"failed":false}]}

### run A="2026-11-05 12:00"; svc --db gen.db audit sla --all --as-of "$A" --format json > st.json && for p in month:2026-09 month:2026-10 week:2026-W40 week:2026-W43; do k=${p%%:*} x=${p#*:}; for by in region engineer channel; do svc --db gen.db report sla --period $x --by $by --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json $k $x "$A" $by s.json > /dev/null || exit 1; done; svc --db gen.db report outlets --period $x --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json $k $x "$A" outlets s.json || exit 1; done
### stdout
outlets: 15 outlets, 0 disagreements
outlets: 15 outlets, 0 disagreements
outlets: 15 outlets, 0 disagreements
outlets: 15 outlets, 0 disagreements
