The same fact by command and by log (issue 25 §2 and §7): a log meets every
rule the commands meet, and the commands the importer's, so that the same
history gives the same store either way (docs/import.md "The commands' rules").
Each fact is tried both ways: the same refusal (exit 65), and the store's dump
unchanged (same.sh prints "store unchanged" when it is). Free text: one rule
for every command and every log (docs/import.md "Free text").

### file same.sh
h0=$(sqlite3 svc.db .dump | sha256sum)
"$@"; rc=$?
[ "$(sqlite3 svc.db .dump | sha256sum)" = "$h0" ] && echo "store unchanged"
exit $rc

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc engineer add E-017 --name 张工 --outlet SH-01 --quiet && svc parts catalog add CAP-35 --name 电容 --list-price 35.5 -q && svc parts receive CAP-35 --qty 10 --unit-cost 11.80 --receipt GRN-1 --at '2026-11-01 09:00' -q > /dev/null && svc ticket create --id T1 --type repair --outlet SH-01 --fault 不制冷 --at '2026-11-02 09:00' -q && svc ticket respond T1 --at '2026-11-02 09:30' 2>/dev/null && svc ticket schedule T1 --window '2026-11-02 13:00/15:00' --engineer E-017 --at '2026-11-02 10:00' 2>/dev/null && svc ticket arrive T1 --at '2026-11-02 13:30' 2>/dev/null && svc parts issue T1 CAP-35 --qty 1 --warehouse central --requisition RQ-1 --at '2026-11-02 13:40' -q > /dev/null && svc parts consume T1 CAP-35 --qty 1 --at '2026-11-02 13:50' -q > /dev/null && svc ticket show T1 --format json | grep -o '"id":"[0-9a-f]*","ts":"[^"]*","event":"[a-z_]*"' | sed 's/"ts":"[^"]*",//'
### stdout
T1
"id":"f60bb9457e85988c1d5af428bc9b5ab9","event":"created"
"id":"6abc4836a18aef96ff7f47f3f40b9c9e","event":"responded"
"id":"73c7dcfdf480b08c27bef676b5b9aa20","event":"dispatched"
"id":"03b112c700394bead2bf51602b8039b0","event":"arrived"
"id":"0e4d3ea4442bc5539846b97f84ef8944","event":"part_used"


### run bash same.sh svc ticket complete T1 --content 换电容 --fee -97476 --at '2026-11-02 14:00'
# --- a negative fee: refused by ticket complete --fee, and from a log (SH-01's
# fees became -97,476.00 and hid an unapproved 120.00)
### exit 65
### stdout-has
store unchanged
### stderr-has
--fee -97476: a fee cannot be negative

### file fee.csv
ts,ticket,event,amount,approved
2026-11-02 14:00,T1,fee,120.00,no
2026-11-02 14:05,T1,fee,-97476.00,yes

### run bash same.sh svc import fee.csv
### exit 65
### stdout-has
store unchanged
### stderr-has
fee.csv:3: amount -97476.00 is negative: a fee is money collected (withdraw a wrong fee with a voided event)

### file fee.jsonl
{"ts":"2026-11-02 14:05","ticket":"T1","event":"fee","amount":-0.01,"approved":"yes"}

### run bash same.sh svc import fee.jsonl --skip-bad
# --skip-bad stores the good records only: this one is not among them
### stdout-has
store unchanged
### stderr-has
fee.jsonl:1: amount -0.01 is negative


### run bash same.sh svc ticket void T1 0e4d3ea4442bc5539846b97f84ef8944 --reason 配件未实际更换 --at '2026-12-01 10:00' --user wang
# --- a void dated in the future: ticket void --at refuses it, and so does a
# log, beyond [limits] future_minutes (it was accepted, invisible to audit
# corrections, and blocked the real void at once)
### exit 65
### stdout-has
store unchanged
### stderr-has
is in the future (now is 2026-11-23T20:00:00+08:00): a correction is recorded when it is made

### file future.csv
ts,ticket,event,ref,note
2026-12-01 10:00,T1,voided,6abc4836a18aef96ff7f47f3f40b9c9e,录入错误
2026-11-23 20:06,T1,voided,73c7dcfdf480b08c27bef676b5b9aa20,six minutes ahead of the clock

### run bash same.sh svc import future.csv
### exit 65
### stdout-has
store unchanged
### stderr-has
future.csv:2: ts 2026-12-01T10:00:00+08:00 is in the future (now is 2026-11-23T20:00:00+08:00; [limits] future_minutes 5): a correction is recorded when it is made
future.csv:3: ts 2026-11-23T20:06:00+08:00 is in the future


### file void-part.csv
ts,ticket,event,ref,note
2026-11-02 14:00,T1,voided,0e4d3ea4442bc5539846b97f84ef8944,配件未实际更换

