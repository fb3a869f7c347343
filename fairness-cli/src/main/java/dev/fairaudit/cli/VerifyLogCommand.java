package dev.fairaudit.cli;

import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.VerificationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairaudit verify-log}: walks a decision log's hash chain and reports the first problem. */
@Command(name = "verify-log",
        mixinStandardHelpOptions = true,
        description = "Verifies a decision log: every record's chain hash and payload digest, the sequence, "
                + "and the checkpoint written when the log was closed. Prints OK with counts, or the first "
                + "problem with its kind, sequence number, segment and line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the log verifies",
            "2:usage error (no such folder, no log in it, unreadable key)",
            "3:integrity failure: the log was modified, truncated, reordered or torn"})
final class VerifyLogCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The log folder (segment-*.jsonl files).")
    Path dir;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "The log's HMAC key as hexadecimal text, for a keyed log. Without it a keyed log "
                    + "cannot be verified, and an unkeyed chain cannot reveal a recomputed chain.")
    Path keyFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("fairaudit verify-log: " + dir + " is not a folder" + logFileHint(dir));
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        VerificationReport report;
        try {
            report = LogVerifier.verify(dir, LogKeys.read(keyFile));
        } catch (IllegalArgumentException e) {
            err.println("fairaudit verify-log: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        } catch (NoSuchFileException e) {
            // a folder that holds no log: the message names it, and any subfolders that do hold one
            err.println("fairaudit verify-log: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        } catch (IOException e) {
            err.println("fairaudit verify-log: cannot read " + dir + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        out.println(dir + ": " + report.summary());
        return report.ok() ? ExitCodes.SUCCESS : ExitCodes.INTEGRITY_FAILURE;
    }

    /**
     * For a path that is not a folder: when it names one of a log's own files (a segment or {@code HEAD}), the
     * folder to give instead; else nothing.
     */
    static String logFileHint(Path path) {
        Path name = path.getFileName();
        Path folder = path.toAbsolutePath().getParent();
        if (name == null || folder == null || !Files.isRegularFile(path)) {
            return "";
        }
        String n = name.toString();
        return n.equals("HEAD") || n.matches("segment-\\d{6,9}\\.jsonl")
                ? "; it is a file of a decision log: give its folder, " + folder
                : "";
    }
}
