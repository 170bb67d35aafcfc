package com.campaignsender.serve;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.operate.CampaignPreview;
import com.campaignsender.send.CampaignPreflight;
import com.campaignsender.send.CampaignSnapshots;

/**
 * What an operator reviews before pressing Send on a READY run (SPEC section 22), beside the
 * counts its page shows from the ledger (rows by state, rejects by reason): the first messages
 * as they will go out, rendered from the run's own list and its snapshot (the definition and
 * templates it sends, whatever is on the disk now), and for SMS the segments the whole list
 * takes and their cost at {@code campaign.server.price-per-segment}. Kept per run: a READY run's
 * list and snapshot do not change, and counting the segments reads the whole list.
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
    private final CampaignPreflight preflight;
    private final CampaignSnapshots snapshots;
    private final ServerSettings settings;
    private final Map<Long, Review> reviews = new ConcurrentHashMap<>();

    RunReview(CampaignPreview preview, CampaignPreflight preflight, CampaignSnapshots snapshots, ServerSettings settings) {
        this.preview = preview;
        this.preflight = preflight;
        this.snapshots = snapshots;
        this.settings = settings;
    }

    Review of(CampaignRun run) throws Exception {
        Review known = reviews.get(run.id());
        if (known != null) {
            return known;
        }
        CampaignFiles files = snapshots.files(run.id());
        CampaignPreflight.Checked checked = preflight.check(run.definitionFile(), run.recipientsFile(), files);
        CampaignPreview.Sample first = preview.firstSendable(checked, files, SAMPLES);
        List<Sample> samples = new ArrayList<>();
        first.rows().forEach(row -> samples.add(new Sample(row.row(), row.message().to(), row.message().subject(),
                row.message().text() != null ? row.message().text() : row.message().html())));
        Long segments = null;
        BigDecimal cost = null;
        if (first.definition().channel() == Channel.SMS) {
            segments = preview.preview(checked, files, 0, row -> { }).segments();
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
