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
 * What the broker is to a process, by whether it is in a cluster ({@code campaign.cluster.enabled}).
 * Without one, RabbitMQ's auto-configuration is left out: nothing talks to a broker, and its
 * listener annotation post-processor, which looks through every bean's methods, made every
 * command start seconds slower on a busy machine. In one, the broker is part of readiness
 * ({@code /actuator/health/readiness}), beside the database, unless the operator chose the
 * group's members. It runs after the configuration files and the environment are read, so it
 * sees the setting wherever it was given.
 */
public class ClusterEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final List<String> BROKER = List.of("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");
    private static final String READINESS = "management.endpoint.health.group.readiness.include";
    /** application.properties' readiness group. */
    private static final String SINGLE_PROCESS_READINESS = "readinessState,db";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("campaign.cluster.enabled", Boolean.class, false)) {
            if (SINGLE_PROCESS_READINESS.equals(environment.getProperty(READINESS))) {
                environment.getPropertySources().addFirst(new MapPropertySource("campaign-sender-cluster",
                        Map.of(READINESS, SINGLE_PROCESS_READINESS + ",rabbit")));
            }
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
