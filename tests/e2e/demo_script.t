scripts/demo, the README's one command for the nightly job on the demo with
the embedded store: a new store with the demo network, the batch of the demo
log with its SLA audit and November's outlet assessment.

### run SVC_BIN=$(command -v svc) "$SRC/scripts/demo" --dir demo --format json > out.json && python3 -c 'import json; d=json.load(open("out.json")); print(d["import"]["new"], d["audit"]["tickets"], len(d["outlets"]["outlets"]), sorted(d.keys()))'
### stdout
3000 191 15 ['audit', 'import', 'outlets', 'sla', 'tickets']
### run SVC_BIN=$(command -v svc) "$SRC/scripts/demo" --dir demo | grep -E '^(SLA audit|Outlet assessment|15 outlets)'
### stdout
SLA audit
Outlet assessment
15 outlets; reward 12000.00, penalty 4000.00, net 8000.00
