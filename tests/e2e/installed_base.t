A newcomer registers products, customers and units from CSV, opens tickets by
serial and sees the 三包 entitlement (docs/installed-base.md): return within 7
days, exchange after two repairs, paid out of warranty with the quote; an
install registers its unit; dispatch credits the product line; customer and
unit history; refusals with did-you-mean.

### file customers.csv
id,name,contact,address,region
C-88,王芳,13812345678,上海市浦东新区张江路1号,华东
C-90,李雷,021-5080-1234,,华南

### file units.csv
serial,model,customer,purchased,installed
SN-0001,KFR-35GW,C-88,2026-11-18,2026-11-19
SN-0002,XQG100,C-88,2026-06-01,
SN-0003,CXW-200,C-90,2020-01-01,

### run svc init -q && svc outlet import -q "$SRC/examples/network/outlets.csv" && svc engineer import -q "$SRC/examples/network/engineers.csv"

### run svc product import "$SRC/examples/network/products.csv" && svc customer import customers.csv && svc unit import units.csv
### stderr-has
products.csv: 8 products read, 8 added, 0 updated, 0 unchanged
svc: customers.csv: 2 customers read, 2 added, 0 updated, 0 unchanged
svc: units.csv: 3 units read, 3 added, 0 updated, 0 unchanged

### run svc customer list
# the contact is masked in table output
### stdout
id    name  contact        address                  region
----  ----  -------------  -----------------------  ------
C-88  王芳  138****5678    上海市浦东新区张江路1号  华东
C-90  李雷  021******1234                           华南

### run svc customer list --format json
### stdout
[{"id":"C-88","name":"王芳","contact":"13812345678","address":"上海市浦东新区张江路1号","region":"华东"},{"id":"C-90","name":"李雷","contact":"021-5080-1234","address":null,"region":"华南"}]

### run svc unit list --customer C-88 --format csv | tr -d '\r'
# region and address come from the customer
### stdout
serial,model,customer,address,region,purchased,installed,install_ticket
SN-0001,KFR-35GW,C-88,上海市浦东新区张江路1号,华东,2026-11-18,2026-11-19,
SN-0002,XQG100,C-88,上海市浦东新区张江路1号,华东,2026-06-01,,

### run svc product show KFR-35GW --format json
### stdout
{"product":{"model":"KFR-35GW","line":"空调","name":"1.5匹壁挂式空调","skills":[],"key_parts":["COMP-35GW"],"warranty_months":72,"key_part_months":120,"return_days":null,"exchange_days":null,"repairs_before_exchange":null,"repair_months":null},"terms":{"warranty_months":72,"warranty_basis":"product","key_parts":["COMP-35GW"],"key_part_months":120,"return_days":7,"exchange_days":15,"repairs_before_exchange":2,"repair_months":3}}

### run svc unit show SN-0001
### stdout-has
entitlement on 2026-11-23: return (or exchange, free_repair): day 5 since the purchase on 2026-11-18 (return within 7 days): a performance fault may be returned, exchanged or repaired free
terms: warranty 72 months (product), return 7 days, exchange 15 days, exchange after 2 repairs, repaired parts 3 months, key parts COMP-35GW 120 months
history (0)

### run svc unit show SN-0001 --as-of 2026-11-26 --format json | python3 -c 'import json,sys; e=json.load(sys.stdin)["entitlement"]; print(e["remedy"], e["rule"], e["days_since_purchase"], e["choices"])'
# day 8: exchange
### stdout
exchange exchange_days 8 ['exchange', 'free_repair']

### run svc ticket create --id R1 --type repair --outlet SH-01 --serial SN-0001 --fault 异响 --at '2026-11-23 09:00'
# the unit's model, customer, region and purchase date; covered, so no quote
### stdout
R1
### stderr-has
R1: in warranty (三包): free of charge (72 months, last day 2032-11-18)
R1: entitlement: return (or exchange, free_repair): day 5 since the purchase on 2026-11-18


### run sqlite3 svc.db "SELECT customer, product, region, purchased FROM events WHERE ticket = 'R1'"
### stdout
C-88|KFR-35GW|华东|2026-11-18

### run svc ticket create --type repair --outlet SH-01 --serial SN-001
### exit 66
### stderr-has
svc: error: unknown serial 'SN-001' (did you mean 'SN-0001'?)

### run svc dispatch suggest R1 --format json | python3 -c 'import json,sys; c=json.load(sys.stdin)["candidates"]; print(sorted({r["text"] for x in c for r in x["reasons"] if r["factor"]=="skill_line"}))'
# engineers with the 空调 skill get the credit for KFR-35GW, the others are told why not
### stdout
['no skill 空调', 'skill 空调']

### file log.csv
id,ts,ticket,event,type,urgency,channel,region,outlet,customer,product,serial,note
L1-c,2026-11-19 10:00,L1,created,install,normal,phone,华东,SH-01,C-88,KFR-35GW,SN-0001,
L2-c,2026-11-20 10:00,L2,created,consultation,normal,phone,华东,SH-01,C-88,KFR-35GW,SN-0001,遥控器
L3-c,2026-11-20 11:00,L3,created,repair,normal,phone,华东,SH-01,C-77,XQG100,SN-7777,

### run svc import -q log.csv > /dev/null && svc unit history SN-0001 --format csv | tr -d '\r' | cut -d, -f1-5
# imported created events with a serial link to the unit, with the ticket opened by command
### stdout
ticket,created,type,serial,state
L1,2026-11-19 10:00,install,SN-0001,open
L2,2026-11-20 10:00,consultation,SN-0001,open
R1,2026-11-23 09:00,repair,SN-0001,open

