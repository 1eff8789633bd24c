package io.insurebridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The integration engineer's command line: {@code java -jar target/insurebridge-<version>.jar cli <command> ...}.
 * Runs without starting the application (no Spring context, no ports).
 */
@Command(name = "insurebridge cli", mixinStandardHelpOptions = true, version = "InsureBridge CLI",
        description = "Test connections and files the way you test any HL7 interface.",
        subcommands = {SendCommand.class, PostCommand.class, ReplayCommand.class, ValidateCommand.class,
                SchemaCommand.class})
public class Cli implements Runnable {

    /** Exit codes: 0 all good, 1 the counterpart refused (AE/AR, HTTP 4xx/5xx) or a file is invalid, 2 not reached. */
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int UNREACHABLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Cli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
