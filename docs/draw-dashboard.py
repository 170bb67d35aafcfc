"""Draws docs/grafana-dashboard.json's panels from scrapes that docs/record-scrapes.sh recorded,
computing each panel's PromQL the way Prometheus would (rate over a window, histogram_quantile),
so that a user sees what the dashboard shows without a Grafana here.
Usage: /usr/bin/python3 docs/draw-dashboard.py SCRAPES.prom OUT.png   (Debian's python3-matplotlib)"""
import re
import sys
from collections import defaultdict

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

WINDOW = 5  # seconds: the panels' [1m] shortened to the length of a short run
LINE = re.compile(r'^(\w+)\{([^}]*)\} (\S+)$')


def read(path):
    scrapes = []
    for line in open(path):
        line = line.strip()
        if line.startswith("# at "):
            scrapes.append((float(line[5:]), {}))
        elif scrapes and (m := LINE.match(line)):
            labels = tuple(sorted(re.findall(r'(\w+)="([^"]*)"', m.group(2))))
            scrapes[-1][1][(m.group(1), labels)] = float(m.group(3))
    return scrapes


def series(scrapes, name, by, value):
    """For each scrape from WINDOW on: (times, {group: values}), summed over the other labels; 0 where a group has no sample yet."""
    times, points = [], []
    start = scrapes[0][0]
    for i, (at, sample) in enumerate(scrapes):
        j = max(0, i - WINDOW)
        if i == j:
            continue
        before_at, before = scrapes[j]
        sums = defaultdict(float)
        for (metric, labels), v in sample.items():
            if metric == name:
                sums[dict(labels).get(by, "") if by else ""] += value(v, before.get((metric, labels), 0.0), at - before_at)
        times.append(at - start)
        points.append(sums)
    keys = sorted({key for sums in points for key in sums})
    return times, {key: [sums.get(key, 0.0) for sums in points] for key in keys}


def rate(v, before, dt):
    return max(0.0, v - before) / dt


def gauge(v, before, dt):
    return v


def quantile(scrapes, q):
    times, out = [], []
    start = scrapes[0][0]
    for i, (at, sample) in enumerate(scrapes):
        j = max(0, i - WINDOW)
        if i == j:
            continue
        before = scrapes[j][1]
        buckets = defaultdict(float)
        for (metric, labels), v in sample.items():
            if metric == "campaign_provider_latency_seconds_bucket":
                le = dict(labels)["le"]
                buckets[float("inf") if le == "+Inf" else float(le)] += v - before.get((metric, labels), 0.0)
        bounds = sorted(buckets)
        total = buckets[bounds[-1]] if bounds else 0
        times.append(at - start)
        if total <= 0:
            out.append(float("nan"))
            continue
        rank, lower, below = q * total, 0.0, 0.0
        for bound in bounds:
            if buckets[bound] >= rank:
                upper = bound if bound != float("inf") else lower
                inside = buckets[bound] - below
                out.append(lower + (upper - lower) * ((rank - below) / inside if inside else 0))
                break
            lower, below = bound, buckets[bound]
    return times, out


def main(path, png):
    scrapes = read(path)
    fig, axes = plt.subplots(3, 2, figsize=(14, 10))
    fig.suptitle("Campaign sender (docs/grafana-dashboard.json), drawn from /actuator/prometheus scrapes of a real run", fontsize=12)

    def panel(ax, title, lines, unit):
        for label, (t, v) in lines:
            ax.plot(t, v, label=label, linewidth=1.8)
        ax.set_title(title, fontsize=11, loc="left")
        ax.set_xlabel("seconds")
        ax.set_ylabel(unit)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper right")

    def total(name, value):
        t, groups = series(scrapes, name, None, value)
        return t, groups.get("", [0.0] * len(t))

    def grouped(name, by, value):
        t, groups = series(scrapes, name, by, value)
        return [(key, (t, values)) for key, values in sorted(groups.items())]

    panel(axes[0][0], "Messages per second, by outcome", grouped("campaign_messages_total", "outcome", rate), "messages/s")
    panel(axes[0][1], "Requests per second, by answer",
          [g for g in grouped("campaign_attempts_total", "answer", rate) if max(g[1][1], default=0) > 0], "requests/s")
    panel(axes[1][0], "Provider latency", [("p%d" % (q * 100), quantile(scrapes, q)) for q in (0.5, 0.95, 0.99)], "seconds")
    per_minute = lambda v, before, dt: rate(v, before, dt) * 60
    panel(axes[1][1], "Retries, 429s and in-doubt per minute",
          [(label, total(name, per_minute)) for label, name in (("retries", "campaign_retries_total"),
                                                                 ("429s", "campaign_rate_limited_total"),
                                                                 ("in doubt", "campaign_in_doubt_total"))], "per minute")
    panel(axes[2][0], "Rows waiting, by campaign", grouped("campaign_rows_waiting", "campaign", gauge), "rows")
    t, states = series(scrapes, "campaign_account_breaker_state", "state", gauge)
    code = [states.get("open", [0] * len(t))[i] * 1 + states.get("half_open", [0] * len(t))[i] * 2 for i in range(len(t))]
    panel(axes[2][1], "Account circuit breaker (voipbin): 0 closed, 1 open, 2 half_open", [("voipbin", (t, code))], "state")
    axes[2][1].set_ylim(-0.2, 2.2)
    fig.tight_layout()
    fig.savefig(png, dpi=90)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