### run svc unit add SN-7777 --model XQG100 --purchased 2026-01-02 -q && svc unit history SN-7777 --format json | python3 -c 'import json,sys; print([r["ticket"] for r in json.load(sys.stdin)])'
# a serial imported before the unit was registered: its tickets show once it is
### stdout
['L3']

### run svc ticket create --id W1 --type repair --outlet SH-01 --serial SN-0002 --at '2026-11-10 09:00' -q && svc ticket schedule W1 --window '2026-11-10 10:00/11:00' --engineer E-013 --at '2026-11-10 09:10' -q && svc ticket arrive W1 --at '2026-11-10 10:05' -q && svc ticket complete W1 --content 换电机 --at '2026-11-10 10:50' -q
### stdout
W1

### run svc ticket create --id W2 --type repair --outlet SH-01 --serial SN-0002 --at '2026-11-15 09:00' && svc ticket schedule W2 --window '2026-11-15 10:00/11:00' --engineer E-013 --at '2026-11-15 09:10' -q && svc ticket arrive W2 --at '2026-11-15 10:05' -q && svc ticket complete W2 --content 再修 --at '2026-11-15 10:50' -q
# the second repair is free
### stderr-has
W2: entitlement: free_repair: in warranty until 2029-06-01 (36 months from the purchase on 2026-06-01, day 167): free repair; 1 of 2 repairs before exchange used

### run svc ticket create --id W3 --type repair --outlet SH-01 --serial SN-0002 --at '2026-11-20 09:00' --format json
# after two repairs within warranty: exchange or return
### stdout
{"ticket":"W3","warranty":"in","last_day":"2029-06-01","quote":null,"serial":"SN-0002","entitlement":{"remedy":"exchange","choices":["exchange","return"],"covered":true,"rule":"repairs_before_exchange","why":"repaired 2 times within the warranty (W1, W2); after 2 repairs a fault still there is exchanged or returned free (warranty until 2029-06-01)","purchased":"2026-06-01","days_since_purchase":172,"warranty_end":"2029-06-01","key_part_end":"2036-06-01","repairs_in_warranty":2,"repair_tickets":["W1","W2"],"covered_parts":[]}}

### run svc ticket create --id P1 --type repair --outlet GZ-01 --serial SN-0003 --at '2026-11-20 09:00'
# out of warranty: paid, and the quote
### stderr-has
P1: entitlement: paid_repair: out of warranty since 2021-01-01 (12 months from the purchase on 2020-01-01): paid repair
P1: quote 80.00 = labour 1 h × 80.00 = 80.00 + parts 0.00

### run svc unit history SN-0002
### stdout
ticket  created           type    serial   state      engineer  completed         satisfaction  parts
------  ----------------  ------  -------  ---------  --------  ----------------  ------------  -----
W1      2026-11-10 09:00  repair  SN-0002  completed  E-013     2026-11-10 10:50
W2      2026-11-15 09:00  repair  SN-0002  completed  E-013     2026-11-15 10:50
W3      2026-11-20 09:00  repair  SN-0002  open

### run svc ticket create --id I1 --type install --outlet SH-01 --serial SN-NEW --customer C-88 --product KFR-50LW --purchased 2026-11-20 --at '2026-11-21 09:00' -q && svc ticket schedule I1 --window '2026-11-21 10:00/11:00' --engineer E-013 --at '2026-11-21 09:10' -q && svc ticket arrive I1 --at '2026-11-21 10:05' -q && svc ticket complete I1 --content 安装完成 --at '2026-11-21 10:50'
# an install of a new serial: completing it registers the unit
### stdout
I1
### stderr-has
I1: unit SN-NEW registered, installed 2026-11-21

### run svc unit list --model KFR-50LW --format json
### stdout
[{"serial":"SN-NEW","model":"KFR-50LW","customer":"C-88","address":"上海市浦东新区张江路1号","region":"华东","purchased":"2026-11-20","installed":"2026-11-21","install_ticket":"I1"}]

### run svc customer show C-88
### stdout
field    value
-------  -----------------------
id       C-88
name     王芳
contact  138****5678
address  上海市浦东新区张江路1号
region   华东

units (3)
serial   model     customer  address                  region  purchased   installed   install_ticket
-------  --------  --------  -----------------------  ------  ----------  ----------  --------------
SN-0001  KFR-35GW  C-88      上海市浦东新区张江路1号  华东    2026-11-18  2026-11-19
SN-0002  XQG100    C-88      上海市浦东新区张江路1号  华东    2026-06-01
SN-NEW   KFR-50LW  C-88      上海市浦东新区张江路1号  华东    2026-11-20  2026-11-21  I1

tickets (7)
ticket  created           type          serial   state      engineer  completed         satisfaction  parts
------  ----------------  ------------  -------  ---------  --------  ----------------  ------------  -----
W1      2026-11-10 09:00  repair        SN-0002  completed  E-013     2026-11-10 10:50
W2      2026-11-15 09:00  repair        SN-0002  completed  E-013     2026-11-15 10:50
L1      2026-11-19 10:00  install       SN-0001  open
W3      2026-11-20 09:00  repair        SN-0002  open
L2      2026-11-20 10:00  consultation  SN-0001  open
I1      2026-11-21 09:00  install       SN-NEW   completed  E-013     2026-11-21 10:50
R1      2026-11-23 09:00  repair        SN-0001  open

### run svc customer show C-8
### exit 66
### stderr-has
svc: error: unknown customer 'C-8' (did you mean 'C-88'?)

### run svc product show KFR-35G
### exit 66
### stderr-has
unknown model 'KFR-35G' (did you mean 'KFR-35GW'?)

### run svc unit add SN-0009 --model XQG100 --purchased 2026-13-01
### exit 2
### stderr-has
--purchased '2026-13-01': no such date
