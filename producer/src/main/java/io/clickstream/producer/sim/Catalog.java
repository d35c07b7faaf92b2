package io.clickstream.producer.sim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shop: products whose popularity is Zipf-distributed (product 101 is the best seller), each
 * in one category, and the URLs of every page type.
 */
public final class Catalog {
    public static final String BASE_URL = "https://shop.example.com";
    /** Product ids start here; the most popular product has id {@code FIRST_PRODUCT_ID}. */
    public static final long FIRST_PRODUCT_ID = 101;

    static final List<String> CATEGORIES = List.of(
            "shoes", "shirts", "jackets", "bags", "watches", "electronics", "home", "toys", "books", "sports");
    /** Some with capitals: a query is case-sensitive and must survive the pipeline as typed. */
    private static final List<String> QUERIES = List.of(
            "running shoes", "rain jacket", "Nike Air Max", "usb-c cable", "leather bag", "smart watch",
            "gift for dad", "LEGO", "kids toys", "yoga mat", "wireless headphones", "winter boots",
            "coffee maker", "Harry Potter", "backpack", "sunglasses", "t-shirt XL", "desk lamp");

    /** Search result URLs, one per query in {@link #QUERIES}: the same string each time. */
    private static final List<String> SEARCH_URLS = QUERIES.stream().map(Catalog::searchUrl).toList();
    private static final Map<String, String> CATEGORY_URLS = CATEGORIES.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Catalog::categoryUrl));

    /** URLs of the most popular products are kept: most events name one of them. */
    private static final int CACHED_URLS = 1 << 16;

    private final ZipfDistribution popularity;
    /** Filled as products are first shown; the same string each time lets the JSON writer reuse its bytes. */
    private final String[] productUrls;

    public Catalog(int products, double zipfExponent) {
        this.popularity = new ZipfDistribution(products, zipfExponent);
        this.productUrls = new String[Math.min(products, CACHED_URLS)];
    }

    public int size() {
        return popularity.size();
    }

    /** A product id drawn by popularity. */
    public long product(SplittableRandom random) {
        return FIRST_PRODUCT_ID - 1 + popularity.sample(random);
    }

    /** A product of the given category, drawn by popularity (rejection sampling; falls back to any product). */
    long productIn(String category, SplittableRandom random) {
        long product = product(random);
        for (int tries = 0; tries < 8 && !categoryOf(product).equals(category); tries++) {
            product = product(random);
        }
        return product;
    }

    public double popularity(long productId) {
        return popularity.probability((int) (productId - FIRST_PRODUCT_ID + 1));
    }

    public static String categoryOf(long productId) {
        return CATEGORIES.get((int) Math.floorMod(Ids.mix(productId, 7), (long) CATEGORIES.size()));
    }

    static String randomCategory(SplittableRandom random) {
        return CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }

    static String randomQuery(SplittableRandom random) {
        return QUERIES.get(random.nextInt(QUERIES.size()));
    }

    /** {@code searchUrl(randomQuery(random))}, from the same draw, without encoding the query each time. */
    static String randomSearchUrl(SplittableRandom random) {
        return SEARCH_URLS.get(random.nextInt(QUERIES.size()));
    }

    /** {@link #categoryUrl}, the same string object for each known category. */
    static String urlOfCategory(String category) {
        String url = CATEGORY_URLS.get(category);
        return url != null ? url : categoryUrl(category);
    }

    static String homeUrl() {
        return BASE_URL + "/";
    }

    static String categoryUrl(String category) {
        return BASE_URL + "/c/" + category;
    }

    static String productUrl(long productId) {
        return BASE_URL + "/p/" + productId;
    }

    /** {@link #productUrl}, the same string object for a popular product every time. */
    String urlOf(long productId) {
        long slot = productId - FIRST_PRODUCT_ID;
        if (slot < 0 || slot >= productUrls.length) {
            return productUrl(productId);
        }
        String url = productUrls[(int) slot];
        if (url == null) {
            url = productUrl(productId);
            productUrls[(int) slot] = url;
        }
        return url;
    }

    static String searchUrl(String query) {
        return BASE_URL + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    static String cartUrl() {
        return BASE_URL + "/cart";
    }

    static String checkoutUrl() {
        return BASE_URL + "/checkout";
    }

    static String confirmationUrl() {
        return BASE_URL + "/order/confirmation";
    }
}
