package dev.fairaudit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options for scheduled batch runs of {@code fairaudit audit}: a configuration file and quiet output. */
final class BatchOptions {

    @Option(names = ConfigFile.OPTION, paramLabel = "FILE",
            description = "Read the options from a YAML (.yaml, .yml) or JSON (.json) file: keys are the long option "
                    + "names without dashes (min-group-size: 10), lists for repeatable options, a map for scope; "
                    + "relative paths are relative to the file's folder; options on the command line replace the "
                    + "file's. See docs/batch.md.")
    Path config;

    @Option(names = "--quiet",
            description = "No progress on standard error (progress is shown only when standard error is a terminal).")
    boolean quiet;
}
