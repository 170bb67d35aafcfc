package com.campaignsender.cluster;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Every send pass's partitions as the partitioner cuts them now. Spring Batch's own splitter
 * restarts a partition with the rows its earlier execution had, which is wrong here: the rows to
 * send are the ledger's PENDING rows of this pass, and a partition count changed between a run's
 * attempts would have left rows out.
 */
class FreshPartitions implements StepExecutionSplitter {

    private final JobRepository jobRepository;
    private final String stepName;
    private final Partitioner partitioner;

    FreshPartitions(JobRepository jobRepository, String stepName, Partitioner partitioner) {
        this.jobRepository = jobRepository;
        this.stepName = stepName;
        this.partitioner = partitioner;
    }

    @Override
    public String getStepName() {
        return stepName;
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) {
        Set<StepExecution> partitions = new LinkedHashSet<>();
        for (Map.Entry<String, ExecutionContext> partition : partitioner.partition(gridSize).entrySet()) {
            StepExecution execution = jobRepository.createStepExecution(stepName + ":" + partition.getKey(),
                    manager.getJobExecution());
            execution.setExecutionContext(partition.getValue());
            jobRepository.updateExecutionContext(execution);
            partitions.add(execution);
        }
        return partitions;
    }
}
