svc engineer add|list|show|update|import and svc region list: the outlet must
exist, the region follows the outlet, one active group leader per region.

### run svc init -q && svc -q outlet import "$SRC/examples/network/outlets.csv" && svc engineer add E-900 --name 王磊 --outlet SH-01 --skills 'repair, install,空调' --level 3
### stderr-has
svc: added engineer E-900

### run svc engineer add E-901 --name 李娜 --outlet SH-1
### exit 65
### stderr-has
svc: error: unknown outlet 'SH-1' (did you mean 'SH-01'?)

### run svc engineer add E-901 --name 李娜 --outlet SH-01 --region 华冬
### exit 65
### stderr-has
svc: error: unknown region '华冬' (did you mean '华东'?) (a region must have an outlet)

### run svc -q engineer add E-901 --name 李娜 --outlet SH-01 --region 华北 --leader yes && svc engineer list
### stdout
id     name  outlet  region  skills               level  leader  active
-----  ----  ------  ------  -------------------  -----  ------  ------
E-900  王磊  SH-01   华东    repair,install,空调      3  no      yes
E-901  李娜  SH-01   华北                             1  yes     yes

### run svc engineer show E-900
### stdout
field   value
------  -------------------
id      E-900
name    王磊
outlet  SH-01
region  华东
skills  repair,install,空调
level   3
leader  no
active  yes

### run svc engineer show E-900 --format json
### stdout
{"id":"E-900","name":"王磊","outlet":"SH-01","region":"华东","skills":["repair","install","空调"],"level":3,"leader":false,"active":true}

### run svc engineer show E-9000
### exit 66
### stderr-has
svc: error: unknown engineer 'E-9000' (did you mean 'E-900'?)

### run svc engineer add E-900 --name x --outlet SH-01
### exit 65
### stderr-has
svc: error: engineer 'E-900' already exists (change it with update)

### run svc engineer add E-902 --name x --outlet SH-01 --level 7
### exit 2
### stderr-has
--level: Value 7 not in range 1 to 5

### run svc engineer add E-902 --name x --outlet BJ-01 --leader yes
### exit 65
### stderr-has
svc: error: region '华北' would have 2 active group leaders (E-901, E-902); at most one per region

### run svc engineer add E-902 --name x --outlet SH-01 --skills 'repair,repair'
### exit 65
### stderr-has
svc: error: skill 'repair' is listed twice

### run svc -q engineer update E-901 --outlet GZ-01 && svc engineer list --format csv | tr -d '\r'
### stdout
id,name,outlet,region,skills,level,leader,active
E-900,王磊,SH-01,华东,"repair,install,空调",3,no,yes
E-901,李娜,GZ-01,华南,,1,yes,yes

### run svc engineer update E-901
### exit 2
### stderr-has
svc: error: engineer update: nothing to change

### run svc engineer update E-91 --level 2
### exit 66
### stderr-has
svc: error: unknown engineer 'E-91' (did you mean 'E-901'?)

### run svc region list
### stdout
region  outlets  engineers  leader  leader_name
------  -------  ---------  ------  -----------
华东          4          1
华中          2          0
华北          3          0
华南          2          1  E-901   李娜
西南          3          0

### run svc engineer import "$SRC/examples/network/engineers.csv" 2>&1 | sed "s|$SRC/||"
### stdout
examples/network/engineers.csv:33: region '华南' would have 2 active group leaders (E-032, E-901); at most one per region
svc: error: engineers 'examples/network/engineers.csv': 1 problem, nothing stored

### run svc engineer list --format csv | tail -n +2 | wc -l
### stdout
2

### run svc -q engineer update E-901 --leader no && svc -q engineer import "$SRC/examples/network/engineers.csv" && svc region list --format json
### stdout
[{"region":"华东","outlets":4,"engineers":19,"leader":"E-013","leader_name":"吴军"},{"region":"华中","outlets":2,"engineers":8,"leader":"E-044","leader_name":"许秀英"},{"region":"华北","outlets":3,"engineers":12,"leader":"E-001","leader_name":"任立新"},{"region":"华南","outlets":2,"engineers":11,"leader":"E-032","leader_name":"马海燕"},{"region":"西南","outlets":3,"engineers":9,"leader":"E-052","leader_name":"张建华"}]

### run svc engineer list --outlet SH-01 --skill 空调 --format csv | tr -d '\r' | cut -d, -f1
### stdout
id
E-013
E-014
E-015
E-017
E-900

### run svc engineer list --leader yes --format json | grep -o '"id":"[^"]*"' | paste -sd' '
### stdout
"id":"E-001" "id":"E-013" "id":"E-032" "id":"E-044" "id":"E-052"

### run svc engineer list --active no --format json | grep -o '"id":"[^"]*","name":"[^"]*","outlet":"[^"]*"' | cut -d, -f1,3
### stdout
"id":"E-023","outlet":"SH-02"
"id":"E-042","outlet":"SZ-02"
"id":"E-043","outlet":"SZ-02"

### run svc engineer list --outlet SH-03
### exit 2
### stderr-has
svc: error: --outlet: unknown outlet 'SH-03' (did you mean 'SH-01'?)

### file bad.csv
id,name,outlet,level,leader,skills
E-100,甲,SH-1,3,no,
E-101,乙,SH-01,9,no,
E-102,丙,SH-01,2,perhaps,"repair,repair"
E-103,丁,SH-02,4,yes,install

### run svc engineer import bad.csv
### exit 65
### stderr-has
bad.csv:2: unknown outlet 'SH-1' (did you mean 'SH-01'?)
bad.csv:3: level must be an integer 1-5, got '9'
bad.csv:4: leader must be yes or no, got 'perhaps'
bad.csv:4: skill 'repair' is listed twice
svc: error: engineers 'bad.csv': 4 problems, nothing stored

### file leader.csv
id,name,outlet,leader
E-103,丁,SH-02,yes

### run svc engineer import leader.csv
### exit 65
### stderr-has
leader.csv:2: region '华东' would have 2 active group leaders (E-013, E-103); at most one per region

### run svc engineer show E-103
### exit 66

### file handover.csv
id,name,outlet,leader
E-103,丁,SH-02,yes
E-013,吴军,SH-01,no

### run svc engineer import handover.csv && svc region list --format csv | tr -d '\r' | grep 华东
### stdout
华东,4,20,E-103,丁
### stderr-has
svc: handover.csv: 2 engineers read, 1 added, 1 updated, 0 unchanged
