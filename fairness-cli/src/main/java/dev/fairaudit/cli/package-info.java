/**
 * The {@code fairaudit} command line: {@link dev.fairaudit.cli.FairauditCommand} and its subcommands. The CLI
 * only wires the library together: it reads options, calls core, metrics and report, and maps failures to
 * the documented {@link dev.fairaudit.cli.ExitCodes}.
 */
package dev.fairaudit.cli;
