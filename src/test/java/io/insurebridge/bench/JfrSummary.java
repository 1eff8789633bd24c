package io.insurebridge.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the CPU time went, from a JFR recording's execution samples: the share of samples per component of the
 * running (top) frame, the hottest methods, and the product's own methods counted inclusively (a sample counts
 * for every io.insurebridge method on its stack). Threads blocked in I/O or waiting are not sampled by JFR.
 */
public final class JfrSummary {

    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("org.h2.", "H2 database");
        COMPONENTS.put("org.apache.activemq.", "Artemis broker/client");
        COMPONENTS.put("io.netty.", "Netty (Artemis I/O)");
        COMPONENTS.put("ca.uhn.", "HAPI HL7 parse/encode");
        COMPONENTS.put("org.apache.camel.", "Camel");
        COMPONENTS.put("org.springframework.", "Spring (JDBC, JMS, tx, web)");
        COMPONENTS.put("org.apache.tomcat.", "Tomcat");
        COMPONENTS.put("org.apache.coyote.", "Tomcat");
        COMPONENTS.put("com.fasterxml.", "Jackson JSON");
        COMPONENTS.put("com.zaxxer.", "Hikari pool");
        COMPONENTS.put("com.hazelcast.", "Hazelcast");
        COMPONENTS.put("io.insurebridge.", "InsureBridge code");
        COMPONENTS.put("java.", "JDK");
        COMPONENTS.put("javax.", "JDK");
        COMPONENTS.put("jdk.", "JDK");
        COMPONENTS.put("sun.", "JDK");
    }

    private JfrSummary() {}

    public static String summarise(Path recording, int top) throws IOException {
        Map<String, Integer> byComponent = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> ownInclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            String leaf = name(frames.get(0));
            byMethod.merge(leaf, 1, Integer::sum);
            byComponent.merge(component(frames), 1, Integer::sum);
            Set<String> own = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("io.insurebridge.") && own.add(n)) {
                    ownInclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("  %d execution samples%n", samples));
        out.append("  by component of the running frame (self time):\n");
        append(out, byComponent, samples, top);
        out.append("  hottest methods (self time):\n");
        append(out, byMethod, samples, top);
        out.append("  InsureBridge methods on the stack (inclusive):\n");
        append(out, ownInclusive, samples, top);
        return out.toString();
    }

    /** The component of the first frame that is not a JDK frame (JDK work done for a library counts for it). */
    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String c = componentOf(name(f));
            if (!c.equals("JDK")) {
                return c + (frames.get(0) == f ? "" : " (in JDK)");
            }
        }
        return "JDK";
    }

    private static String componentOf(String method) {
        for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
            if (method.startsWith(c.getKey())) {
                return c.getValue();
            }
        }
        return "other";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void append(StringBuilder out, Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey())));
    }
}
