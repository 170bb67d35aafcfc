package com.campaignsender.cluster;

import java.util.Optional;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import com.campaignsender.system.Failures;

/** Whether the cluster's broker answers, and where it is looked for ({@code spring.rabbitmq.host} and {@code .port}). */
class BrokerCheck {

    private final ConnectionFactory connections;

    BrokerCheck(ConnectionFactory connections) {
        this.connections = connections;
    }

    boolean reachable() {
        return problem().isEmpty();
    }

    /** Why it does not answer, if it does not: the client's own words. */
    Optional<String> problem() {
        try {
            return connections.createConnection().isOpen() ? Optional.empty() : Optional.of("its connection is closed");
        }
        catch (AmqpException ex) {
            return Optional.of(Failures.innermostMessage(ex));
        }
    }

    String describe() {
        return "RabbitMQ at " + connections.getHost() + ":" + connections.getPort()
                + ", spring.rabbitmq.host and spring.rabbitmq.port";
    }
}
