package dev.fairaudit.cli;

import dev.fairaudit.cli.demo.DemoCommand;
import dev.fairaudit.report.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fairaudit} command: a parent for the subcommands. */
@Command(name = "fairaudit",
        mixinStandardHelpOptions = true,
        versionProvider = FairauditCommand.VersionProvider.class,
        description = "Audits decisions and risk profiles for unequal treatment.",
        subcommands = {AuditCommand.class, VerifyLogCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a pre-registered criterion failed",
            "2:usage or input error (the message names the problem)",
            "3:integrity failure (a log or document does not verify)",
            "70:internal error"})
public final class FairauditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line without exiting, for tests and embedding. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        String[] expanded;
        java.util.Map<String, String> fromConfig = new java.util.HashMap<>();
        try {
            expanded = ConfigFile.expand(cli, args, fromConfig);
        } catch (ConfigFile.ConfigException e) {
            err.println("fairaudit " + args[0] + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        if (!fromConfig.isEmpty()) {
            // A value from the configuration file that its option rejects: say where in the file it is.
            CommandLine.IParameterExceptionHandler usual = cli.getParameterExceptionHandler();
            cli.setParameterExceptionHandler((e, a) -> {
                String where = e.getArgSpec() instanceof CommandLine.Model.OptionSpec o
                        ? fromConfig.get(ConfigFile.key(o)) : null;
                if (where == null) {
                    return usual.handleParseException(e, a);
                }
                err.println("fairaudit " + args[0] + ": " + where + ": " + e.getMessage());
                return ExitCodes.USAGE_OR_INPUT_ERROR;
            });
        }
        return cli.execute(expanded);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FairauditCommand());
        cli.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE_OR_INPUT_ERROR : ExitCodes.INTERNAL_ERROR);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE_OR_INPUT_ERROR);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE_OR_INPUT_ERROR);
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the library version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fairaudit " + Version.get()};
        }
    }
}
