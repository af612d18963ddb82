// svc completion bash|zsh: a completion script generated from the CLI11
// command tree (subcommands, options, --format/--by/… choices, files), which
// also offers ticket, outlet and engineer ids read from the store when one
// exists. Nothing in it is a hand-written list: a new command or option shows
// up as soon as it is in the tree.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "app.hpp"
#include "tree.hpp"

namespace svc::cli {

namespace {

std::string join(const std::vector<std::string>& v, const std::string& sep = " ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// A word inside a bash double-quoted string: only names and choices go there,
// but escape anyway.
std::string bash_dq(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  return out;
}

// What completes an option's or positional's value: "choices", an id kind,
// "file", or "" (free text: nothing to offer).
std::string value_kind(const OptionInfo& o) {
  if (!o.choices.empty()) return "choices";
  if (!o.id_kind.empty()) return o.id_kind;
  if (o.file) return "file";
  return "";
}

void bash_tables(std::ostream& out, const CommandInfo& c) {
  std::string key = bash_dq(c.full_name());
  std::vector<std::string> subs, opts, valued, positional;
  for (const auto& ch : c.children) subs.push_back(ch.name);
  for (const auto& o : c.options) {
    if (o.positional) {
      std::string k = value_kind(o);
      if (k == "choices")
        out << fmt::format("__svc_choices[\"{} #{}\"]=\"{}\"\n", key, positional.size(), bash_dq(join(o.choices)));
      positional.push_back((k.empty() ? "-" : k) + (o.repeatable ? "+" : ""));
      continue;
    }
    for (const auto& n : o.names) {
      opts.push_back(n);
      if (!o.takes_value) continue;
      valued.push_back(n);
      std::string k = value_kind(o);
      if (k == "choices")
        out << fmt::format("__svc_choices[\"{} {}\"]=\"{}\"\n", key, n, bash_dq(join(o.choices)));
      else if (!k.empty())
        out << fmt::format("__svc_kind[\"{} {}\"]={}\n", key, n, k);
    }
  }
  out << fmt::format("__svc_subcommands[\"{}\"]=\"{}\"\n", key, bash_dq(join(subs)));
  out << fmt::format("__svc_options[\"{}\"]=\"{}\"\n", key, bash_dq(join(opts)));
  out << fmt::format("__svc_valued[\"{}\"]=\" {} \"\n", key, bash_dq(join(valued)));
  out << fmt::format("__svc_positional[\"{}\"]=\"{}\"\n", key, join(positional));
  for (const auto& ch : c.children) bash_tables(out, ch);
}

constexpr const char* kBashFunctions = R"BASH(
# Ids of KIND (ticket|outlet|engineer) from the store, quietly and only when
# the store file exists: svc KIND list --format csv, first column.
__svc_ids() {
  local db="${__svc_db:-${SVC_DB:-svc.db}}"
  [ -f "$db" ] || return 0
  timeout 2 svc --db "$db" --quiet "$1" list --format csv 2>/dev/null | tail -n +2 | cut -d, -f1
}

__svc_complete_kind() {  # KIND CUR
  case "$1" in
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$2")) ;;
    ticket|outlet|engineer) COMPREPLY=($(compgen -W "$(__svc_ids "$1")" -- "$2")) ;;
    *) COMPREPLY=() ;;
  esac
}

_svc() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" path="svc" w i npos=0 __svc_db=""
  [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD-1]}"
  # Follow the words typed so far down the tree, skipping options and their values.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    if [[ "$w" == -* ]]; then
      [[ "$w" == --db=* ]] && __svc_db="${w#--db=}"
      if [[ "$w" != *=* && ( "${__svc_valued[$path]}" == *" $w "* || "${__svc_valued[svc]}" == *" $w "* ) ]]; then
        ((i++))
        [ "${COMP_WORDS[i]}" = "=" ] && ((i++))  # --opt=VALUE, split by bash
        [ "$w" = --db ] && __svc_db="${COMP_WORDS[i]}"
      fi
    elif [[ " ${__svc_subcommands[$path]} " == *" $w "* ]]; then
      path="$path $w"
    else
      ((npos++))
    fi
  done
  COMPREPLY=()
  # --opt=VALUE: bash splits it into --opt, =, VALUE
  if [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then prev="${COMP_WORDS[COMP_CWORD-2]}"
  elif [ "$cur" = "=" ]; then cur=""; fi
  # The value of an option: its choices, ids, files, or nothing for free text.
  if [[ "$prev" == -* && ( "${__svc_valued[$path]}" == *" $prev "* || "${__svc_valued[svc]}" == *" $prev "* ) ]]; then
    local key="$path $prev"
    [[ "${__svc_valued[$path]}" == *" $prev "* ]] || key="svc $prev"
    if [ -n "${__svc_choices[$key]+x}" ]; then
      COMPREPLY=($(compgen -W "${__svc_choices[$key]}" -- "$cur"))
    else
      __svc_complete_kind "${__svc_kind[$key]}" "$cur"
    fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    local opts="${__svc_options[$path]}"
    [ "$path" = svc ] || opts="$opts ${__svc_options[svc]}"
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return 0
  fi
  if [ -n "${__svc_subcommands[$path]}" ]; then
    COMPREPLY=($(compgen -W "${__svc_subcommands[$path]}" -- "$cur"))
    return 0
  fi
  # A positional argument: the kind of the npos-th one (a repeating last one repeats).
  local -a kinds=(${__svc_positional[$path]})
  local kind="" n=${#kinds[@]} at=$npos
  if [ "$npos" -ge "$n" ] && [ "$n" -gt 0 ] && [[ "${kinds[n-1]}" == *+ ]]; then at=$((n - 1)); fi
  [ "$at" -lt "$n" ] && kind="${kinds[at]}"
  if [ "${kind%+}" = choices ]; then
    COMPREPLY=($(compgen -W "${__svc_choices[$path #$at]}" -- "$cur"))
  else
    __svc_complete_kind "${kind%+}" "$cur"
  fi
  return 0
}
complete -F _svc svc
)BASH";

