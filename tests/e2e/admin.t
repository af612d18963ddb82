svc admin rebuild: recomputes the projection from the events.

### file day.csv
ts,ticket,event,type,urgency,region,outlet,engineer
2026-11-02 08:15,T1,created,repair,normal,华东,SH-01,
2026-11-02 09:15,T1,dispatched,,,,,E-1
2026-11-02 10:15,T1,completed,,,,,

### run svc import --quiet day.csv >/dev/null && sqlite3 svc.db "SELECT ticket, created_at, type, urgency, channel, region, outlet, customer, product, purchased, distance_km, engineer, state, responded_at, arrived_at, completed_at, closed_at, followed_up_at, satisfaction, last_ts, events, hex(digest) FROM tickets" > before && sqlite3 svc.db "UPDATE tickets SET state = 'x', digest = NULL" && svc admin rebuild && sqlite3 svc.db "SELECT ticket, created_at, type, urgency, channel, region, outlet, customer, product, purchased, distance_km, engineer, state, responded_at, arrived_at, completed_at, closed_at, followed_up_at, satisfaction, last_ts, events, hex(digest) FROM tickets" > after && cmp before after && cut -d'|' -f1-21 after
### stdout
T1|1793578500000000|repair|normal||华东|SH-01|||||E-1|completed|||1793585700000000||||1793585700000000|3
### stderr-has
svc: rebuilt the projection of 1 ticket

### run svc admin rebuld
### exit 2
### stderr-has
did you mean 'rebuild'

### run svc --db nowhere.db admin rebuild
### exit 69
