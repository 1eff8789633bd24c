package io.insurebridge.console.web;

import com.hazelcast.core.HazelcastInstance;
import io.insurebridge.inbound.connector.ConnectorRoutes;
import io.insurebridge.inbound.connector.ConnectorStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of the dashboard page: connectors, queues, throughput of the last hour and the health of the parts. */
@Component
public class Dashboard {

    public record ConnectorRow(String name, String kind, String institution, String state, long received,
                               long accepted, long rejected, long settled, long errors, String lastError) {}

    public record Part(String name, String status, String detail) {}

    private final ConnectorRoutes connectors;
    private final QueueDepths queues;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<HazelcastInstance> hazelcast;

    public Dashboard(ConnectorRoutes connectors, QueueDepths queues, JdbcTemplate jdbc,
                     ObjectProvider<HealthEndpoint> health, ObjectProvider<HazelcastInstance> hazelcast) {
        this.connectors = connectors;
        this.queues = queues;
        this.jdbc = jdbc;
        this.health = health;
        this.hazelcast = hazelcast;
    }

    public List<ConnectorRow> connectors() {
        Map<String, Long> settled = new HashMap<>();
        jdbc.query("SELECT institution_code, COUNT(*) AS n FROM platform_calls WHERE infno = '2207' AND status = 'ANSWERED' "
                + "GROUP BY institution_code", rs -> {
            settled.put(rs.getString("institution_code"), rs.getLong("n"));
        });
        List<ConnectorRow> rows = new ArrayList<>();
        for (ConnectorStatus c : connectors.status()) {
            rows.add(new ConnectorRow(c.name(), c.kind(), c.institution(), String.valueOf(c.state()), c.received(),
                    c.accepted(), c.rejected(), c.institution() == null ? 0 : settled.getOrDefault(c.institution(), 0L),
                    c.errors(), ConsoleMasking.mask(c.lastError())));
        }
        return rows;
    }

    public List<QueueDepths.QueueDepth> queues() {
        return queues.all();
    }

    /** Messages received per minute over the last hour, oldest first (60 values). */
    public List<Long> perMinute() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant since = now.minus(59, ChronoUnit.MINUTES);
        long[] buckets = new long[60];
        jdbc.query("SELECT received_at FROM messages WHERE received_at >= ? ORDER BY id DESC LIMIT 200000",
                rs -> {
                    Instant at = rs.getTimestamp(1).toInstant();
                    int i = (int) ChronoUnit.MINUTES.between(since, at.truncatedTo(ChronoUnit.MINUTES));
                    if (i >= 0 && i < 60) {
                        buckets[i]++;
                    }
                }, Timestamp.from(since));
        List<Long> out = new ArrayList<>(60);
        for (long b : buckets) {
            out.add(b);
        }
        return out;
    }

    /** Broker, Hazelcast, database and peer nodes; the actuator's components as they report themselves. */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("broker", queues.brokerActive() ? "UP" : "EXTERNAL/UNKNOWN", "queues: " + queues.queues().size()));
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint != null) {
            HealthComponent h = endpoint.health();
            if (h instanceof CompositeHealth composite) {
                for (Map.Entry<String, HealthComponent> e : new LinkedHashMap<>(composite.getComponents()).entrySet()) {
                    parts.add(new Part(e.getKey(), e.getValue().getStatus().getCode(), ""));
                }
            }
        }
        HazelcastInstance hz = hazelcast.getIfAvailable();
        if (hz != null) {
            boolean running = hz.getLifecycleService().isRunning();
            parts.add(new Part("hazelcast", running ? "UP" : "DOWN", running ? "cluster " + hz.getConfig().getClusterName() : ""));
            if (running) {
                hz.getCluster().getMembers().forEach(m -> parts.add(new Part("node " + m.getAddress(),
                        "UP", m.localMember() ? "this node" : "peer")));
            }
        }
        return parts;
    }
}
