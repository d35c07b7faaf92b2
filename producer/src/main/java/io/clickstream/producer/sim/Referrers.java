package io.clickstream.producer.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a new session comes from: typed in (no referrer), a search engine, a social network, or a
 * marketing campaign whose URL carries {@code utm_} parameters (the landing page gets them too).
 * The source also decides the landing page.
 */
final class Referrers {
    enum Source { DIRECT, SEARCH_ENGINE, SOCIAL, CAMPAIGN }

    /** @param referrer {@code null} for direct traffic; @param landingQuery {@code ""} or {@code ?utm_...} */
    record Landing(Source source, String referrer, Step step, String landingQuery) {
    }

    private record Campaign(String referrer, String source, String medium, String name) {
        String query() {
            return "?utm_source=" + source + "&utm_medium=" + medium + "&utm_campaign=" + name;
        }
    }

    private static final List<String> SEARCH_ENGINES = List.of(
            "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://search.yahoo.com/");
    private static final List<String> SOCIAL = List.of(
            "https://www.facebook.com/", "https://www.instagram.com/", "https://www.pinterest.com/",
            "https://www.reddit.com/r/frugal/", "https://t.co/");
    private static final List<Campaign> CAMPAIGNS = List.of(
            new Campaign("https://mail.example.net/newsletter/2026-01", "newsletter", "email", "Winter_Sale"),
            new Campaign("https://blog.example.org/best-running-shoes", "partner_blog", "referral", "RunningGuide"),
            new Campaign("https://www.facebook.com/ads", "facebook", "paid_social", "NewYear26"),
            new Campaign("https://www.google.com/aclk", "google", "cpc", "brand_shoes"));
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Referrers() {
    }

    static Landing landing(SplittableRandom random) {
        double source = random.nextDouble();
        double page = random.nextDouble();
        if (source < 0.35) {
            return new Landing(Source.DIRECT, null, pick(page, 0.80, 0.12), "");
        }
        if (source < 0.65) {
            String engine = SEARCH_ENGINES.get(random.nextInt(SEARCH_ENGINES.size()));
            return new Landing(Source.SEARCH_ENGINE, engine, pick(page, 0.30, 0.45), "");
        }
        if (source < 0.80) {
            String social = SOCIAL.get(random.nextInt(SOCIAL.size()));
            if (social.endsWith("t.co/")) {
                social = social + shortLink(random); // mixed case: paths are case-sensitive
            }
            return new Landing(Source.SOCIAL, social, pick(page, 0.45, 0.30), "");
        }
        Campaign campaign = CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size()));
        return new Landing(Source.CAMPAIGN, campaign.referrer() + campaign.query(), pick(page, 0.25, 0.55),
                campaign.query());
    }

    /** Home with probability {@code home}, a category page with {@code category}, else a product page. */
    private static Step pick(double u, double home, double category) {
        if (u < home) {
            return Step.HOME_VIEW;
        }
        return u < home + category ? Step.CATEGORY_VIEW : Step.PRODUCT_VIEW;
    }

    private static String shortLink(SplittableRandom random) {
        var link = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            link.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return link.toString();
    }
}
