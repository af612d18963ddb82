Site software records end to end: updates recorded at customer sites, the
list, the weekly report of versions per region and model with the sites
still on an old version; and every refusal.

### run svc init --quiet && svc outlet add SZ-01 --name 苏州 --region 华东 --quiet && svc engineer add E-1 --name 王工 --outlet SZ-01 --quiet && svc sites update record --site A厂 --customer C-1 --date 2026-10-01 --model RB-200 --qty 4 --version 3.1 --operator E-1 && svc sites update record --site B厂 --customer C-2 --date 2026-10-02 --model RB-200 --qty 2 --version 3.1 --operator 外包 --region 西南 --quiet && svc sites update record --site A厂 --customer C-1 --date 2026-11-17 --model RB-200 --qty 4 --version 3.10 --operator E-1 --quiet && svc sites update record --site C厂 --customer C-3 --date 2026-11-18 --model RB-100 --qty 1 --version 1.0 --operator E-1 --quiet
### stdout
1
2
3
4
### stderr-has
svc: recorded update 1: 4 × RB-200 at A厂 to 3.1

### run svc sites update list --period 2026-W47 --format csv | tr -d '\r'
### stdout
id,date,region,site,customer,model,qty,version,operator
3,2026-11-17,华东,A厂,C-1,RB-200,4,3.10,E-1
4,2026-11-18,华东,C厂,C-3,RB-100,1,1.0,E-1

### run svc report updates --week 2026-W47 --format csv | tr -d '\r'
### stdout
region,model,site,customer,version,qty,updated,this_week,newest,status
华东,RB-100,C厂,C-3,1.0,1,2026-11-18,yes,1.0,current
华东,RB-200,A厂,C-1,3.10,4,2026-11-17,yes,3.10,current
西南,RB-200,B厂,C-2,3.1,2,2026-10-02,no,3.10,old
### stderr-has
svc: week 2026-W47: 3 site/models, 2 updated this week, 1 on an old version

### run svc report updates --week 2026-W46 --old --format json
### stdout
[]

### run svc report updates --week 2026-W47 --old
### stdout-has
西南    RB-200  B厂   C-2       3.1

### run svc sites update record --site A厂 --customer C-1 --date 2026-11-24 --model RB-200 --qty 4 --version 3.11 --operator E-1
### exit 65
### stderr-has
svc: error: --date 2026-11-24 is in the future (today is 2026-11-23): updates are recorded when done

### run svc sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --qty 0 --version 3.11 --operator E-1
### exit 2
### stderr-has
svc: error: --qty: must be a whole number from 1 to 1000000, got '0'

### run svc sites update record --site ' ' --customer C-1 --date 2026-11-20 --model RB-200 --qty 1 --version 3.11 --operator E-1
### exit 65
### stderr-has
svc: error: --site must not be empty

### run svc sites update record --site A厂 --customer C-1 --date 20.11.2026 --model RB-200 --qty 1 --version 3.11 --operator E-1
### exit 2
### stderr-has
svc: error: --date '20.11.2026': expected a date YYYY-MM-DD

### run svc sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --version 3.11 --operator E-1
### exit 2
### stderr-has
--qty is required

### run svc report updates --week 2026-11
### exit 2
### stderr-has
svc: error: --week '2026-11' is not an ISO week YYYY-Www

### run sqlite3 svc.db "SELECT count(*) FROM site_updates"
### stdout
4
