svc outlet add|list|show|update|import: validation, did-you-mean, formats, CSV bulk load.

### run svc outlet list
### exit 69
### stderr-has
svc: error: no store at

### run svc init --quiet && svc outlet add SH-01 --name 上海浦东服务站 --region 华东 --city 上海 --phone 021-5080-1234
### stderr-has
svc: added outlet SH-01

### run svc outlet add GZ-01 --name 'Guangzhou "Tianhe", <b>' --region 华南 --active no --quiet
### stdout

### run svc outlet list
### stdout
id     name                     region  city  address  phone          active
-----  -----------------------  ------  ----  -------  -------------  ------
GZ-01  Guangzhou "Tianhe", <b>  华南                                  no
SH-01  上海浦东服务站           华东    上海           021-5080-1234  yes

### run svc outlet list --format csv | tr -d '\r'
### stdout
id,name,region,city,address,phone,active
GZ-01,"Guangzhou ""Tianhe"", <b>",华南,,,,no
SH-01,上海浦东服务站,华东,上海,,021-5080-1234,yes

### run svc outlet list --format json
### stdout
[{"id":"GZ-01","name":"Guangzhou \"Tianhe\", <b>","region":"华南","city":null,"address":null,"phone":null,"active":false},{"id":"SH-01","name":"上海浦东服务站","region":"华东","city":"上海","address":null,"phone":"021-5080-1234","active":true}]

### run svc outlet show SH-01
### stdout
field    value
-------  --------------
id       SH-01
name     上海浦东服务站
region   华东
city     上海
address
phone    021-5080-1234
active   yes

### run svc outlet show GZ-01 --format json
### stdout
{"id":"GZ-01","name":"Guangzhou \"Tianhe\", <b>","region":"华南","city":null,"address":null,"phone":null,"active":false}

### run svc outlet add SH-01 --name x --region 华东
### exit 65
### stderr-has
svc: error: outlet 'SH-01' already exists (change it with update)

### run svc outlet show SH-1
### exit 66
### stderr-has
svc: error: unknown outlet 'SH-1' (did you mean 'SH-01'?)

### run svc outlet update GZ-1 --active yes
### exit 66
### stderr-has
svc: error: unknown outlet 'GZ-1' (did you mean 'GZ-01'?)

### run svc outlet add 'S H' --name '' --region r --phone abc
### exit 65
### stderr-has
svc: error: outlet id must be 1-64 characters of A-Z a-z 0-9 . _ -, got 'S H'; name is required; phone may hold only digits, spaces and + - ( ), got 'abc'

### run svc outlet add X --name a --region b --active maybe
### exit 2
### stderr-has
--active: must be yes or no, got 'maybe'

### run svc outlet add X --region b
### exit 2
### stderr-has
--name is required

### run svc outlet update SH-01
### exit 2
### stderr-has
svc: error: outlet update: nothing to change

### run svc -q outlet update GZ-01 --active yes --phone '020 3820 6600' && svc outlet list --active yes --format csv | tr -d '\r'
### stdout
id,name,region,city,address,phone,active
GZ-01,"Guangzhou ""Tianhe"", <b>",华南,,,020 3820 6600,yes
SH-01,上海浦东服务站,华东,上海,,021-5080-1234,yes

### run svc outlet list --region 华南 --format csv | tr -d '\r' | cut -d, -f1
### stdout
id
GZ-01

### run svc outlet list --region 华冬
### exit 2
### stderr-has
svc: error: --region: unknown region '华冬' (did you mean '华东'?)

### run svc outlet import "$SRC/examples/network/outlets.csv" 2>&1 | sed "s|$SRC/||"
### stdout
svc: examples/network/outlets.csv: 15 outlets read, 13 added, 2 updated, 0 unchanged

### run svc outlet import "$SRC/examples/network/outlets.csv" 2>&1 | sed "s|$SRC/||"
### stdout
svc: examples/network/outlets.csv: 15 outlets read, 0 added, 0 updated, 15 unchanged

### run svc outlet list --active no --format json
### stdout
[{"id":"SZ-02","name":"深圳福田服务站","region":"华南","city":"深圳","address":"福田区深南大道7008号, 2楼","phone":"0755-8390-1100","active":false}]

### run svc outlet list --format csv | tail -n +2 | wc -l; svc outlet list --format json | grep -o '"active":true' | wc -l
### stdout
15
14

### file bad.csv
id,name,region,phone,active
NJ-01,南京鼓楼服务站,华东,025-8331-7700,yes
bad id,x,华东,,
HZ-01,杭州,华东,call me,maybe
NJ-01,again,华东,,
WH-01,武汉

### run svc outlet import bad.csv
### exit 65
### stderr-has
bad.csv:3: outlet id must be 1-64 characters of A-Z a-z 0-9 . _ -, got 'bad id'
bad.csv:4: active must be yes or no, got 'maybe'
bad.csv:4: phone may hold only digits, spaces and + - ( ), got 'call me'
bad.csv:5: id 'NJ-01' appears twice (also on line 2)
bad.csv:6: 2 fields but the header has 5
svc: error: outlets 'bad.csv': 5 problems, nothing stored

### run svc outlet show NJ-01 --format csv | tr -d '\r' | tail -1
### stdout
NJ-01,南京鼓楼服务站,华东,南京,鼓楼区中山北路105号,025-8331-7700,yes

### file typo.csv
id,name,reigon
X-1,x,华东

### run svc outlet import typo.csv
### exit 65
### stderr-has
typo.csv:1: unknown column 'reigon' (did you mean 'region'?)
typo.csv:1: missing required column 'region'

### run svc outlet import nowhere.csv
### exit 66
### stderr-has
svc: error: cannot read 'nowhere.csv'
