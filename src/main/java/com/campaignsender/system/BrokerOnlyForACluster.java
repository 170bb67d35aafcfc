package com.campaignsender.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * RabbitMQ's auto-configuration only for a cluster ({@code campaign.cluster.enabled}): without
 * one nothing here talks to a broker, and its listener annotation post-processor, which looks
 * through every bean's methods, made every command start seconds slower on a busy machine. It
 * runs after the configuration files and the environment are read, so it sees the setting
 * wherever it was given.
 */
public class BrokerOnlyForACluster implements EnvironmentPostProcessor, Ordered {

    private static final List<String> BROKER = List.of("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("campaign.cluster.enabled", Boolean.class, false)) {
            return;
        }
        List<String> excluded = new ArrayList<>(Arrays.asList(environment.getProperty("spring.autoconfigure.exclude",
                String[].class, new String[0])));
        excluded.addAll(BROKER);
        environment.getPropertySources().addFirst(new MapPropertySource("campaign-sender-no-cluster",
                Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
