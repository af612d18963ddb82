Files svc writes besides the store hold customer data: the reject file of an
import (raw customer rows), a report written with --output, a backup. Each gets
the store's own mode, 0600, whatever the umask (issue 25 §7): under umask 000
they were written 0666, readable and writable by every user of the machine.

### file bad.csv
ts,ticket,event,type,urgency,region,outlet,customer
2026-11-02 08:00,T1,created,repair,normal,华东,SH-01,王先生 138 0000 0000
2026-11-02 09:00,T2,created,repair,soon,华东,SH-01,李女士 139 0000 0000

### run umask 000 && svc import -q --skip-bad --reject rej.csv bad.csv > /dev/null && stat -c '%a' svc.db rej.csv && tr -d '\r' < rej.csv
# the reject file: the customer's row as it came in, 0600 like the store
### stdout
600
600
ts,ticket,event,type,urgency,region,outlet,customer,reason
2026-11-02 09:00,T2,created,repair,soon,华东,SH-01,李女士 139 0000 0000,"urgency must be urgent|normal, got 'soon'"

### run umask 000 && touch rej2.jsonl && chmod 644 rej2.jsonl && svc import -q --skip-bad --reject rej2.jsonl bad.csv > /dev/null && stat -c '%a' rej2.jsonl
# an existing file is tightened, not written world-readable
### stdout
600

### run umask 000 && svc report weekly --week 2026-W45 --format html --output weekly.html && svc report weekly --week 2026-W45 --format csv -o weekly.csv && stat -c '%a' weekly.html weekly.csv && grep -c 'SH-01' weekly.html
# the HTML report names outlets, customers' tickets and engineers
### stdout
600
600
1

### run umask 000 && echo old > old.html && chmod 666 old.html && svc report weekly --week 2026-W45 --format html --output old.html && stat -c '%a' old.html && svc report weekly --week 2026-W45 --format csv --output /dev/stdout | head -1 | tr -d '\r' && stat -c '%a' /dev/null
# an existing report file is tightened; /dev/stdout (a device, a pipe) is written as it is
### stdout
600
region,tickets,previous_tickets,type_repair,type_install,type_maintenance,type_consultation,type_complaint,type_return,type_replacement,channel_phone,channel_web,channel_app,channel_email,channel_letter,channel_onsite,channel_none,timeliness,timeliness_previous,timeliness_ok,satisfaction,satisfaction_previous,satisfaction_ok,complaint_rate,complaint_rate_previous,complaint_rate_ok,first_time_fix,first_time_fix_previous,response_p50_h,response_p90_h,parts_cost,unpriced_parts,open_complaints,most_breaches_outlet,most_breaches,fees,unapproved_fees
666

### run umask 000 && mkdir bk && svc admin backup -q bk/copy.db && stat -c '%a' bk/copy.db
### stdout
600
