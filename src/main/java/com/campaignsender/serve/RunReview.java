package com.campaignsender.serve;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.operate.CampaignPreview;

/**
 * What an operator reviews before pressing Send on a READY run (SPEC section 22), beside the
 * counts its page shows from the ledger (rows by state, rejects by reason): the first messages
 * as they will go out, rendered from the run's own list and definition, and for SMS the segments
 * the whole list takes and their cost at {@code campaign.server.price-per-segment}. Kept per run:
 * a READY run's list and definition do not change, and counting the segments reads the whole list.
 */
@Component
class RunReview {

    /** How many rendered messages the review shows. */
    static final int SAMPLES = 3;

    /** The review of one run; public: the page's template reads it. */
    public record Review(List<Sample> samples, Long segments, BigDecimal cost) {
    }

    /** One message as it will go out. */
    public record Sample(int row, String to, String subject, String body) {
    }

    private final CampaignPreview preview;
    private final ServerSettings settings;
    private final Map<Long, Review> reviews = new ConcurrentHashMap<>();

    RunReview(CampaignPreview preview, ServerSettings settings) {
        this.preview = preview;
        this.settings = settings;
    }

    Review of(CampaignRun run) throws Exception {
        Review known = reviews.get(run.id());
        if (known != null) {
            return known;
        }
        Optional<Path> list = Optional.of(run.recipientsFile());
        CampaignPreview.Sample first = preview.firstSendable(run.definitionFile(), list, SAMPLES);
        List<Sample> samples = new ArrayList<>();
        first.rows().forEach(row -> samples.add(new Sample(row.row(), row.message().to(), row.message().subject(),
                row.message().text() != null ? row.message().text() : row.message().html())));
        Long segments = null;
        BigDecimal cost = null;
        if (first.definition().channel() == Channel.SMS) {
            segments = preview.preview(run.definitionFile(), list, 0, row -> { }).segments();
            cost = settings.pricePerSegment() == null ? null : settings.pricePerSegment().multiply(BigDecimal.valueOf(segments));
        }
        Review review = new Review(samples, segments, cost);
        reviews.put(run.id(), review);
        return review;
    }

    /** Forgets a run's review once it is no longer READY. */
    void forget(long runId) {
        reviews.remove(runId);
    }
}
