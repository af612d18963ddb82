The README's quick start on the demo network and the demo service log, end to end.

### run svc init && svc config check $SRC/examples/svc.toml
### stdout-has
examples/svc.toml: ok

### run svc outlet import $SRC/examples/network/outlets.csv && svc engineer import $SRC/examples/network/engineers.csv && svc outlet list --format json | head -c 200
### stdout-has
"id":

### run svc import --format json $SRC/examples/demo/service-log.csv
### stdout-has
"new":3000
"rejected":0

### run svc import --format json $SRC/examples/demo/service-log.csv
### stdout-has
"new":0
"duplicate":3000

### run svc audit verify
### exit 0

### run svc audit sla --as-of 2026-11-20 --all --format json | head -c 60
### stdout-has
{"as_of":"2026-11-20T23:59:59+08:00"
