package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The exit codes are documented where issue 7 asks: the README and the --help of every command. */
class ExitCodesDocumentedTest {

    private static final Path ROOT = Path.of(System.getProperty("fairaudit.root", ".."));

    @Test
    void everyCommandsHelpListsItsExitCodes() {
        CommandLine root = FairauditCommand.commandLine();
        check("fairaudit", new String[] {"--help"});
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            check(sub.getKey(), new String[] {sub.getKey(), "--help"});
        }
    }

    private static void check(String name, String[] args) {
        StringWriter out = new StringWriter();
        int exit = FairauditCommand.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertEquals(0, exit);
        String help = out.toString();
        assertTrue(help.contains("Exit codes:"), name + " --help lists exit codes:\n" + help);
        // Success and usage/input error apply to every command.
        assertTrue(help.matches("(?s).*\\n\\s+0\\s+\\S.*"), name + " documents 0:\n" + help);
        assertTrue(help.matches("(?s).*\\n\\s+2\\s+\\S.*"), name + " documents 2:\n" + help);
    }

    @Test
    void readmeListsTheStableExitCodes() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (int code : new int[] {ExitCodes.SUCCESS, ExitCodes.CRITERIA_FAILED, ExitCodes.USAGE_OR_INPUT_ERROR,
            ExitCodes.INTEGRITY_FAILURE, ExitCodes.INTERNAL_ERROR}) {
            assertTrue(readme.contains("| `" + code + "` |"), "README's exit code table has " + code);
        }
        assertTrue(readme.contains("[docs/batch.md](docs/batch.md)"), "README links docs/batch.md");
    }
}
