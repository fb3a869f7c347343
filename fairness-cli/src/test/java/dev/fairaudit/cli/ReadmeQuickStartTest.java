package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, run the way the README states it: the commands are read from the first fenced block
 * of the "Quick start" section (not copied here), and the first one runs as a separate Java process in a folder
 * that looks like a fresh clone (every top-level entry of the repository linked in), so its relative paths
 * resolve as they do for a reader. {@code ./fairaudit} is the launcher of the jar built from these classes;
 * the test runs the same main class on the test class path instead of building the jar. The second command
 * ({@code mvn -B verify}) is checked but not run: it runs this test.
 */
class ReadmeQuickStartTest {

    private static final Path ROOT = Path.of(System.getProperty("fairaudit.root", ".."));

    @TempDir
    Path clone;

    /** The commands of the quick start's first fenced block, continuation lines joined. */
    static List<String> quickStartCommands(List<String> readme) {
        int section = readme.indexOf("## Quick start");
        assertTrue(section >= 0, "the README has a '## Quick start' section");
        int open = -1;
        for (int i = section + 1; i < readme.size() && !readme.get(i).startsWith("## "); i++) {
            if (readme.get(i).startsWith("```")) {
                open = i;
                break;
            }
        }
        assertTrue(open >= 0, "the quick start has a fenced block");
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = open + 1; !readme.get(i).startsWith("```"); i++) {
            String line = readme.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                commands.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
        return commands;
    }

    /** Splits a command into words as a POSIX shell would for plain words and '...' / "..." quotes. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        assertEquals(0, quote, "unbalanced quote in: " + command);
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void wordsFollowShellQuoting() {
        assertEquals(List.of("./fairaudit", "audit", "--scope", "owner=Audit team", "--x=a b"),
                words("./fairaudit audit --scope 'owner=Audit team' \"--x=a b\""));
    }

    @Test
    void theQuickStartsFirstCommandRunsOnAFreshClone() throws IOException, InterruptedException {
        List<String> commands = quickStartCommands(Files.readAllLines(ROOT.resolve("README.md")));
        assertEquals(2, commands.size(), "the quick start has two commands: " + commands);
        assertTrue(commands.get(1).startsWith("mvn ") && commands.get(1).contains("verify"),
                "the second command runs the tests: " + commands.get(1));
        List<String> first = words(commands.get(0));
        assertEquals("./fairaudit", first.get(0), "the first command is the launcher: " + commands.get(0));

        // A fresh clone: the repository's files, without build output or earlier runs' output.
        Set<String> notInAClone = Set.of(".git", "target", "audit-out", "fairaudit-demo");
        try (Stream<Path> entries = Files.list(ROOT)) {
            for (Path entry : entries.toList()) {
                if (!notInAClone.contains(entry.getFileName().toString())) {
                    Files.createSymbolicLink(clone.resolve(entry.getFileName()), entry.toAbsolutePath());
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), FairauditCommand.class.getName()));
        command.addAll(first.subList(1, first.size()));
        Path stdout = clone.resolve("stdout.txt");
        Path stderr = clone.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(clone.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the first command finishes");
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        // 0 success; 1 means it ran and a pre-registered criterion failed (the demo is built to fail some).
        assertTrue(p.exitValue() == ExitCodes.SUCCESS || p.exitValue() == ExitCodes.CRITERIA_FAILED,
                "exit " + p.exitValue() + "\n" + err + out);
        assertFalse(err.contains("Exception"), err);
        // It wrote an audit document into the clone, where the README's reader would find it (the walk does not
        // follow the links into the repository, so only new files count).
        List<Path> documents;
        try (Stream<Path> files = Files.walk(clone)) {
            documents = files.filter(f -> f.getFileName().toString().equals("audit.json")).toList();
        }
        assertEquals(1, documents.size(), "one audit.json written: " + documents + "\n" + out);
        assertTrue(out.contains(clone.relativize(documents.get(0)).toString())
                || out.contains(clone.relativize(documents.get(0).getParent()).toString()),
                "it says where the document is:\n" + out);
    }
}
