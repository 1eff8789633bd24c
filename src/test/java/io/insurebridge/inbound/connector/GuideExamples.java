package io.insurebridge.inbound.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The worked examples of docs/connectors.md: each yaml block after an "example: file" marker. */
final class GuideExamples {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\s*```yaml\\n(.*?)```",
            Pattern.DOTALL);

    private GuideExamples() {}

    static Map<String, String> read(Path guide) throws IOException {
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(guide));
        while (m.find()) {
            examples.put(m.group(1), m.group(2));
        }
        return examples;
    }
}
