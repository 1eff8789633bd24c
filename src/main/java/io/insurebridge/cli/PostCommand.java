package io.insurebridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;

/** POSTs a FHIR resource (or bundle) to a URL and prints the answer. */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = "POST a FHIR resource file to a URL; prints the HTTP answer; exit 1 when it is not 2xx, "
                + "2 when the server cannot be reached.")
class PostCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "e.g. http://localhost:8080/fhir/Claim")
    String url;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--content-type", description = "default: application/fhir+json (application/fhir+xml for .xml)")
    String contentType;

    @Option(names = "--user", description = "the FHIR client's credentials (a fhir-inbound connector file): "
            + "name:password, or name with --password (default $INSUREBRIDGE_FHIR_USER)")
    String user = System.getenv("INSUREBRIDGE_FHIR_USER");

    @Option(names = "--password", description = "basic auth password (when --user has none)")
    String password;

    @Option(names = "--token", description = "bearer token")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String type = contentType != null ? contentType
                : file.toString().endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
        HttpRequest.Builder request = HttpCalls.request(url).header("Content-Type", type)
                .header("Accept", type.replace("+xml", "+json"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        } else if (user != null && !user.isBlank()) {
            String pair = password == null && user.contains(":") ? user : user + ":" + (password == null ? ""
                    : password);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpCalls.Answer answer = HttpCalls.call(request.build());
            HttpCalls.print(spec.commandLine().getOut(), "POST " + url, answer);
            spec.commandLine().getOut().flush();
            return answer.ok() ? Cli.OK : Cli.REFUSED;
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot reach " + url + ": " + e);
            return Cli.UNREACHABLE;
        }
    }
}
