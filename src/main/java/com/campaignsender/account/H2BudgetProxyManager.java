package com.campaignsender.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * Bucket4j's select-for-update proxy manager with H2's SQL, for the embedded default: two
 * {@code run} processes on one H2 file (AUTO_SERVER) share an account's budget as two processes
 * on MySQL do. Bucket4j does the bucket arithmetic; this class only locks, reads and writes the
 * row, as its MySQL module does, with a plain INSERT where MySQL has INSERT IGNORE.
 */
class H2BudgetProxyManager extends AbstractSelectForUpdateBasedProxyManager<String> {

    private static final String SELECT = "SELECT state FROM account_budget WHERE id = ? FOR UPDATE";
    private static final String INSERT = "INSERT INTO account_budget (id, state) VALUES (?, NULL)";
    private static final String UPDATE = "UPDATE account_budget SET state = ? WHERE id = ?";
    private static final String DUPLICATE_KEY = "23505";

    private final DataSource dataSource;

    H2BudgetProxyManager(DataSource dataSource) {
        super(ClientSideConfig.getDefault());
        this.dataSource = dataSource;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        }
        catch (SQLException ex) {
            throw new BucketExceptions.BucketExecutionException(ex);
        }
        return new SelectForUpdateBasedTransaction() {
            @Override
            public void begin(Optional<Long> timeoutNanos) {
                run(() -> connection.setAutoCommit(false));
            }

            @Override
            public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
                try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                    select.setString(1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
                    }
                }
                catch (SQLException ex) {
                    throw new BucketExceptions.BucketExecutionException(ex);
                }
            }

            @Override
            public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, key);
                    insert.executeUpdate();
                    return true;
                }
                catch (SQLException ex) {
                    if (DUPLICATE_KEY.equals(ex.getSQLState())) {
                        return false; // another process inserted the row a moment ago: lock it in the next transaction
                    }
                    throw new BucketExceptions.BucketExecutionException(ex);
                }
            }

            @Override
            public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                    update.setBytes(1, data);
                    update.setString(2, key);
                    update.executeUpdate();
                }
                catch (SQLException ex) {
                    throw new BucketExceptions.BucketExecutionException(ex);
                }
            }

            @Override
            public void commit(Optional<Long> timeoutNanos) {
                run(connection::commit);
            }

            @Override
            public void rollback() {
                run(connection::rollback);
            }

            @Override
            public void release() {
                run(connection::close);
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        throw new UnsupportedOperationException("an account's budget is never removed");
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void run(SqlAction action) {
        try {
            action.run();
        }
        catch (SQLException ex) {
            throw new BucketExceptions.BucketExecutionException(ex);
        }
    }
}
