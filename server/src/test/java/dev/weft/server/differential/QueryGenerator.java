package dev.weft.server.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random queries over the BI corpus's tables ({@code sales}, {@code regions}): arithmetic, comparisons,
 * CASE, three-valued boolean logic, aggregates with GROUP BY, joins and window frames. The same seed gives the
 * same queries, named {@code generated:0000} onwards. Divisions guard their divisor with NULLIF so that PostgreSQL
 * does not reject them, and bigint values only meet addition and subtraction so that nothing overflows.
 */
final class QueryGenerator {
    private static final String[] INT_COLUMNS = {"id", "qty"};
    private static final String[] GROUP_KEYS = {"region", "paid", "product", "qty % 3", "sold_on", "region, paid"};
    private static final String[] COMPARISONS = {"=", "<>", "<", "<=", ">", ">="};

    private final Random random;

    QueryGenerator(long seed) {
        this.random = new Random(seed);
    }

    List<CorpusQuery> queries(int count) {
        final List<CorpusQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final String sql = switch (i % 9) {
                case 0 -> projection();
                case 1 -> aggregate();
                case 2 -> filterCount();
                case 3 -> join();
                case 4 -> window();
                case 5 -> caseAndLogic();
                case 6 -> ordered();
                case 7 -> textAndDates();
                default -> correlated();
            };
            queries.add(new CorpusQuery(String.format("%s:%04d", Corpora.GENERATED, i), Corpora.GENERATED, sql,
                    SltParser.hasTopLevelOrderBy(sql)));
        }
        return queries;
    }

    private String projection() {
        return "SELECT id, " + intExpression(2) + ", " + doubleExpression() + " FROM sales WHERE " + predicate(2);
    }

    private String aggregate() {
        final String key = pick(GROUP_KEYS);
        final String[] functions = {"COUNT(*)", "COUNT(" + intExpression(1) + ")", "SUM(" + intExpression(1) + ")",
            "MIN(" + intExpression(1) + ")", "MAX(" + doubleExpression() + ")", "AVG(" + intExpression(1) + ")",
            "SUM(amount)", "COUNT(DISTINCT " + pick(INT_COLUMNS) + ")"};
        final String having = random.nextInt(4) == 0 ? " HAVING COUNT(*) > " + random.nextInt(4) : "";
        final String where = random.nextBoolean() ? " WHERE " + predicate(1) : "";
        return "SELECT " + key + ", " + pick(functions) + ", " + pick(functions) + " FROM sales" + where
                + " GROUP BY " + key + having;
    }

    private String filterCount() {
        return "SELECT COUNT(*), SUM(qty) FROM sales WHERE " + predicate(3);
    }

    private String join() {
        final String kind = pick(new String[] {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"});
        final String on = random.nextBoolean() ? "s.region = r.region"
                : "s.region = r.region AND s.qty " + pick(COMPARISONS) + " r.target / 5";
        final String where = switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> " WHERE s.qty " + pick(COMPARISONS) + " " + random.nextInt(40) + " OR r.target IS NULL";
            default -> " WHERE s.paid IS NOT FALSE AND r.manager <> 'Bo'";
        };
        return "SELECT s.id, r.manager, r.target + s.qty FROM sales s " + kind + " regions r ON " + on + where;
    }

    private String window() {
        final String function = pick(new String[] {"SUM(qty)", "COUNT(qty)", "MIN(price)", "MAX(qty)", "AVG(qty)",
            "COUNT(*)"});
        final String partition = random.nextBoolean() ? "PARTITION BY " + pick(new String[] {"region", "paid"}) + " "
                : "";
        final int before = random.nextInt(4);
        final String frame = switch (random.nextInt(4)) {
            case 0 -> "ROWS BETWEEN " + before + " PRECEDING AND CURRENT ROW";
            case 1 -> "ROWS BETWEEN " + before + " PRECEDING AND " + random.nextInt(3) + " FOLLOWING";
            case 2 -> "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
            default -> "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING";
        };
        return "SELECT id, " + function + " OVER (" + partition + "ORDER BY id " + frame + ") FROM sales";
    }

    private String caseAndLogic() {
        return "SELECT id, CASE WHEN " + predicate(2) + " THEN " + intExpression(1) + " WHEN " + predicate(1)
                + " THEN NULL ELSE " + intExpression(1) + " END, (" + predicate(2) + ") IS NOT TRUE FROM sales";
    }

    /** A total order (ties broken by the unique id) over a nullable key, so NULL placement is part of the answer. */
    private String ordered() {
        final String key = pick(new String[] {"qty", "price", "region", "sold_on", "sold_at", "paid", "amount",
            intExpression(1)});
        final String direction = pick(new String[] {"", " ASC", " DESC"});
        final String nulls = pick(new String[] {"", " NULLS FIRST", " NULLS LAST"});
        final String limit = random.nextBoolean() ? " LIMIT " + (1 + random.nextInt(15))
                + (random.nextBoolean() ? " OFFSET " + random.nextInt(10) : "") : "";
        return "SELECT id, " + key + " AS k FROM sales ORDER BY k" + direction + nulls + ", id" + limit;
    }

    private String textAndDates() {
        final String[] text = {"UPPER(region)", "LOWER(product)", "region || '-' || product", "LENGTH(product)",
            "SUBSTRING(product FROM 1 FOR 3)", "COALESCE(product, region, '?')", "TRIM(region)",
            "CONCAT(region, product)", "REPLACE(product, 'a', '_')"};
        final String[] dates = {"sold_on", "EXTRACT(MONTH FROM sold_on)", "EXTRACT(DAY FROM sold_at)",
            "CAST(sold_at AS DATE)", "sold_on + INTERVAL '3' DAY", "sold_at - INTERVAL '2' HOUR",
            "EXTRACT(HOUR FROM sold_at)", "CAST(sold_on AS TIMESTAMP)"};
        final String[] predicates = {"product LIKE '" + pick(new String[] {"a%", "%e%", "_a%", "%\\_%"}) + "'",
            "region " + pick(COMPARISONS) + " '" + pick(new String[] {"east", "m", "North", ""}) + "'",
            "sold_on " + pick(COMPARISONS) + " DATE '2024-0" + (1 + random.nextInt(9)) + "-15'",
            "sold_at BETWEEN TIMESTAMP '2024-03-01 00:00:00' AND TIMESTAMP '2024-09-30 12:00:00'",
            "product IN ('apple', 'banana', NULL)", "region IS NOT DISTINCT FROM " + pick(new String[] {"NULL",
                "'east'"}), "LENGTH(region) " + pick(COMPARISONS) + " " + random.nextInt(6)};
        return "SELECT id, " + pick(text) + ", " + pick(dates) + " FROM sales WHERE " + pick(predicates)
                + (random.nextBoolean() ? " OR " + pick(predicates) : "");
    }

    /** A correlated subquery in the WHERE clause (scalar, EXISTS or IN), half of the time with one more in the list. */
    private String correlated() {
        final String filter = switch (random.nextInt(4)) {
            case 0 -> "qty " + pick(COMPARISONS) + " (SELECT AVG(i.qty) FROM sales i WHERE i.region = s.region)";
            case 1 -> "EXISTS (SELECT 1 FROM regions r WHERE r.region = s.region AND r.target "
                    + pick(COMPARISONS) + " " + (random.nextInt(25) * 10) + ")";
            case 2 -> "s.region NOT IN (SELECT r.region FROM regions r WHERE r.target > " + (random.nextInt(25) * 10)
                    + ")";
            default -> "(SELECT COUNT(*) FROM sales i WHERE i.qty > s.qty AND i.paid) " + pick(COMPARISONS) + " "
                    + random.nextInt(20);
        };
        final String second = random.nextBoolean() ? ", (SELECT MAX(r.target) FROM regions r WHERE r.region = s.region)"
                : "";
        return "SELECT s.id, s.qty" + second + " FROM sales s WHERE " + filter;
    }

    private String intExpression(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return switch (random.nextInt(4)) {
                case 0 -> String.valueOf(random.nextInt(21) - 10);
                case 1 -> "big";
                default -> pick(INT_COLUMNS);
            };
        }
        final String left = intExpression(depth - 1).equals("big") ? "qty" : intExpression(depth - 1);
        final String right = intExpression(depth - 1);
        if (right.equals("big")) {
            return "(" + left + " " + pick(new String[] {"+", "-"}) + " big)";
        }
        return switch (random.nextInt(7)) {
            case 0 -> "(" + left + " + " + right + ")";
            case 1 -> "(" + left + " - " + right + ")";
            case 2 -> "(" + left + " * " + right + ")";
            case 3 -> "(" + left + " / NULLIF(" + right + ", 0))";
            case 4 -> "(" + left + " % NULLIF(" + right + ", 0))";
            case 5 -> "ABS(" + left + ")";
            default -> "COALESCE(" + left + ", " + right + ")";
        };
    }

    private String doubleExpression() {
        return switch (random.nextInt(4)) {
            case 0 -> "price";
            case 1 -> "(price * " + pick(INT_COLUMNS) + ")";
            case 2 -> "(price / NULLIF(qty, 0))";
            default -> "(price + " + (random.nextInt(100) / 4.0) + ")";
        };
    }

    private String predicate(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return switch (random.nextInt(6)) {
                case 0 -> intExpression(1) + " " + pick(COMPARISONS) + " " + intExpression(1);
                case 1 -> pick(new String[] {"qty", "price", "region", "paid", "big"}) + " IS "
                        + (random.nextBoolean() ? "" : "NOT ") + "NULL";
                case 2 -> "paid";
                case 3 -> "qty BETWEEN " + (random.nextInt(20) - 5) + " AND " + (random.nextInt(40));
                case 4 -> "qty IN (" + random.nextInt(10) + ", " + (10 + random.nextInt(20)) + ", NULL)";
                default -> "price " + pick(COMPARISONS) + " " + random.nextInt(400);
            };
        }
        return switch (random.nextInt(3)) {
            case 0 -> "(" + predicate(depth - 1) + " AND " + predicate(depth - 1) + ")";
            case 1 -> "(" + predicate(depth - 1) + " OR " + predicate(depth - 1) + ")";
            default -> "NOT (" + predicate(depth - 1) + ")";
        };
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
