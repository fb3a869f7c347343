package dev.fairaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fairaudit.core.table.NearestName;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A configuration file ({@code --config audit.yaml}, YAML or JSON by extension) turned into command-line
 * arguments for a subcommand, generically: every long option of the subcommand is a key (its name without
 * the leading dashes, exactly as {@code --help} shows it, e.g. {@code min-group-size}), so options added later
 * work without changes here.
 *
 * <ul>
 *   <li>A scalar value becomes {@code --key value}; a list becomes {@code --key item} per item (for split and
 *       repeatable options alike); a map becomes {@code --key K=V} per entry (for {@code scope}).</li>
 *   <li>A flag (an option without a value) takes {@code true} or {@code false}.</li>
 *   <li>An option whose type is a path is resolved against the configuration file's folder when relative.</li>
 *   <li>An option given on the command line replaces the file's value (a list is replaced, not extended).</li>
 *   <li>An unknown key is an error naming the key, the file, the line and the nearest valid key.</li>
 * </ul>
 */
final class ConfigFile {

    /** The option that names the configuration file. */
    static final String OPTION = "--config";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One top-level key of the file, where it is, and its value. */
    private record Entry(String key, int line, JsonNode value) {
    }

    /** An error in the configuration file; the message names the file and, where known, the line and key. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ConfigFile() {
    }

    /**
     * The arguments to run: when {@code args} name a subcommand that has {@value #OPTION} and use it, the
     * file's settings are inserted (as options) before the command line's own, except for options the command
     * line gives itself; otherwise {@code args} unchanged.
     *
     * @throws ConfigException when the file cannot be read or holds an unknown key or an unusable value
     */
    static String[] expand(CommandLine root, String[] args) {
        return expand(root, args, new LinkedHashMap<>());
    }

    /**
     * As {@link #expand(CommandLine, String[])}, recording for each key taken from the file where it is
     * ("audit.yaml, line 4, key 'min-group-size'"), so that a value the option rejects can be traced.
     */
    static String[] expand(CommandLine root, String[] args, Map<String, String> origins) {
        if (args.length == 0 || !root.getSubcommands().containsKey(args[0])) {
            return args;
        }
        CommandSpec sub = root.getSubcommands().get(args[0]).getCommandSpec();
        if (sub.findOption(OPTION) == null) {
            return args;
        }
        Path file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                file = Path.of(args[i + 1]);
            } else if (args[i].startsWith(OPTION + "=")) {
                file = Path.of(args[i].substring(OPTION.length() + 1));
            }
        }
        if (file == null) {
            return args;
        }
        List<String> expanded = new ArrayList<>();
        expanded.add(args[0]);
        expanded.addAll(arguments(file, sub, givenOnCommandLine(sub, args), origins));
        expanded.addAll(List.of(args).subList(1, args.length));
        return expanded.toArray(String[]::new);
    }

    /** The long names (without dashes) of the options that {@code args} use. */
    private static java.util.Set<String> givenOnCommandLine(CommandSpec sub, String[] args) {
        java.util.Set<String> given = new TreeSet<>();
        for (int i = 1; i < args.length; i++) {
            String token = args[i];
            int eq = token.indexOf('=');
            OptionSpec option = token.startsWith("-") ? sub.findOption(eq > 0 ? token.substring(0, eq) : token)
                    : null;
            if (option != null) {
                given.add(key(option));
                if (eq < 0 && option.arity().max() > 0) {
                    i++; // its value, even when it looks like an option
                }
            }
        }
        return given;
    }

    /** The arguments the file stands for, leaving out the options in {@code skip}. */
    static List<String> arguments(Path file, CommandSpec sub, java.util.Set<String> skip) {
        return arguments(file, sub, skip, new LinkedHashMap<>());
    }

    private static List<String> arguments(Path file, CommandSpec sub, java.util.Set<String> skip,
            Map<String, String> origins) {
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (OptionSpec o : sub.options()) {
            if (!o.usageHelp() && !o.versionHelp() && !o.longestName().equals(OPTION) && o.longestName().startsWith("--")) {
                options.put(key(o), o);
            }
        }
        String name = file.toString();
        Path folder = file.toAbsolutePath().getParent();
        List<String> out = new ArrayList<>();
        for (Entry e : entries(file)) {
            String where = name + ", line " + e.line() + ", key '" + e.key() + "'";
            OptionSpec option = options.get(e.key());
            if (option == null) {
                String hint = NearestName.of(e.key(), options.keySet()).map(k -> "; did you mean '" + k + "'?")
                        .orElse("; valid keys are " + options.keySet());
                throw new ConfigException(where + ": unknown key" + hint
                        + " (keys are the long option names without dashes, as --help shows them)", null);
            }
            if (skip.contains(e.key())) {
                continue;
            }
            origins.put(e.key(), where);
            String flag = option.longestName();
            JsonNode v = e.value();
            if (option.arity().max() == 0) {
                if (!v.isBoolean()) {
                    throw new ConfigException(where + ": " + flag + " is a flag; expected true or false, found "
                            + v, null);
                }
                if (v.booleanValue()) {
                    out.add(flag);
                }
            } else if (v.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> kv = it.next();
                    out.add(flag);
                    out.add(kv.getKey() + "=" + scalar(where, kv.getValue()));
                }
            } else if (v.isArray()) {
                if (!option.isMultiValue()) {
                    throw new ConfigException(where + ": " + flag + " takes one value, found a list", null);
                }
                for (JsonNode item : v) {
                    out.add(flag);
                    out.add(pathAware(option, folder, scalar(where, item)));
                }
            } else {
                out.add(flag);
                out.add(pathAware(option, folder, scalar(where, v)));
            }
        }
        return out;
    }

    /** The configuration key of an option: its longest name without the leading dashes. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static String scalar(String where, JsonNode v) {
        if (v == null || v.isNull()) {
            throw new ConfigException(where + ": has no value", null);
        }
        if (v.isContainerNode()) {
            throw new ConfigException(where + ": expected text, a number or true/false, found " + v, null);
        }
        return v.asText();
    }

    /** A relative path is taken relative to the configuration file's folder. */
    private static String pathAware(OptionSpec option, Path folder, String value) {
        Class<?> type = option.isMultiValue() && option.auxiliaryTypes().length > 0 ? option.auxiliaryTypes()[0]
                : option.type();
        if ((type == Path.class || type == File.class) && !Path.of(value).isAbsolute()) {
            return folder.resolve(value).normalize().toString();
        }
        return value;
    }

    /** The top-level keys of the file in order, with their lines. */
    private static List<Entry> entries(Path file) {
        String name = file.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            mapper = YAML;
        } else if (lower.endsWith(".json")) {
            mapper = JSON;
        } else {
            throw new ConfigException(name + ": a configuration file must end in .yaml, .yml or .json", null);
        }
        JsonFactory factory = mapper.getFactory();
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = factory.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(name + ": the configuration file is empty", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(name + ", line " + p.currentTokenLocation().getLineNr()
                        + ": expected a map of option names to values", null);
            }
            java.util.Set<String> seen = new TreeSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                if (!seen.add(key)) {
                    throw new ConfigException(name + ", line " + line + ": key '" + key + "' occurs twice", null);
                }
                p.nextToken();
                JsonNode value = mapper.readTree(p);
                entries.add(new Entry(key, line, value));
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": file not found", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr())
                    + ": not valid "
                    + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
        return entries;
    }
}
