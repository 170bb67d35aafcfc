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

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import com.campaignsender.gateway.ProviderHttp;

/**
 * The ceiling of bench/throughput.sh: a bare HTTP client loop, no ledger, no template engine, no
 * rate limit, posting to VoIPBIN's POST /emails the bodies the benchmark campaign renders (the same
 * source, destination, subject and html per row), from CONCURRENCY threads, each waiting for its
 * answer as the product's senders do. Prints "messages seconds rate failures".
 * CLIENT is jdk (java.net.http.HttpClient, the ceiling) or apache (Apache HttpClient's
 * classic client as the product configures it, ProviderHttp.newClient()); run it with the
 * product's classes and libraries on the class path.
 *
 *   java -cp APP_CLASSPATH bench/HttpCeiling.java BASE_URL TOKEN LIST.csv CONCURRENCY CLIENT
 */
public class HttpCeiling {

    /** Posts one body; true when the stub answered 200. */
    interface Poster {
        boolean post(String body) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0] + "/emails?token=" + args[1];
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        List<String> rows = lines.subList(1, lines.size());
        int concurrency = Integer.parseInt(args[3]);
        Poster poster = args[4].equals("apache") ? apache(uri) : jdk(uri);
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
                        if (!poster.post(body)) {
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
        System.exit(0);
    }

    private static Poster jdk(String uri) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return body -> http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 200;
    }

    private static Poster apache(String uri) {
        CloseableHttpClient http = ProviderHttp.newClient();
        return body -> {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode() == 200;
            });
        };
    }
}
