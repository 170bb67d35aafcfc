import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling of bench/throughput.sh: a bare java.net.http.HttpClient loop, no ledger, no
 * template engine, no rate limit, posting to VoIPBIN's POST /emails the bodies the benchmark
 * campaign renders (the same source, destination, subject and html per row), from CONCURRENCY
 * threads, each waiting for its answer as the product's senders do. Prints messages per second.
 *
 *   java bench/HttpCeiling.java BASE_URL TOKEN LIST.csv CONCURRENCY
 */
public class HttpCeiling {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/emails?token=" + args[1]);
        List<String> rows = Files.readAllLines(Path.of(args[2])).subList(1, Files.readAllLines(Path.of(args[2])).size());
        int concurrency = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int thread = 0; thread < concurrency; thread++) {
            senders.execute(() -> {
                for (int i = next.getAndIncrement(); i < rows.size(); i = next.getAndIncrement()) {
                    String[] cells = rows.get(i).split(",");
                    String body = "{\"source\":{\"type\":\"email\",\"target\":\"news@example.com\",\"target_name\":\"Example News\"},"
                            + "\"destinations\":[{\"type\":\"email\",\"target\":\"" + cells[0] + "\"}],"
                            + "\"subject\":\"News for " + cells[1] + "\",\"content\":\"<p>Hello " + cells[1]
                            + ", this is the benchmark issue.</p>\",\"attachments\":[]}";
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    }
                    catch (Exception ex) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d %.2f %.1f %d%n", rows.size(), seconds, rows.size() / seconds, failed.get());
    }
}
