# zsh completion for pgctl: zsh runs the bash one (pgctl.bash, generated from the command model) through
# bashcompinit, so there is one script to keep. Load it from ~/.zshrc:  source /path/to/pgctl.zsh
# (pgctl.bash beside it, or bash's completion installed as in the image). Self-contained: pgctl completion zsh
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
for pgctl_completion in "${${(%):-%x}:A:h}/pgctl.bash" /usr/share/bash-completion/completions/pgctl; do
	if [[ -r $pgctl_completion ]]; then
		source "$pgctl_completion"
		break
	fi
done
unset pgctl_completion