### run bash same.sh svc import void-part.csv
# --- a void of a part_used that the parts ledger consumed: the command
# reverses the consumption in the same transaction; a log cannot (who, why?),
# so it is refused rather than leave the ledger consuming a withdrawn part
### exit 65
### stdout-has
store unchanged
### stderr-has
void-part.csv:2: ref '0e4d3ea4442bc5539846b97f84ef8944' names the stored part_used at 2026-11-02T13:50:00+08:00, which the parts ledger consumed (movement #3): void it with 'svc ticket void'

### run svc ticket void T1 0e4d3ea4442bc5539846b97f84ef8944 --reason 配件未实际更换 --at '2026-11-02 14:00' --user wang --format json | grep -o '"reversed_movements":\[[0-9]*\]' && svc audit parts --as-of '2026-12-01 12:00' | grep -c old_part || true
### stdout
"reversed_movements":[4]
0


### run bash same.sh svc ticket void T1 6abc4836a18aef96ff7f47f3f40b9c9e --reason '   ' --user wang
# --- free text: a reason of blanks, or of two lines, or with a control
# character is refused by every command and in a void's note from a log
### exit 65
### stdout-has
store unchanged
### stderr-has
--reason must say why: it is empty or only blanks

### run bash same.sh svc ticket void T1 6abc4836a18aef96ff7f47f3f40b9c9e --reason $'录入错误\n第二行' --user wang
### exit 65
### stdout-has
store unchanged
### stderr-has
--reason must not hold control characters (\n at byte 13): one line of plain text

### file void-reason.csv
ts,ticket,event,ref,note
2026-11-02 15:00,T1,voided,6abc4836a18aef96ff7f47f3f40b9c9e,"录入错误
第二行"

### run bash same.sh svc import void-reason.csv
### exit 65
### stdout-has
store unchanged
### stderr-has
void-reason.csv:2: note (the void's reason) must not hold control characters (\n at byte 13): one line of plain text

### run bash same.sh svc parts reverse 1 --reason $'\t' --user wang
### exit 65
### stdout-has
store unchanged
### stderr-has
--reason must say why: it is empty or only blanks

### run bash same.sh svc parts reverse 1 --reason $'收货错误\e[2J' --user wang
### exit 65
### stdout-has
store unchanged
### stderr-has
--reason must not hold control characters (\x1B at byte 13)

### run bash same.sh svc training void --session S1 --engineer E-017 --method written --reason $'录错\r分数' --user wang
### exit 65
### stdout-has
store unchanged
### stderr-has
--reason must not hold control characters (\r at byte 7)

### run bash same.sh svc cost add --ticket T1 --kind travel --amount 35 --note $'打车\a\a'
### exit 65
### stdout-has
store unchanged
### stderr-has
--note must not hold control characters (\x07 at byte 7)

### run bash same.sh svc ticket note T1 --text $'客户来电\e]0;owned\a'
### exit 65
### stdout-has
store unchanged
### stderr-has
must not hold control characters (\x1B at byte 13)

### file names.csv
ts,ticket,event,type,urgency,region,outlet,customer,note
2026-11-03 08:00,T3,created,repair,normal,华东,SH-01,"C-1‮gnp.exe",ok

### run bash same.sh svc import names.csv
### exit 65
### stdout-has
store unchanged
### stderr-has
names.csv:2: customer must not hold control characters (U+202E at byte 4): one line of plain text


### run bash same.sh svc ticket create --id T2 --type repair --outlet SH-01 --purchased 1970-01-01 --at '2026-11-03 09:00'
# --- purchase dates: implausible ones are refused on tickets (command and
# log) and on units, with the same [limits] purchase_years
### exit 65
### stdout-has
store unchanged
### stderr-has
--purchased 1970-01-01 is more than 50 years before the ticket's date 2026-11-03 ([limits] purchase_years)

### file old.csv
ts,ticket,event,type,urgency,region,outlet,purchased
2026-11-03 09:00,T2,created,repair,normal,华东,SH-01,1970-01-01

### run bash same.sh svc import old.csv
### exit 65
### stdout-has
store unchanged
### stderr-has
old.csv:2: purchased 1970-01-01 is more than 50 years before the ticket's date 2026-11-03 ([limits] purchase_years)

### run svc product add KFR-35GW --line 空调 -q && bash same.sh svc unit add SN-1 --model KFR-35GW --purchased 2027-01-01
### exit 65
### stdout-has
store unchanged
### stderr-has
purchased 2027-01-01 is after today 2026-11-23

### run bash same.sh svc unit add SN-1 --model KFR-35GW --purchased 2026-11-01 --installed 2026-10-01
### exit 65
### stdout-has
store unchanged
### stderr-has
installed 2026-10-01 is before purchased 2026-11-01

### file units.csv
serial,model,purchased,installed
SN-2,KFR-35GW,1900-01-01,
SN-3,KFR-35GW,2026-11-20,2026-12-24

### run bash same.sh svc unit import units.csv
### exit 65
### stdout-has
store unchanged
### stderr-has
units.csv:2: purchased 1900-01-01 is more than 50 years before today 2026-11-23 ([limits] purchase_years)
units.csv:3: installed 2026-12-24 is after today 2026-11-23

### run svc unit add SN-4 --model KFR-35GW --purchased 2026-11-20 -q && bash same.sh svc ticket create --id T4 --type repair --outlet SH-01 --serial SN-4 --at '2026-11-10 09:00'
# a unit bought after the (back-dated) ticket: the message names the unit's date, not a --purchased never given
### exit 65
### stdout-has
store unchanged
### stderr-has
unit SN-4: its purchased date 2026-11-20 is after the ticket's date 2026-11-10; correct the unit with svc unit import

### run printf '[limits]\npurchase_years = 60\n' > p.toml && svc --config p.toml import -q old.csv && svc config show --config p.toml | grep -E 'purchase_years|future_minutes'
### stdout-has
purchase_years = 60
future_minutes = 5


### run bash same.sh svc engineer add E-099 --name 王工 --outlet SH-01 --level 0x3
# --- one number parser: a typed option refuses hex, exponents and inf as a log's values do
### exit 2
### stdout-has
store unchanged
### stderr-has
must be a plain decimal number, got '0x3'

### run bash same.sh svc training result --session S1 --engineer E-017 --method written --score 0x32
### exit 2
### stdout-has
store unchanged
### stderr-has
must be a plain decimal number, got '0x32'
