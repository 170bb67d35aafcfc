package com.campaignsender.cli;

import picocli.CommandLine;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Lets picocli create commands through Spring, so that commands get their collaborators by
 * constructor injection. This is the whole of what picocli's Spring Boot starter does.
 */
@Component
class SpringCommandFactory implements CommandLine.IFactory {

    private final ApplicationContext context;

    SpringCommandFactory(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.isAnnotationPresent(CommandLine.Command.class)) {
            return context.getAutowireCapableBeanFactory().createBean(type);
        }
        return CommandLine.defaultFactory().create(type);
    }
}
