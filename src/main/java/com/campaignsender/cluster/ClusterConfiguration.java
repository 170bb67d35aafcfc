package com.campaignsender.cluster;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.send.SendPartitionStep;
import com.campaignsender.system.ShutdownSignal;

/**
 * The cluster's wiring (SPEC section 14), present with {@code campaign.cluster.enabled}: one
 * durable queue of partition requests; the manager's requests go out through an AMQP outbound
 * adapter, and a worker takes them one at a time through an inbound adapter whose container
 * acknowledges each only when its partition has ended (so that the broker gives a dead worker's
 * partition to another). The results travel through the shared JobRepository, never the broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("campaign.cluster.enabled")
@EnableBatchIntegration
class ClusterConfiguration {

    /** A request is a {@link org.springframework.batch.integration.partition.StepExecutionRequest}, Java-serialized: nothing else is read. */
    private static final List<String> ALLOWED_CLASSES = List.of("org.springframework.batch.integration.partition.StepExecutionRequest",
            "java.lang.*");

    @Bean
    Queue partitionQueue(ClusterSettings settings) {
        return new Queue(settings.queue(), true);
    }

    @Bean
    SimpleMessageConverter partitionRequestConverter() {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(ALLOWED_CLASSES);
        return converter;
    }

    /**
     * The broker's heartbeat finds a worker that is gone without closing its connection (a lost
     * machine): RabbitMQ drops a connection after two missed beats, and hands its partition on.
     */
    @Bean
    ConnectionFactoryCustomizer workerTimeoutHeartbeat(ClusterSettings settings) {
        return factory -> factory.setRequestedHeartbeat((int) Math.max(1, settings.workerTimeout().toSeconds() / 2));
    }

    @Bean
    BrokerCheck brokerCheck(ConnectionFactory connections) {
        return new BrokerCheck(connections);
    }

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsOut(DirectChannel partitionRequests, RabbitTemplate rabbit, ClusterSettings settings) {
        // Boot gives the template the one MessageConverter bean: the requests' converter.
        return IntegrationFlow.from(partitionRequests)
                .handle(Amqp.outboundAdapter(rabbit).routingKey(settings.queue()))
                .get();
    }

    @Bean
    ClusterManager clusterManager(RemotePartitioningManagerStepBuilderFactory managerSteps, DirectChannel partitionRequests,
            JobRepository jobRepository, SendingLedger ledger, BrokerCheck broker, ShutdownSignal shutdown,
            ClusterSettings settings, Clock clock) {
        return new ClusterManager(managerSteps, partitionRequests, jobRepository, ledger, broker, shutdown, settings, clock);
    }

    /** One partition at a time per process, none fetched ahead: a partition waits in the queue for the next free worker. */
    @Bean
    SimpleMessageListenerContainer partitionListener(ConnectionFactory connections, ClusterSettings settings) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(settings.queue());
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        // A partition handed back at a stop never returns: its channel is closed after this, and the broker requeues it.
        container.setShutdownTimeout(1000);
        // started with the inbound adapter, by the commands that work partitions (ClusterMembership)
        container.setAutoStartup(false);
        return container;
    }

    @Bean
    BrokerConnectionLog brokerConnectionLog(BrokerCheck broker) {
        return new BrokerConnectionLog(broker);
    }

    @Bean
    PartitionWork partitionWork(JobRepository jobRepository, SendPartitionStep step, ShutdownSignal shutdown) {
        return new PartitionWork(jobRepository, step, shutdown);
    }

    @Bean
    IntegrationFlow partitionRequestsIn(@Qualifier("partitionListener") SimpleMessageListenerContainer container,
            SimpleMessageConverter partitionRequestConverter, PartitionWork work) {
        return IntegrationFlow.from(Amqp.inboundAdapter(container).messageConverter(partitionRequestConverter)
                        .autoStartup(false))
                .handle(work, "handle")
                .get();
    }

    @Bean
    ClusterMembership clusterMembership(@Qualifier("partitionRequestsIn") IntegrationFlow flow, ClusterSettings settings,
            DataSource dataSource, BrokerCheck broker) {
        return new ClusterMembership(flow, settings.localWorker(), dataSource, broker);
    }
}