void write_bash(std::ostream& out, const CommandInfo& root) {
  out << "# bash completion for svc " << SVC_VERSION
      << " — generated by `svc completion bash` from the command tree; do not edit.\n"
         "# Install: /usr/share/bash-completion/completions/svc, or: source <(svc completion bash)\n"
         "declare -gA __svc_subcommands __svc_options __svc_valued __svc_positional __svc_choices __svc_kind\n";
  bash_tables(out, root);
  out << kBashFunctions;
}

// ---- zsh ----

std::string zsh_sq(const std::string& s) {  // inside '…'
  std::string out;
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out;
}

std::string zsh_desc(const std::string& s) {  // inside [...] of an _arguments spec
  std::string out;
  for (char c : s) {
    if (c == ']' || c == '\\') out += '\\';  // the only characters _arguments needs quoted in [...]
    if (c == '\n') c = ' ';
    out += c;
  }
  return out;
}

std::string zsh_fn(const CommandInfo& c) {
  std::string f = "_svc";
  for (auto p : c.path) {
    for (auto& ch : p)
      if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    f += "__" + p;
  }
  return f;
}

std::string zsh_action(const OptionInfo& o) {
  std::string k = value_kind(o);
  if (k == "choices") return "(" + join(o.choices) + ")";
  if (k == "file") return "_files";
  if (k.empty()) return " ";
  return "_svc_ids " + k;
}

std::string zsh_value_name(const OptionInfo& o) {
  std::string t = o.positional ? o.display : o.type.substr(0, o.type.find(':'));
  for (auto& ch : t)
    if (ch == ':') ch = ' ';
  return t.empty() ? "value" : t;
}

