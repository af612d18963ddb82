svc --version, svc completion and svc man (issue 11).

### run svc --version | sed -e 's/^sqlite 3\.[0-9.]*$/sqlite 3.x/' -e 's/^schema [1-9][0-9]*$/schema N/'
### stdout
svc 0.1.0
schema N
sqlite 3.x

### run svc init -q && test "$(svc --version | sed -n 2p)" = "schema $(sqlite3 svc.db 'PRAGMA user_version')" && echo "schema of a new store"
### stdout
schema of a new store

### run test "$(svc --version)" = "$(svc version)" && echo same
### stdout
same

### run svc completion
### exit 2
### stderr-has
SHELL is required

### run svc completion tcsh
### exit 2
### stderr-has
SHELL: unknown shell 'tcsh'

### run svc completion bash | grep -c '^complete -F _svc svc$'
### stdout
1

### run svc completion zsh | head -1
### stdout
#compdef svc

### run svc completion --help
### stdout-has
Print the bash or zsh completion script
source <(svc completion bash)

### run svc --help | grep -c '^  man '
### exit 1
### stdout
0

### run svc man | grep -E '^\.(TH|SH "SVC REPORT"|SS "svc report sla")'
### stdout
.TH SVC 1 "" "svc 0.1.0" "User Commands"
.SH "SVC REPORT"
.SS "svc report sla"

### run svc man --output out/svc.1
### exit 2
### stderr-has
svc: error: cannot write out/svc.1
