-- The send step moved every row's entry in this index twice (PENDING to SENDING to an outcome),
-- and those moves, with their commits, were most of the ledger's cost per message (BENCHMARKS.md,
-- issue 9). The queries by state read the run's rows through the primary key (run_id, row_no)
-- instead: a send pass reads its PENDING rows in row order, one pass over the run.
DROP INDEX recipient_state;
