package io.insurebridge.cli;

import io.insurebridge.inbound.connector.ConnectorSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the connector files' JSON Schema (the source of schemas/connector.schema.json). */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of connector files, generated from the connector kinds.")
class SchemaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(ConnectorSchema.generate());
        spec.commandLine().getOut().flush();
    }
}
