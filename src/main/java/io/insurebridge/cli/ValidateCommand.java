package io.insurebridge.cli;

import io.insurebridge.inbound.connector.ConnectorConfigException;
import io.insurebridge.inbound.connector.ConnectorLoader;
import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.MappingLoadException;
import io.insurebridge.mapping.MappingLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Checks connector and mapping files offline, with the same loaders the product uses at start. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate connector files (file: key 'k': why) and mapping files (file:line: why) offline; "
                + "exit 1 when any is invalid.")
class ValidateCommand implements Callable<Integer> {

    @Option(names = "--connectors", description = "connectors folder (default ./connectors when it exists)")
    Path connectors;

    @Option(names = "--mappings", description = "mappings folder (default ./mappings when it exists)")
    Path mappings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path c = connectors != null ? connectors : Files.isDirectory(Path.of("connectors")) ? Path.of("connectors") : null;
        Path m = mappings != null ? mappings : Files.isDirectory(Path.of("mappings")) ? Path.of("mappings") : null;
        if (c == null && m == null) {
            err.println("nothing to validate: give --connectors and/or --mappings");
            return Cli.REFUSED;
        }
        int result = Cli.OK;
        if (c != null) {
            if (!Files.isDirectory(c)) {
                err.println(c + ": not a folder");
                result = Cli.REFUSED;
            } else {
                ConnectorLoader.Scan scan = new ConnectorLoader().scan(c);
                for (ConnectorConfigException e : scan.errors().values()) {
                    err.println(e.getMessage());
                    result = Cli.REFUSED;
                }
                scan.connectors().forEach(d -> out.println(d.file() + ": ok (" + d.kind() + " '" + d.name() + "')"));
            }
        }
        if (m != null) {
            try {
                var snapshot = new MappingLoader(new CodeFormats()).load(m);
                out.println(m + ": ok (checksum " + snapshot.checksum() + ")");
            } catch (MappingLoadException e) {
                err.println(e.getMessage());
                result = Cli.REFUSED;
            }
        }
        out.flush();
        err.flush();
        return result;
    }
}
