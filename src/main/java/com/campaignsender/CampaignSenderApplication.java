package com.campaignsender;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Boot entry point. The command line (picocli) runs once the context is up, see
 * {@link com.campaignsender.cli.CommandLineEntry}; its exit code becomes the process's.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignSenderApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(CampaignSenderApplication.class, args)));
    }
}
