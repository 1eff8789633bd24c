package io.insurebridge.inbound.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connectors declared in the connectors folder. Validated when the application starts (a bad file stops
 * start-up with the loader's "file: key: why" message), then read again on demand by {@link ConnectorRoutes}'s
 * watcher: a new or changed valid file replaces its entry; a changed file that is invalid is refused and its
 * previous version stays in force.
 */
@Component
@EnableConfigurationProperties(ConnectorProperties.class)
public class ConnectorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    /** A file the last read refused, and why. */
    public record Refusal(String file, String error, Instant at) {}

    /** What a re-read changed, by file. */
    public record Changes(List<ConnectorDefinition> added, List<ConnectorDefinition[]> changed,
                          List<ConnectorDefinition> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    private final Path dir;
    private final ConnectorLoader loader = new ConnectorLoader();
    /** file name -> definition in force */
    private volatile Map<String, ConnectorDefinition> byFile;
    /** every definition that was ever in force, by name: stored messages of a removed connector still resolve */
    private final Map<String, ConnectorDefinition> known = new ConcurrentHashMap<>();
    private volatile Map<String, Refusal> refused = Map.of();
    private volatile Map<String, ConnectorDefinition> byName;

    public ConnectorRegistry(@Value("${insurebridge.connectors-dir:./connectors}") Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        Map<String, ConnectorDefinition> first = new LinkedHashMap<>();
        for (ConnectorDefinition c : loader.load(this.dir)) {
            first.put(c.file(), c);
            known.put(c.name(), c);
        }
        this.byFile = first;
        this.byName = namesOf(first);
    }

    public Path directory() {
        return dir;
    }

    /** The connector in force with this name, else the last one that had it (for messages stored earlier). */
    public ConnectorDefinition get(String name) {
        ConnectorDefinition c = byName.get(name);
        if (c == null) {
            c = known.get(name);
        }
        if (c == null) {
            throw new IllegalArgumentException("no connector named " + name);
        }
        return c;
    }

    public List<ConnectorDefinition> all() {
        return List.copyOf(byFile.values());
    }

    public List<ConnectorDefinition> enabled(String kind) {
        return byFile.values().stream().filter(c -> c.enabled() && c.kind().equals(kind)).toList();
    }

    public List<Refusal> refused() {
        return List.copyOf(refused.values());
    }

    /** Reads the folder again and swaps in what changed; refused files keep their previous version. */
    public synchronized Changes reload() {
        ConnectorLoader.Scan scan = loader.scan(dir);
        Map<String, ConnectorDefinition> before = byFile;
        Map<String, ConnectorDefinition> next = new LinkedHashMap<>();
        Map<String, Refusal> nowRefused = new LinkedHashMap<>();
        for (ConnectorDefinition c : scan.connectors()) {
            next.put(c.file(), c);
        }
        scan.errors().forEach((file, e) -> {
            Refusal earlier = refused.get(file);
            nowRefused.put(file, earlier != null && earlier.error().equals(e.getMessage()) ? earlier
                    : new Refusal(file, e.getMessage(), Instant.now()));
            if (earlier == null || !earlier.error().equals(e.getMessage())) {
                log.warn("Connector file refused{}: {}", before.containsKey(file)
                        ? " (its previous version stays in force)" : "", e.getMessage());
            }
            ConnectorDefinition old = before.get(file);
            if (old != null && java.nio.file.Files.exists(dir.resolve(file))) {
                next.put(file, old);
            }
        });
        List<ConnectorDefinition> added = new ArrayList<>();
        List<ConnectorDefinition[]> changed = new ArrayList<>();
        List<ConnectorDefinition> removed = new ArrayList<>();
        next.forEach((file, c) -> {
            ConnectorDefinition old = before.get(file);
            if (old == null) {
                added.add(c);
            } else if (!Objects.equals(old, c)) {
                changed.add(new ConnectorDefinition[] {old, c});
            }
        });
        before.forEach((file, c) -> {
            if (!next.containsKey(file)) {
                removed.add(c);
            }
        });
        next.values().forEach(c -> known.put(c.name(), c));
        byFile = next;
        byName = namesOf(next);
        refused = nowRefused;
        return new Changes(added, changed, removed);
    }

    private static Map<String, ConnectorDefinition> namesOf(Map<String, ConnectorDefinition> files) {
        Map<String, ConnectorDefinition> m = new LinkedHashMap<>();
        files.values().forEach(c -> m.put(c.name(), c));
        return m;
    }
}
