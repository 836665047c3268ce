package io.pgconverge.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pgconverge completion}: prints the shell completion script for bash (and zsh, through bashcompinit),
 * generated from the commands and options themselves.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash/zsh completion script. Install it with:",
                "  pgconverge completion | sudo tee /etc/bash_completion.d/pgconverge",
                "or, for the current shell:  source <(pgconverge completion)",
                "zsh: autoload -U +X compinit bashcompinit && compinit && bashcompinit && source <(pgconverge completion)"})
public final class CompletionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
    }
}
