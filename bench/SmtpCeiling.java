import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The ceiling of bench/smtp.sh: a bare Jakarta Mail loop, no ledger, no template engine, no rate
 * limit, sending the messages the benchmark campaign renders (the same sender, recipient, subject
 * and html per row) from CONNECTIONS threads, each over one connection it keeps open, as the
 * product keeps its account's. Prints "messages seconds rate failures".
 *
 *   java -cp APP_CLASSPATH bench/SmtpCeiling.java HOST PORT LIST.csv CONNECTIONS
 */
public class SmtpCeiling {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        List<String> rows = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        int connections = Integer.parseInt(args[3]);
        Session session = Session.getInstance(new Properties());
        AtomicInteger next = new AtomicInteger(1);
        AtomicLong failures = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            threads.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect(host, port, null, null);
                    for (int row = next.getAndIncrement(); row < rows.size(); row = next.getAndIncrement()) {
                        String[] fields = rows.get(row).split(",");
                        try {
                            MimeMessage message = new MimeMessage(session);
                            message.setFrom(new InternetAddress("news@example.com", "Example News"));
                            message.setRecipient(Message.RecipientType.TO, new InternetAddress(fields[0]));
                            message.setSubject("News for " + fields[1], "UTF-8");
                            message.setText("<p>Hello " + fields[1] + ", this is the benchmark issue.</p>", "UTF-8", "html");
                            message.saveChanges();
                            transport.sendMessage(message, message.getAllRecipients());
                        }
                        catch (Exception ex) {
                            failures.incrementAndGet();
                        }
                    }
                }
                catch (Exception ex) {
                    failures.incrementAndGet();
                }
                return null;
            });
        }
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        int messages = rows.size() - 1;
        System.out.printf("%d %.2f %.1f %d%n", messages, seconds, messages / seconds, failures.get());
    }
}
