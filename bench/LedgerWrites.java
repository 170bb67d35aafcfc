import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.definition.RunIdentity;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.ListLoading;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.ledger.SendingLedger;

/**
 * The send step's ledger work alone, through the product's own ledger (ListLoading, SendingLedger) on a fresh H2 file
 * (as the product opens it: WRITE_DELAY=0): per chunk, read the next page of PENDING rows, then in
 * one transaction record the previous chunk's outcomes (ACCEPTED, each with a random UUID as the
 * provider's message id) and mark this chunk SENDING, and commit. No HTTP, no templates.
 * Prints the microseconds per message of each part, ROUNDS times on a fresh database in one JVM:
 * the first round is what a short run pays (the JIT still compiling), the later ones the steady state.
 *
 *   java -cp APP_CLASSPATH bench/LedgerWrites.java ROWS CHUNK ROUNDS
 */
public class LedgerWrites {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int chunk = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        for (int round = 1; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("ledger-writes");
            SingleConnectionDataSource db = new SingleConnectionDataSource("jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0", "sa", "", true);
            Flyway.configure().dataSource(db).locations("classpath:db/migration/common", "classpath:db/migration/h2",
                    "classpath:db/migration/h2-mysql", "classpath:db/migration/h2-postgresql").load().migrate();
            JsonMapper json = JsonMapper.builder().build();
            ListLoading loading = new ListLoading(new JdbcTemplate(db), json, Clock.systemUTC());
            SendingLedger ledger = new SendingLedger(new JdbcTemplate(db), json, Clock.systemUTC());
            long runId = new CampaignRuns(JdbcClient.create(db), Clock.systemUTC(), json)
                    .findOrCreate(new RunIdentity("bench", "0".repeat(64)), Path.of("bench.yml"), Path.of("list.csv"), List.of("email", "name"))
                    .id();
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(db);
            for (int from = 1; from <= rows; from += 1000) {
                loading.insert(runId, IntStream.range(from, Math.min(from + 1000, rows + 1)).mapToObj(row -> NewRecipient.pending(row,
                        "reader" + row + "@bench.example.com", Map.of("email", "reader" + row + "@bench.example.com", "name", "Reader " + row))).toList());
            }
            long read = 0, write = 0, commit = 0;
            List<SendResult> answered = List.of();
            int last = 0;
            while (true) {
                long t0 = System.nanoTime();
                List<RecipientToSend> page = ledger.rowsAfter(runId, DeliveryState.PENDING, last, RowRange.ALL, chunk);
                long t1 = System.nanoTime();
                TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
                ledger.recordAnswers(runId, answered);
                ledger.claim(runId, "voipbin", "bench:1", page.stream().map(RecipientToSend::row).toList());
                long t2 = System.nanoTime();
                transactions.commit(tx);
                long t3 = System.nanoTime();
                read += t1 - t0;
                write += t2 - t1;
                commit += t3 - t2;
                if (page.isEmpty()) {
                    break;
                }
                last = page.get(page.size() - 1).row();
                List<SendResult> next = new ArrayList<>(page.size());
                for (RecipientToSend row : page) {
                    next.add(new SendResult(row.row(), DeliveryState.ACCEPTED, UUID.randomUUID().toString(), "queued", null, null, 1));
                }
                answered = next;
            }
            System.out.printf("round %d: %.1f µs per message (read %.1f, mark and record %.1f, commit %.1f)%n", round,
                    (read + write + commit) / 1e3 / rows, read / 1e3 / rows, write / 1e3 / rows, commit / 1e3 / rows);
            db.destroy();
        }
    }
}
