package io.insurebridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Replays stored messages (POST /api/messages/{id}/reprocess) by id or by a filter of GET /api/messages, and
 * dead letters (POST /api/dead-letters/{id}/retry), through the running product's HTTP API.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-drive stored messages by id or filter, or retry dead letters, through the product's "
                + "HTTP API; prints each answer; exit 1 if any was refused, 2 when the API cannot be reached.")
class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "MESSAGE_ID", description = "stored message ids")
    List<Long> ids = new ArrayList<>();

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "product base URL (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = {"-u", "--user"}, defaultValue = "${env:INSUREBRIDGE_USER:-operator:demo-operator}",
            description = "API user as name:password, an operator or engineer (default: $INSUREBRIDGE_USER or the demo operator)")
    String user;

    @Option(names = "--status", description = "filter: status (FAILED, NEEDS_MAPPING, PENDING, ...)")
    String status;

    @Option(names = "--type", description = "filter: message type, e.g. DFT^P03")
    String type;

    @Option(names = "--sender", description = "filter: sending facility")
    String sender;

    @Option(names = "--from", description = "filter: received at or after (ISO date-time)")
    String from;

    @Option(names = "--to", description = "filter: received before (ISO date-time)")
    String to;

    @Option(names = "--limit", defaultValue = "100", description = "at most this many filtered messages (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--dead-letter", paramLabel = "ID", description = "dead letter id to retry (repeatable)")
    List<String> deadLetters = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String base = url.replaceAll("/+$", "");
        int result = Cli.OK;
        try {
            List<Long> targets = new ArrayList<>(ids);
            if (filtered()) {
                targets.addAll(search(base));
                out.println("filter matched " + (targets.size() - ids.size()) + " message(s)");
            }
            if (targets.isEmpty() && deadLetters.isEmpty()) {
                spec.commandLine().getErr().println("nothing to replay: give ids, a filter or --dead-letter");
                return Cli.REFUSED;
            }
            for (long id : targets) {
                result = Math.max(result, post(out, base + "/api/messages/" + id + "/reprocess", "message #" + id));
            }
            for (String id : deadLetters) {
                result = Math.max(result, post(out, base + "/api/dead-letters/" + id + "/retry", "dead letter " + id));
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot reach " + base + ": " + e);
            return Cli.UNREACHABLE;
        }
        out.flush();
        return result;
    }

    private boolean filtered() {
        return status != null || type != null || sender != null || from != null || to != null;
    }

    private List<Long> search(String base) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("type", type);
        query.put("sender", sender);
        query.put("from", from);
        query.put("to", to);
        query.put("size", String.valueOf(Math.min(limit, 500)));
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> {
            if (v != null) {
                q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        HttpCalls.Answer answer = HttpCalls.call(HttpCalls.asUser(HttpCalls.request(base + "/api/messages" + q), user).GET().build());
        if (!answer.ok()) {
            throw new IOException("GET /api/messages answered HTTP " + answer.status() + ": " + answer.body());
        }
        List<Long> found = new ArrayList<>();
        for (JsonNode item : new ObjectMapper().readTree(answer.body()).path("items")) {
            if (found.size() < limit) {
                found.add(item.path("id").asLong());
            }
        }
        return found;
    }

    private int post(PrintWriter out, String target, String what) throws IOException, InterruptedException {
        HttpCalls.Answer answer = HttpCalls.call(HttpCalls.asUser(HttpCalls.request(target), user)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpCalls.print(out, what, answer);
        return answer.ok() ? Cli.OK : Cli.REFUSED;
    }
}
