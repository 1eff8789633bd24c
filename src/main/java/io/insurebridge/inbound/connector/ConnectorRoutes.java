package io.insurebridge.inbound.connector;

import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds one route per enabled connector file from the route template of its kind (routes/*.yaml), once the YAML
 * routes and templates are loaded; then watches the connectors folder: a new file starts its route, a changed one
 * replaces it, a removed one is drained (in-flight messages finish, no new ones are taken) and removed. Routes of
 * other connectors are never touched.
 */
@Component
public class ConnectorRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRoutes.class);
    static final String MLLP_TEMPLATE = "inbound-hl7-mllp";
    /** Largest MLLP frame a listener buffers (connector key max-frame-bytes); a bigger one resets the connection. */
    static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

    /** Route template of each kind; a kind not listed uses the template whose id is the kind's name, if any. */
    static final Map<String, String> TEMPLATES = Map.of(
            ConnectorKind.HL7_MLLP_INBOUND.name(), MLLP_TEMPLATE,
            ConnectorKind.HL7_FILE_INBOUND.name(), "inbound-hl7-file",
            ConnectorKind.HL7_MLLP_OUTBOUND.name(), "outbound-hl7-mllp",
            ConnectorKind.HTTP_OUTBOUND.name(), "outbound-http",
            ConnectorKind.JMS_OUTBOUND.name(), "outbound-jms",
            ConnectorKind.FILE_OUTBOUND.name(), "outbound-file");

    private record Running(String routeId, ConnectorState state, String detail) {}

    private final ConnectorRegistry registry;
    private final ConnectorCounters counters;
    private final ConnectorProperties properties;
    private final boolean listenersEnabled;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile CamelContext context;
    private ScheduledExecutorService watcher;

    private final java.util.List<ConnectorTemplateParameters> extraParameters;

    public ConnectorRoutes(ConnectorRegistry registry, ConnectorCounters counters, ConnectorProperties properties,
                           @Value("${insurebridge.hl7.listeners-enabled:true}") boolean listenersEnabled,
                           java.util.List<ConnectorTemplateParameters> extraParameters) {
        this.extraParameters = extraParameters;
        this.registry = registry;
        this.counters = counters;
        this.properties = properties;
        this.listenersEnabled = listenersEnabled;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates from routes/ are not loaded yet here
    }

    @Override
    public synchronized void afterApplicationStart(CamelContext camelContext) {
        this.context = camelContext;
        for (ConnectorDefinition c : registry.all()) {
            start(c);
        }
        if (properties.isHotReload() && watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "connector-watch");
                t.setDaemon(true);
                return t;
            });
            long millis = Math.max(100, properties.getReloadInterval().toMillis());
            watcher.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    /** Reads the folder again and applies what changed; returns the changes. */
    public synchronized ConnectorRegistry.Changes reload() {
        ConnectorRegistry.Changes changes = registry.reload();
        if (context == null) {
            return changes;
        }
        for (ConnectorDefinition c : changes.removed()) {
            stop(c);
            running.remove(c.name());
            log.info("Connector '{}' removed ({})", c.name(), c.file());
        }
        for (ConnectorDefinition[] pair : changes.changed()) {
            stop(pair[0]);
            running.remove(pair[0].name());
            start(pair[1]);
            log.info("Connector '{}' replaced by the changed {}", pair[1].name(), pair[1].file());
        }
        for (ConnectorDefinition c : changes.added()) {
            start(c);
            log.info("Connector '{}' added from {}", c.name(), c.file());
        }
        return changes;
    }

    public List<ConnectorStatus> status() {
        return registry.all().stream().map(c -> {
            Running r = running.getOrDefault(c.name(), new Running(null, ConnectorState.STOPPED, "not started"));
            return ConnectorStatus.of(c, r.state(), r.routeId(), r.detail(), counters.snapshot(c.name()));
        }).toList();
    }

    private void poll() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Connector folder poll failed", e);   // keep polling
        }
    }

    public static String routeId(ConnectorDefinition c) {
        return c.kind().equals(ConnectorKind.HL7_MLLP_INBOUND.name()) ? "inbound-hl7-" + c.name()
                : "connector-" + c.name();
    }

    private void start(ConnectorDefinition c) {
        if (!c.enabled()) {
            running.put(c.name(), new Running(null, ConnectorState.STOPPED, "disabled in " + c.file()));
            return;
        }
        if (!listenersEnabled && c.kind().equals(ConnectorKind.HL7_MLLP_INBOUND.name())) {
            running.put(c.name(), new Running(null, ConnectorState.STOPPED, "HL7 listeners are switched off"));
            return;
        }
        if (c.kind().equals(ConnectorKind.FHIR_INBOUND.name())) {
            // no route: the FHIR front door reads the credentials from the registry on every request
            running.put(c.name(), new Running(null, ConnectorState.STARTED, "FHIR client of " + c.institution()
                    + " (credentials in force for /fhir)"));
            return;
        }
        String template = TEMPLATES.getOrDefault(c.kind(), c.kind());
        if (((org.apache.camel.model.ModelCamelContext) context).getRouteTemplateDefinition(template) == null) {
            running.put(c.name(), new Running(null, ConnectorState.STOPPED,
                    "kind " + c.kind() + " is validated but has no route template in this build"));
            return;
        }
        String routeId = routeId(c);
        try {
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, template).routeId(routeId);
            parameters(c).forEach(builder::parameter);
            for (ConnectorTemplateParameters extra : extraParameters) {
                if (extra.handles(c.kind())) {
                    extra.parameters(c).forEach(builder::parameter);
                }
            }
            if (c.tls().enabled()) {
                String bean = "tls-" + c.name();
                context.getRegistry().bind(bean, c.kind().endsWith("-inbound") ? sslContext(c.tls())
                        : clientSslContext(c.tls()));
                builder.parameter("sslContextParameters", "#" + bean);
            }
            builder.add();
            running.put(c.name(), new Running(routeId, ConnectorState.STARTED, null));
            log.info("Connector '{}' ({}) started as route {}", c.name(), c.kind(), routeId);
        } catch (Exception e) {
            String why = rootMessage(e);
            counters.error(c.name(), "could not start: " + why);
            running.put(c.name(), new Running(routeId, ConnectorState.FAILED, why));
            log.warn("Connector '{}' could not start: {}", c.name(), why);
            try {
                context.getRouteController().stopRoute(routeId);
                context.removeRoute(routeId);
            } catch (Exception ignored) {
                // nothing was left behind
            }
        }
    }

    /** Graceful: the consumer stops taking messages, in-flight ones finish (up to the drain timeout). */
    private void stop(ConnectorDefinition c) {
        Running r = running.get(c.name());
        if (r == null || r.routeId() == null || context.getRoute(r.routeId()) == null) {
            return;
        }
        try {
            context.getRouteController().stopRoute(r.routeId(), properties.getDrainTimeout().toSeconds(),
                    TimeUnit.SECONDS);
            context.removeRoute(r.routeId());
            log.info("Connector '{}' drained and stopped", c.name());
        } catch (Exception e) {
            log.warn("Connector '{}' did not stop cleanly: {}", c.name(), rootMessage(e));
        }
    }

    /** Every scalar key of the file as a camelCase template parameter, plus the computed ones of each kind. */
    static Map<String, String> parameters(ConnectorDefinition c) {
        Map<String, String> p = new LinkedHashMap<>();
        c.settings().forEach((k, v) -> {
            if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>) && v != null && !k.equals("kind")) {
                p.put(camel(k), String.valueOf(v));
            }
        });
        p.put("connectorName", c.name());
        p.put("charset", c.charset().name());
        switch (c.kind()) {
            case "hl7-mllp-inbound" -> {
                p.put("host", c.host());
                p.put("port", String.valueOf(c.port()));
                p.put("maxConnections", String.valueOf(c.maxConnections()));
                p.put("idleTimeout", String.valueOf(c.idleTimeoutSeconds() * 1000L));
                p.put("maxFrameBytes", c.setting("max-frame-bytes", String.valueOf(DEFAULT_MAX_FRAME_BYTES)));
            }
            case "hl7-file-inbound" -> {
                p.put("include", c.setting("include", ".*\\.(hl7|HL7|txt)"));
                p.put("pollIntervalMs", String.valueOf(c.number("poll-interval-ms", 1000)));
            }
            default -> { }
        }
        if (ConnectorKind.ALL.containsKey(c.kind()) && ConnectorKind.ALL.get(c.kind()).delivers()) {
            String source = c.setting("source", "connector." + c.name());
            p.put("source", source);
            p.put("deadLetterQueue", source + ".DLQ");
            p.put("concurrency", String.valueOf(c.number("concurrency", 1)));
            p.put("maxRetries", String.valueOf(c.number("max-retries", 5)));
            p.put("retryDelayMs", String.valueOf(c.number("retry-delay-ms", 1000)));
            p.put("backoffMultiplier", String.valueOf(c.decimal("backoff-multiplier", 2)));
            p.put("maxRetryDelayMs", String.valueOf(c.number("max-retry-delay-ms", 60_000)));
            p.put("timeoutMs", String.valueOf(c.number("timeout-ms", 30_000)));
            p.put("fileName", c.setting("file-name", "${date:now:yyyyMMdd-HHmmssSSS}-${exchangeId}.json"));
        }
        return p;
    }

    private static String camel(String key) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : key.toCharArray()) {
            if (ch == '-' || ch == '.' || ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static SSLContextParameters sslContext(ConnectorDefinition.Tls tls) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource(tls.keystore());
        keyStore.setPassword(tls.keystorePassword());
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(tls.keystorePassword());
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setKeyManagers(keyManagers);
        if (tls.truststore() != null) {
            ssl.setTrustManagers(trust(tls));
        }
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(tls.clientAuth() ? "REQUIRE" : "NONE");
        ssl.setServerParameters(server);
        return ssl;
    }

    /** A sender's TLS: trust the counterpart's certificate; present our own key when a keystore is given. */
    public static SSLContextParameters clientSslContext(ConnectorDefinition.Tls tls) {
        SSLContextParameters ssl = new SSLContextParameters();
        if (tls.truststore() != null) {
            ssl.setTrustManagers(trust(tls));
        }
        if (tls.keystore() != null) {
            KeyStoreParameters keyStore = new KeyStoreParameters();
            keyStore.setResource(tls.keystore());
            keyStore.setPassword(tls.keystorePassword());
            KeyManagersParameters keyManagers = new KeyManagersParameters();
            keyManagers.setKeyStore(keyStore);
            keyManagers.setKeyPassword(tls.keystorePassword());
            ssl.setKeyManagers(keyManagers);
        }
        return ssl;
    }

    private static TrustManagersParameters trust(ConnectorDefinition.Tls tls) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource(tls.truststore());
        trustStore.setPassword(tls.truststorePassword());
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        return trust;
    }
}
