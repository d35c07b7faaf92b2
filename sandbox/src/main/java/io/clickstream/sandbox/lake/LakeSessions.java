package io.clickstream.sandbox.lake;

import io.clickstream.common.event.EventType;
import io.clickstream.producer.report.SessionFigures;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session figures of a lake, by DuckDB: the sessionization query the README shows, whose definitions
 * are those of the producer's {@code --report} ({@code SessionStatistics}), so the two can be set side by side.
 */
public final class LakeSessions {
    /** {@code %s} is the table expression of the lake's events. */
    private static final String SESSIONS = """
            WITH sessions AS (
              SELECT session_id,
                     arg_min(user_id, "timestamp") AS user_id,
                     arg_min(device, "timestamp") AS device,
                     min("timestamp") AS first_at,
                     max("timestamp") AS last_at,
                     count(*) AS events,
                     bool_or(event_type = 'add_to_cart') AS carted,
                     bool_or(event_type = 'purchase') AS purchased
              FROM %s
              GROUP BY session_id),
            visits AS (
              SELECT *, row_number() OVER (PARTITION BY user_id ORDER BY first_at, session_id) > 1 AS returning_user
              FROM sessions)
            SELECT count(*) AS sessions,
                   round(avg(epoch_ms(last_at) - epoch_ms(first_at)) / 1000, 1) AS mean_duration_s,
                   round(100 * avg((events = 1)::INT), 1) AS bounce_pct,
                   round(100 * avg(purchased::INT), 2) AS conversion_pct,
                   round(100 * avg((NOT purchased)::INT) FILTER (WHERE carted), 1) AS cart_abandonment_pct,
                   round(avg(events), 2) AS events_per_session,
                   round(100 * avg(returning_user::INT), 1) AS returning_pct,
                   round(100 * avg((device = 'mobile')::INT), 1) AS mobile_pct,
                   round(100 * avg((device = 'desktop')::INT), 1) AS desktop_pct,
                   round(100 * avg((device = 'tablet')::INT), 1) AS tablet_pct
            FROM visits;""";
    private static final String PER_HOUR = """
            SELECT date_trunc('hour', "timestamp") AS event_hour, count(*) AS events
            FROM %s
            GROUP BY event_hour ORDER BY event_hour;""";

    private LakeSessions() {
    }

    /** The sessionization query over {@code source} (e.g. {@code read_parquet('lake/**}{@code /*.parquet')}). */
    public static String sessionsSql(String source) {
        return SESSIONS.formatted(source);
    }

    /** Events per hour of event time; run {@code SET TimeZone = 'UTC'} first, or the hours are local ones. */
    public static String perHourSql(String source) {
        return PER_HOUR.formatted(source);
    }

    public static SessionFigures of(LakeQuery lake) {
        lake.execute("SET TimeZone = 'UTC'");
        List<Object> row = lake.rows(sessionsSql(lake.source())).get(0);
        var devices = new LinkedHashMap<String, Double>();
        devices.put("mobile", percent(row.get(7)));
        devices.put("desktop", percent(row.get(8)));
        devices.put("tablet", percent(row.get(9)));
        var perHour = new TreeMap<Instant, Long>();
        for (List<Object> hour : lake.rows("SELECT epoch_ms(event_hour), events FROM (" + stripSemicolon(perHourSql(lake.source()))
                + ")")) {
            perHour.put(Instant.ofEpochMilli(number(hour.get(0)).longValue()), number(hour.get(1)).longValue());
        }
        Map<EventType, Long> types = new EnumMap<>(EventType.class);
        lake.eventsPerType().forEach((type, count) -> EventType.fromWireName(type).ifPresent(t -> types.put(t, count)));
        long events = types.values().stream().mapToLong(Long::longValue).sum();
        long first = lake.scalar("SELECT epoch_ms(min(\"timestamp\")) FROM " + lake.source());
        long last = lake.scalar("SELECT epoch_ms(max(\"timestamp\")) FROM " + lake.source());
        return new SessionFigures(events, number(row.get(0)).longValue(), number(row.get(1)).doubleValue(),
                percent(row.get(2)), percent(row.get(3)), percent(row.get(4)), number(row.get(5)).doubleValue(),
                percent(row.get(6)), devices, perHour, ratio(types, EventType.ADD_TO_CART, EventType.VIEW_PRODUCT),
                ratio(types, EventType.PURCHASE, EventType.ADD_TO_CART), ratio(types, EventType.PURCHASE,
                        EventType.BEGIN_CHECKOUT), Instant.ofEpochMilli(first), Instant.ofEpochMilli(last));
    }

    private static double percent(Object value) {
        return value == null ? 0 : number(value).doubleValue() / 100;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : Double.valueOf(value.toString());
    }

    private static double ratio(Map<EventType, Long> types, EventType numerator, EventType denominator) {
        long below = types.getOrDefault(denominator, 0L);
        return below == 0 ? 0 : (double) types.getOrDefault(numerator, 0L) / below;
    }

    private static String stripSemicolon(String sql) {
        return sql.strip().replaceAll(";$", "");
    }
}
