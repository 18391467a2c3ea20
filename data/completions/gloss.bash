# bash completion for gloss — the commands and options gloss itself lists
# (`gloss --help`, `gloss COMMAND --help`), so it never goes out of date.

_gloss_commands ()
{
  gloss --help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'
}

_gloss ()
{
  local cur command
  cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(_gloss_commands) help" -- "$cur"))
      [ ${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return
  fi
  command=${COMP_WORDS[1]}
  if [ "$command" = help ]; then
    COMPREPLY=($(compgen -W "$(_gloss_commands)" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(gloss "$command" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -o filenames -F _gloss gloss
