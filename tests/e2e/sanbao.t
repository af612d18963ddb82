三包 all the way through (docs/installed-base.md "Money on covered work", "The
repair warranty a repair starts"): a fee on a covered key part is refused with
the store unchanged, the day after its warranty it is approved; a fee forced
on covered work is kept with who and why and is the integrity finding
fee_on_covered_work; a repair tells and stores the repair warranty it starts,
and the next fault of that part within it is free. Dates by hand: S1 bought
2021-11-22 with COMP a 60-month key part on a 12-month unit, so the unit's
warranty ended 2022-11-22 and COMP's ends 2026-11-22.

### file same
before=$(sqlite3 "$SVC_DB" .dump | sha256sum)
"$@"; rc=$?
after=$(sqlite3 "$SVC_DB" .dump | sha256sum)
if [ "$before" = "$after" ]; then echo unchanged; else echo CHANGED; fi
exit $rc

### file visit
# visit T DAY: E-013 scheduled and on site on DAY (10:00)
svc ticket schedule "$1" --window "$2 10:00/11:00" --engineer E-013 --at "$2 09:10" 2>/dev/null &&
svc ticket arrive "$1" --at "$2 10:00" 2>/dev/null

### run svc init -q && svc outlet import -q "$SRC/examples/network/outlets.csv" && svc engineer import -q "$SRC/examples/network/engineers.csv" && svc parts catalog add COMP --name 压缩机 --list-price 800 -q && svc parts catalog add FM-220 --name 风机 --list-price 120 -q && svc product add KFR-72LW --line 空调 --warranty-months 12 --key-parts COMP --key-part-months 60 -q && svc unit add S1 --model KFR-72LW --purchased 2021-11-22 -q && svc unit add S2 --model KFR-72LW --purchased 2021-11-22 -q

### run svc ticket create --id K1 --type repair --outlet SH-01 --serial S1 --part COMP --at '2026-11-21 09:00'
# the day before COMP's last day: covered, never "out of warranty"; the quote is 0.00 with COMP free
### stderr-has
K1: covered: key part COMP until 2026-11-22 (the unit's 12 months ended 2022-11-22)
K1: entitlement: free_repair: key part COMP is under its 60-month warranty until 2026-11-22
; covered, free: COMP

### run bash visit K1 2026-11-21 && bash same svc ticket complete K1 --content 换压缩机 --part COMP --fee 880 --at '2026-11-21 11:00'
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --fee 880.00: the work is covered by 三包 (key part COMP until 2026-11-22, rule key_part): nothing may be charged (「执行本企业的产品质量三包规定」, 「不准…向用户收取各种费用」); --force --reason TEXT records it anyway, as an integrity finding fee_on_covered_work

### run export SVC_USER=wang; svc ticket complete K1 --content 换压缩机 --part COMP --fee 150 --force --reason 客户坚持付费 --at '2026-11-21 11:00'
### stderr-has
K1: fee 150.00 recorded on covered work (key part COMP until 2026-11-22), NOT approved: an integrity finding fee_on_covered_work
压缩机 COMP repaired: free until 2027-02-21 (repair warranty, 3 months from 2026-11-21)

### run svc ticket show K1 | grep -E '^(warranty|quote) |no: on covered|^COMP  2026'
### stdout
warranty     covered: key part COMP until 2026-11-22 (the unit: out of warranty (12 months from 2021-11-22, last day 2022-11-22, from the product))
quote        0.00 (labour 0 h = 0.00, parts 0.00); covered, free: COMP
2026-11-21 11:00  150.00  no: on covered work (key part COMP until 2026-11-22), recorded by wang: 客户坚持付费
COMP  2026-11-21  2027-02-21

### run svc ticket show K1 --format json | grep -o '"covered":"[^"]*"\|"repair_warranties":[^]]*]\|"on_covered_work":"[^"]*"'
### stdout
"covered":"key part COMP until 2026-11-22"
"repair_warranties":[{"part":"COMP","from":"2026-11-21","until":"2027-02-21"}]
"on_covered_work":"on covered work (key part COMP until 2026-11-22), recorded by wang: 客户坚持付费"

### run svc audit integrity --as-of '2026-11-23 12:00' --format json | grep -o '"check":"[^"]*"'
# svc's own finding; one finding, as an unapproved fee would be
### stdout
"check":"fee_on_covered_work"

### run svc audit corrections --as-of '2026-11-23 12:00' --format csv | tr -d '\r' | grep -o 'covered_fee,.*,wang,客户坚持付费'
# listed with who and why (the fee event's id in the event column)
### stdout
covered_fee,K1,SH-01,7c2b63005296d7ab87dfc7fa6a0e3ca5,fee,wang,客户坚持付费

### run svc report costs --period 2026-11 --as-of '2026-11-23 12:00' --format json | grep -o '"total":{[^}]*}' | grep -o '"fees":[^,]*,"unapproved_fees":[^,}]*'
# the fee forced on covered work is not revenue
### stdout
"fees":0.00,"unapproved_fees":150.00

### run svc ticket create --id K2 --type repair --outlet SH-01 --serial S2 --part COMP --at '2026-11-23 09:00' -q && bash visit K2 2026-11-23 && svc ticket complete K2 --content 换压缩机 --part COMP --fee 880 --at '2026-11-23 11:00'
# the day after COMP's last day: out of warranty, and 880.00 (labour + 800.00) is within the fee standard
### stderr-has
K2: fee 880.00 within the fee standard

### run svc ticket create --id F1 --type repair --outlet SH-01 --serial S2 --at '2026-08-20 09:00' -q && bash visit F1 2026-08-20 && svc ticket complete F1 --content 换风机 --part FM-220 --at '2026-08-20 11:00'
# 3 repair months from 2026-08-20: the last day covered is 2026-11-20
### stderr-has
风机 FM-220 repaired: free until 2026-11-20 (repair warranty, 3 months from 2026-08-20)

### run svc unit show S2 --part FM-220 --as-of 2026-11-20 | grep -c 'free_repair: part FM-220 was repaired on 2026-08-20 (F1)'
# its last day covered; the day after it is not
### stdout
1

### run svc unit show S2 --part FM-220 --as-of 2026-11-21 | grep -c 'paid_repair'
### stdout
1

### run svc unit add S3 --model KFR-72LW --purchased 2026-06-01 -q && for t in R1:2026-07-01 R2:2026-08-01; do svc ticket create --id ${t%%:*} --type repair --outlet SH-01 --serial S3 --at "${t#*:} 09:00" -q && bash visit ${t%%:*} ${t#*:} && svc ticket complete ${t%%:*} --content 修好 --at "${t#*:} 11:00" 2>/dev/null || exit 1; done; svc ticket create --id X1 --type replacement --outlet SH-01 --serial S3 --at '2026-11-10 09:00'
# two repairs within warranty: the third fault is exchanged (or returned)
### stderr-has
X1: entitlement: exchange (or return): repaired 2 times within the warranty (R1, R2)

### run bash visit X1 2026-11-10 && bash same svc ticket complete X1 --content 换新机 --at '2026-11-10 11:00'
### exit 65
### stdout
unchanged
### stderr-has
svc: error: ticket 'X1' is an exchange (replacement): completing it needs --new-serial, the serial of the unit given in exchange

### run bash same svc ticket complete X1 --content 换新机 --new-serial S1 --at '2026-11-10 11:00'
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --new-serial S1: that serial is already registered (model KFR-72LW): the unit given in exchange is a new one

### run svc ticket complete X1 --content 换新机 --new-serial S9 --at '2026-11-10 11:00'
### stderr-has
X1: unit S3 exchanged for S9 (KFR-72LW): the new unit's 三包 starts 2026-11-10; S3's repairs do not count against it

### run svc unit show S3 --as-of 2026-11-10 | grep -E 'exchanged|entitlement'
### stdout
exchanged on 2026-11-10 for S9 (X1)
entitlement on 2026-11-10: paid_repair: none (exchanged on 2026-11-10 for S9 (X1)): the unit left 三包 then

### run svc unit show S9 --as-of 2026-11-17 | grep -E 'given in exchange|entitlement'
# day 7 after the exchange: return; day 8: exchange
### stdout
given in exchange for S3 on 2026-11-10 (X1)
entitlement on 2026-11-17: return (or exchange, free_repair): day 7 since the purchase on 2026-11-10 (return within 7 days): a performance fault may be returned, exchanged or repaired free

### run svc unit show S9 --as-of 2026-11-18 --format json | grep -o '"rule":"[^"]*"\|"replaces":{"serial":"[^"]*"'
### stdout
"rule":"exchange_days"
"replaces":{"serial":"S3"

### run svc ticket create --id N1 --type repair --outlet SH-01 --serial S9 --at '2026-11-20 09:00' -q >/dev/null && bash visit N1 2026-11-20 && bash same svc ticket complete N1 --content 修好 --part FM-220 --fee 200 --at '2026-11-20 11:00'
# a repair of the new unit in its first 15 days is free (day 10): the fee is refused
### exit 65
### stdout
unchanged
### stderr-has
(exchange within 三包 until 2026-11-25 (day 10), rule exchange_days): nothing may be charged

### run svc ticket create --id X2 --type replacement --outlet SH-01 --serial S3 --at '2026-11-20 09:00' -q >/dev/null && bash visit X2 2026-11-20 && bash same svc ticket complete X2 --content 再换 --new-serial S10 --at '2026-11-20 11:00'
# an exchanged unit is not exchanged again
### exit 65
### stdout
unchanged
### stderr-has
svc: error: unit 'S3' was already exchanged on 2026-11-10 for S9 (X1): it cannot be exchanged again
