package io.clickstream.sandbox.lake;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a lake folder with DuckDB, a Parquet reader that shares no code with our writer. The folder
 * is {@code <root>/year=/month=/day=/hour=/*.parquet}; hive partitioning exposes the folder's hour.
 */
public final class LakeQuery implements AutoCloseable {
    private final Connection connection;
    private final String source;

    public LakeQuery(Path root) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            // DuckDB infers a partition key's type from its values, and a zero-padded one (hour=00) would make the
            // whole column VARCHAR, which make_timestamp(year, month, day, hour, ...) does not take. The keys are
            // integers: say so rather than let the folders of the day decide.
            source = "read_parquet('" + root.toAbsolutePath().toString().replace("'", "''")
                    + "/**/*.parquet', hive_partitioning = true, union_by_name = true, hive_types = "
                    + "{'year': BIGINT, 'month': BIGINT, 'day': BIGINT, 'hour': BIGINT})";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    /** The table expression to use in FROM. */
    public String source() {
        return source;
    }

    public long scalar(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    public List<List<Object>> rows(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> result = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The column names of {@code sql}'s result. */
    public List<String> columns(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    public Connection connection() {
        return connection;
    }

    /** Events per event_type, most frequent first: the README's sample query. */
    public Map<String, Long> eventsPerType() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<Object> row : rows("SELECT event_type, count(*) AS events FROM " + source
                + " GROUP BY event_type ORDER BY events DESC, event_type")) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // in-memory database: nothing to lose
        }
    }
}