void write_zsh_command(std::ostream& out, const CommandInfo& c) {
  std::vector<std::string> specs;
  for (const auto& o : c.options) {
    if (o.positional) {
      specs.push_back(fmt::format("'{}:{}:{}'", o.repeatable ? "*" : (o.required ? "" : ":"), zsh_sq(zsh_value_name(o)),
                                  zsh_sq(zsh_action(o))));
      continue;
    }
    std::string excl = o.names.size() > 1 && !o.repeatable ? "(" + join(o.names) + ")" : "";
    for (const auto& n : o.names) {
      std::string spec = (o.repeatable ? "*" : excl) + n;
      if (o.takes_value) spec += (n.rfind("--", 0) == 0 ? "=" : "+");
      spec += "[" + zsh_desc(o.description) + "]";
      if (o.takes_value) spec += ":" + zsh_value_name(o) + ":" + zsh_action(o);
      specs.push_back("'" + zsh_sq(spec) + "'");
    }
  }
  out << zsh_fn(c) << "() {\n";
  if (c.children.empty()) {
    out << "  _arguments -s -S";
    for (const auto& s : specs) out << " \\\n    " << s;
    out << "\n}\n\n";
    return;
  }
  out << "  local curcontext=\"$curcontext\" state line ret=1\n  typeset -A opt_args\n  _arguments -C";
  for (const auto& s : specs) out << " \\\n    " << s;
  out << " \\\n    '1: :->command' \\\n    '*:: :->argument' && ret=0\n";
  out << "  case $state in\n    command)\n      local -a commands\n      commands=(\n";
  for (const auto& ch : c.children) {
    std::string name = ch.name;
    out << "        '" << zsh_sq(name) << ":" << zsh_sq(ch.description) << "'\n";
  }
  out << "      )\n      _describe -t commands '" << zsh_sq(c.full_name()) << " command' commands && ret=0 ;;\n";
  out << "    argument)\n      curcontext=\"${curcontext%:*:*}:" << zsh_fn(c) << "-$words[1]:\"\n";
  out << "      case $words[1] in\n";
  for (const auto& ch : c.children) out << "        " << ch.name << ") " << zsh_fn(ch) << " && ret=0 ;;\n";
  out << "      esac ;;\n  esac\n  return ret\n}\n\n";
  for (const auto& ch : c.children) write_zsh_command(out, ch);
}

void write_zsh(std::ostream& out, const CommandInfo& root) {
  out << "#compdef svc\n# zsh completion for svc " << SVC_VERSION
      << " — generated by `svc completion zsh` from the command tree; do not edit.\n"
         "# Install as _svc in a directory of $fpath (e.g. /usr/share/zsh/vendor-completions).\n\n"
         "# Ids of KIND (ticket|outlet|engineer) from the store, only when it exists.\n"
         "_svc_ids() {\n"
         "  local db=${opt_args[--db]:-${SVC_DB:-svc.db}}\n"
         "  [[ -f $db ]] || return 1\n"
         "  local -a ids\n"
         "  ids=(${(f)\"$(timeout 2 svc --db \"$db\" --quiet \"$1\" list --format csv 2>/dev/null | tail -n +2 | cut "
         "-d, -f1)\"})\n"
         "  compadd -a ids\n"
         "}\n\n";
  write_zsh_command(out, root);
  out << "if [[ $funcstack[1] == _svc ]]; then\n  _svc \"$@\"\nelse\n  compdef _svc svc\nfi\n";
}

}  // namespace

void setup_completion(CLI::App& sub, Globals&) {
  static std::string shell;
  sub.add_option("SHELL", shell, "The shell: bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  sub.footer(
      "Examples:\n"
      "  source <(svc completion bash)                        # in ~/.bashrc\n"
      "  svc completion zsh > ~/.zfunc/_svc                    # with fpath+=(~/.zfunc) before compinit\n"
      "Installed packages put them in /usr/share/bash-completion/completions/svc and\n"
      "/usr/share/zsh/vendor-completions/_svc. Ticket, outlet and engineer ids are read\n"
      "from the store ($SVC_DB or --db) when it exists.");
  sub.callback([&sub] {
    CommandInfo root = command_tree(root_of(sub));
    if (shell == "bash") write_bash(std::cout, root);
    else write_zsh(std::cout, root);
  });
}

}  // namespace svc::cli
