package com.campaignsender.cluster;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/** Whether the cluster's broker answers, and where it is looked for ({@code spring.rabbitmq.host} and {@code .port}). */
class BrokerCheck {

    private final ConnectionFactory connections;

    BrokerCheck(ConnectionFactory connections) {
        this.connections = connections;
    }

    boolean reachable() {
        try {
            return connections.createConnection().isOpen();
        }
        catch (AmqpException ex) {
            return false;
        }
    }

    /** Why it does not answer, if it does not: the client's own words. */
    String problem() {
        try {
            connections.createConnection();
            return "";
        }
        catch (AmqpException ex) {
            Throwable cause = ex;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
    }

    String describe() {
        return "RabbitMQ at " + connections.getHost() + ":" + connections.getPort()
                + ", spring.rabbitmq.host and spring.rabbitmq.port";
    }
}
