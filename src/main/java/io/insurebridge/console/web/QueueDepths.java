package io.insurebridge.console.web;

import io.insurebridge.config.QueueNames;
import io.insurebridge.store.deadletter.DeadLetterQueues;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Depth and oldest waiting message of every configured queue and its dead-letter queue, read from the embedded
 * Artemis broker. With an external broker (profile external) the figures are unknown here (-1): read them from that
 * broker's own console or metrics.
 */
@Component
public class QueueDepths {

    public record QueueDepth(String queue, long depth, long deadDepth, Long oldestWaitingMs) {}

    private final ObjectProvider<EmbeddedActiveMQ> broker;
    private final QueueNames names;

    public QueueDepths(ObjectProvider<EmbeddedActiveMQ> broker, QueueNames names) {
        this.broker = broker;
        this.names = names;
    }

    public List<String> queues() {
        return names.all();
    }

    public List<QueueDepth> all() {
        List<QueueDepth> out = new ArrayList<>();
        for (String q : names.all()) {
            out.add(new QueueDepth(q, depth(q), depth(DeadLetterQueues.of(q)), oldestWaitingMs(q)));
        }
        return out;
    }

    /** Messages waiting on the queue (including those in delivery); -1 when the broker is not in this JVM. */
    public long depth(String queue) {
        return locate(queue).map(Queue::getMessageCount).orElse(server().isPresent() ? 0L : -1L);
    }

    /** Age of the first message on the queue in ms, null when empty or unknown. */
    public Long oldestWaitingMs(String queue) {
        Optional<ActiveMQServer> server = server();
        if (server.isEmpty()) {
            return null;
        }
        Object resource = server.get().getManagementService().getResource(ResourceNames.QUEUE + queue);
        if (resource instanceof QueueControl control) {
            try {
                Long age = control.getFirstMessageAge();
                return age == null || age < 0 ? null : age;
            } catch (Exception e) {
                return null;
            }
        }
        return null;
    }

    public boolean brokerActive() {
        return server().map(ActiveMQServer::isActive).orElse(false);
    }

    private Optional<Queue> locate(String queue) {
        return server().map(s -> s.locateQueue(SimpleString.of(queue)));
    }

    private Optional<ActiveMQServer> server() {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        return embedded == null ? Optional.empty() : Optional.ofNullable(embedded.getActiveMQServer());
    }
}
