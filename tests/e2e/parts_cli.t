The parts command tree: help with examples on every subcommand, the [parts]
policy section in `svc config show`, listings in every format.

### run svc --help
### stdout-has
parts
audit

### run for c in "parts" "parts catalog" "parts catalog add" "parts catalog update" "parts catalog list" "parts catalog show" "parts catalog import" "parts warehouse" "parts warehouse add" "parts warehouse list" "parts receive" "parts transfer" "parts issue" "parts consume" "parts return" "parts return new" "parts return old" "parts scrap" "parts count" "parts claim" "parts claim open" "parts claim submit" "parts claim accept" "parts claim reject" "parts claims" "parts stock" "parts ledger" "parts reconcile" "parts reverse" "audit parts"; do svc $c --help | grep -q '^Example' || echo "no example: $c"; done
### stdout

### run svc config show
### stdout-has
[parts]
issue_approval_over = 500.00
unconsumed_days = 7
old_part_days = 15
claim_days = 60

### run printf '[parts]\nclaim_days = 30\nold_part_dayz = 3\n' > p.toml && svc config check p.toml
### exit 65
### stderr-has
p.toml:3: unknown key 'parts.old_part_dayz' (did you mean 'parts.old_part_days'?)

### run printf '[parts]\nclaim_days = 30\n' > p.toml && svc --config p.toml config show --origin
### stdout-has
claim_days = 30  # p.toml:2
unconsumed_days = 7  # built-in

### run svc parts stock
# no store yet
### exit 69

### run svc init -q && svc parts catalog add FAN-1 --name '风扇 电机' --spec '120W, 220V' --list-price 35.5 --claimable yes -q && svc parts warehouse list --format json
### stdout
[{"warehouse":"central","kind":"central","outlet":""}]

### run svc parts catalog list --format csv
### stdout-has
FAN-1,风扇 电机,"120W, 220V",pc,,35.50,0,yes

### run svc parts catalog show FAN-1
### stdout
field        value
-----------  ----------
part         FAN-1
name         风扇 电机
spec         120W, 220V
unit         pc
supplier
list_price   35.50
min_stock    0
claimable    yes
avg_cost     0.00
stock        0
old_parts    0
stock_value  0.00

### run svc parts catalog update FAN-1 --min-stock 2 --claimable no && svc parts stock --below-min --format json
### stdout
[{"warehouse":"central","part":"FAN-1","name":"风扇 电机","unit":"pc","qty":"0","min_stock":"2","below_min":"yes","old_parts":"0","avg_cost":"0.00","value":"0.00"}]

### run svc audit parts
# an empty ledger is clean
### stdout
check  warehouse  part  ticket  ref  since  due  detail
-----  ---------  ----  ------  ---  -----  ---  ------
### stderr-has
svc: parts audit clean
