Site software records end to end: updates recorded at customer sites, the
list, the weekly report of versions per region and model with every version
still installed (6 machines of which 4 were updated: 4 current and 2 on the
old version), corrections by void, and every refusal with the store unchanged.

### file unchanged.sh
sqlite3 svc.db .dump | sha256sum > before.sum; "$@"; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc

### run svc init --quiet && svc outlet add SZ-01 --name 苏州 --region 华东 --quiet && svc outlet add CD-01 --name 成都 --region 西南 --quiet && svc engineer add E-1 --name 王工 --outlet SZ-01 --quiet && svc engineer add E-2 --name 李工 --outlet CD-01 --quiet && svc sites update record --site A厂 --customer C-1 --date 2026-10-01 --model RB-200 --qty 4 --version 3.1 --operator E-1 && svc sites update record --site B厂 --customer C-2 --date 2026-10-02 --model RB-200 --qty 2 --version 3.1 --operator E-1 --region 西南 --quiet && svc sites update record --site A厂 --customer C-1 --date 2026-11-17 --model RB-200 --qty 4 --version 3.10 --operator E-1 --quiet && svc sites update record --site C厂 --customer C-3 --date 2026-11-18 --model RB-100 --qty 1 --version 1.0 --operator E-1 --quiet
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
svc: week 2026-W47: 3 site/model/version rows, 2 updated this week, 1 on an old version (2 of 7 machines)

### run svc report updates --week 2026-W46 --old --format json
### stdout
[]

### run svc report updates --week 2026-W47 --old
### stdout-has
西南    RB-200  B厂   C-2       3.1

### run svc sites update record --site D厂 --customer C-4 --date 2026-10-05 --model RB-200 --qty 6 --version 3.1 --operator E-2 --quiet && svc sites update record --site D厂 --customer C-4 --date 2026-11-19 --model RB-200 --qty 4 --version 3.10 --operator E-2 --quiet && svc report updates --week 2026-W47 --format csv | tr -d '\r' | grep D厂
# a site with 6 machines of which 4 were updated: 4 current and the 2 left behind, both shown
### stdout
5
6
西南,RB-200,D厂,C-4,3.10,4,2026-11-19,yes,3.10,current
西南,RB-200,D厂,C-4,3.1,2,2026-10-05,no,3.10,old

### run svc sites update record --site D厂 --customer C-4 --date 2026-11-20 --model RB-200 --qty 1 --version 3.11 --operator E-2 --quiet && svc report updates --week 2026-W47 --format csv | tr -d '\r' | grep D厂
# one more machine to 3.11: taken from the oldest version first
### stdout
7
西南,RB-200,D厂,C-4,3.11,1,2026-11-20,yes,3.11,current
西南,RB-200,D厂,C-4,3.10,4,2026-11-19,yes,3.11,old
西南,RB-200,D厂,C-4,3.1,1,2026-10-05,no,3.11,old

### run svc sites update void 7 --reason '版本录错, 未升级' --user 审核员 && svc report updates --week 2026-W47 --format csv | tr -d '\r' | grep D厂
# a wrong record is voided by a reversing entry: the newest version and the machines go back
### stdout
update 7 voided (1 × RB-200 at D厂 to 3.11 on 2026-11-20) by 审核员: 版本录错, 未升级
西南,RB-200,D厂,C-4,3.10,4,2026-11-19,yes,3.10,current
西南,RB-200,D厂,C-4,3.1,2,2026-10-05,no,3.10,old

### run sqlite3 svc.db "SELECT id, version FROM site_updates WHERE id = 7; SELECT update_id, user, reason FROM site_update_voids"
# the original stays stored, with who and why
### stdout
7|3.11
7|审核员|版本录错, 未升级

### run svc audit corrections --format csv | tr -d '\r' | cut -d, -f3-
# svc audit corrections lists the withdrawn record with who, why and what it changed
### stdout
kind,ticket,outlet,withdrawn,event,by,reason,effect
site_void,,CD-01,D厂/RB-200,site_update,审核员,"版本录错, 未升级",update of 1 RB-200 machine(s) to 3.11 on 2026-11-20 withdrawn

### run svc sites update list --model RB-200 --format csv | tr -d '\r' | cut -d, -f1 | paste -sd' '
# the voided record is no longer listed
### stdout
id 1 2 5 3 6

### run bash unchanged.sh svc sites update void 7 --reason again
### exit 65
### stdout
unchanged
### stderr-has
svc: error: site update record 7 is already voided

### run bash unchanged.sh svc sites update void 99 --reason x
### exit 66
### stdout
unchanged
### stderr-has
svc: error: no site update record 99

### run bash unchanged.sh svc sites update void 6 --reason ' '
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --reason must say why the record was wrong

### run bash unchanged.sh svc sites update record --site A厂 --customer C-1 --date 2026-11-24 --model RB-200 --qty 4 --version 3.11 --operator E-1
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --date 2026-11-24 is in the future (today is 2026-11-23): updates are recorded when done

### run bash unchanged.sh svc sites update record --site A厂 --customer C-1 --date 1970-01-01 --model RB-200 --qty 4 --version 9.9 --operator E-1
# a record dated 1970 cannot become the model's newest version
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --date 1970-01-01 is not a plausible date of an update: from 2000-01-01 to today

### run bash unchanged.sh svc sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --qty 4 --version 'zzz-final!!' --operator E-1
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --version 'zzz-final!!' is not a version: each part must be a number of 1 to 6 digits (e.g. 3.2.1, V2.10, 1.0-rc1)

### run bash unchanged.sh svc sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --qty 4 --version 3.11 --operator E-7
### exit 66
### stdout
unchanged
### stderr-has
svc: error: unknown engineer 'E-7' (did you mean 'E-1'?)

### run bash unchanged.sh svc sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --qty 4 --version 3.11 --operator E-1 --region 华南
### exit 65
### stdout
unchanged
### stderr-has
svc: error: unknown region '华南' (did you mean '华东'?)

### run bash unchanged.sh svc sites update record --site 'A厂 ' --customer C-1 --date 2026-11-17 --model RB-200 --qty 4 --version 3.10 --operator E-1
# an exact duplicate (names trimmed) is refused
### exit 65
### stdout
unchanged
### stderr-has
svc: error: this update is already recorded (record 3)

### run svc sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --qty 0 --version 3.11 --operator E-1
### exit 2
### stderr-has
svc: error: --qty: must be a whole number from 1 to 1000000, got '0'

### run bash unchanged.sh svc sites update record --site ' ' --customer C-1 --date 2026-11-20 --model RB-200 --qty 1 --version 3.11 --operator E-1
### exit 65
### stdout
unchanged
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
7

### run svc audit verify | tail -n +3
### stdout
records intact: 12 sealed rows in 23 tables verified
