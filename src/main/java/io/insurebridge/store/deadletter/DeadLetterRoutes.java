package io.insurebridge.store.deadletter;

import io.insurebridge.config.QueueNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** One dead-letter route per watched queue, built from the route template routes/dead-letters.yaml. */
@Component
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRoutes.class);
    static final String TEMPLATE = "dead-letter-store";

    private final DeadLetterProperties props;
    private final QueueNames queues;

    public DeadLetterRoutes(DeadLetterProperties props, QueueNames queues) {
        this.props = props;
        this.queues = queues;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates from routes/ are not loaded yet here
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        if (!props.enabled()) {
            return;
        }
        org.apache.camel.model.Model model = context.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.model.Model.class);
        if (model == null || model.getRouteTemplateDefinition(TEMPLATE) == null) {
            log.warn("route template '{}' not loaded (routes dir without dead-letters.yaml): dead letters stay on "
                    + "the broker's DLQ.* queues", TEMPLATE);
            return;
        }
        for (String queue : DeadLetterQueues.watched(props, queues)) {
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId("dead-letters-" + queue)
                    .parameter("queue", queue)
                    .add();
        }
    }
}
