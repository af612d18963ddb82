The command tree: help, typos, version, init, exit codes.

### run svc --help
### stdout-has
init
config
Exit codes:

### run svc reprot
### exit 2
### stderr-has
svc: error: unknown command 'reprot'

### run svc config chek
### exit 2
### stderr-has
svc: error: unknown command 'chek' (did you mean 'check'?)

### run svc version | head -1
### stdout
svc 0.1.0

### run svc init && stat -c %a svc.db
### stdout
600

### run svc --db missing.db config show >/dev/null && svc --db missing.db init --quiet && test -f missing.db
### exit 0

### run sqlite3 svc.db 'PRAGMA user_version = 999' && svc init
### exit 69
### stderr-has
newer than this svc understands
