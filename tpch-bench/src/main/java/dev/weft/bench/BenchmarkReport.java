package dev.weft.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes a TPC-H benchmark run as JSON, a markdown table and a bar chart (PNG). */
final class BenchmarkReport {
    private BenchmarkReport() {}

    /** Writes {@code <date>-sf<X>.json}, {@code .md} and {@code .png} into {@code dir}; returns their paths. */
    static List<Path> write(TpchBenchmark.Report report, Path dir, LocalDate date) throws IOException {
        Files.createDirectories(dir);
        final String base = date + "-sf" + scale(report.scaleFactor());
        final Path json = dir.resolve(base + ".json");
        try (JsonGenerator out = new JsonFactory().createGenerator(json.toFile(), JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeStringField("date", date.toString());
            out.writeNumberField("scaleFactor", report.scaleFactor());
            out.writeNumberField("commitsPerTable", report.blocks());
            out.writeNumberField("runs", report.runs());
            out.writeStringField("machine", report.machine());
            out.writeBooleanField("allCorrect", report.allCorrect());
            out.writeNumberField("weftTotalMillis", report.weftTotal());
            out.writeNumberField("referenceTotalMillis", report.referenceTotal());
            out.writeNumberField("doGetBytesPerSecond", report.doGetBytesPerSecond());
            out.writeArrayFieldStart("queries");
            for (TpchBenchmark.QueryResult query : report.queries()) {
                out.writeStartObject();
                out.writeStringField("query", query.query());
                out.writeNumberField("planningMillis", query.planningMillis());
                out.writeNumberField("weftMillis", query.weftMillis());
                out.writeNumberField("referenceMillis", query.referenceMillis());
                out.writeNumberField("ratio", query.ratio());
                out.writeNumberField("rows", query.rows());
                out.writeBooleanField("correct", query.correct());
                if (query.problem() != null) {
                    out.writeStringField("problem", query.problem());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        final Path markdown = Files.writeString(dir.resolve(base + ".md"), markdown(report));
        final Path png = dir.resolve(base + ".png");
        ImageIO.write(chart(report), "png", png.toFile());
        return List.of(json, markdown, png);
    }

    static String markdown(TpchBenchmark.Report report) {
        final StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "TPC-H SF %s, %d commit(s) per table, median of %d runs; %s%n%n",
                scale(report.scaleFactor()), report.blocks(), report.runs(), report.machine()));
        md.append("| query | planning (ms) | Weft via Flight SQL (ms) | DuckDB on the same files (ms) | ratio | rows "
                + "| answer |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (TpchBenchmark.QueryResult q : report.queries()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %d | %s |%n", q.query(),
                    q.planningMillis(), q.weftMillis(), q.referenceMillis(), q.ratio(), q.rows(),
                    q.correct() ? "correct" : "WRONG: " + q.problem()));
        }
        md.append(String.format(Locale.ROOT, "| total | | %.1f | %.1f | %.2f | | %s |%n", report.weftTotal(),
                report.referenceTotal(), report.weftTotal() / report.referenceTotal(),
                report.allCorrect() ? "all correct" : "WRONG ANSWERS"));
        md.append(String.format(Locale.ROOT, "%nDoGet of `SELECT * FROM lineitem` to a Flight SQL client on loopback: "
                + "%.2f GB/s of Arrow data (median of %d).%n", report.doGetBytesPerSecond() / 1e9, report.runs()));
        return md.toString();
    }

    /** Two bars per query (Weft, reference), in milliseconds on a square-root scale so small queries stay visible. */
    private static BufferedImage chart(TpchBenchmark.Report report) {
        final List<TpchBenchmark.QueryResult> queries = report.queries();
        final int width = 1200;
        final int height = 500;
        final int left = 70;
        final int bottom = 60;
        final int top = 40;
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        final double max = queries.stream()
                .mapToDouble(q -> Math.max(q.weftMillis(), q.referenceMillis())).max().orElse(1);
        final double plotHeight = height - top - bottom;
        final double slot = (width - left - 20.0) / queries.size();
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "TPC-H SF %s: Weft (blue) vs DuckDB on the same files (orange), ms, "
                + "square-root scale", scale(report.scaleFactor())), left, 20);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, height - bottom, width - 20, height - bottom);
        for (double tick : new double[] {max / 16, max / 4, max}) {
            final int y = (int) (height - bottom - Math.sqrt(tick / max) * plotHeight);
            g.drawString(String.format(Locale.ROOT, "%.0f", tick), 5, y + 4);
            g.drawLine(left - 4, y, left, y);
        }
        for (int i = 0; i < queries.size(); i++) {
            final TpchBenchmark.QueryResult q = queries.get(i);
            final int x = (int) (left + i * slot + slot * 0.1);
            final int barWidth = (int) (slot * 0.38);
            bar(g, x, barWidth, q.weftMillis(), max, plotHeight, height - bottom, new Color(0x2F6DB5));
            bar(g, x + barWidth, barWidth, q.referenceMillis(), max, plotHeight, height - bottom,
                    new Color(0xE8893A));
            g.setColor(q.correct() ? Color.DARK_GRAY : Color.RED);
            g.drawString(q.query().substring(1), x, height - bottom + 16);
        }
        g.dispose();
        return image;
    }

    private static void bar(Graphics2D g, int x, int width, double millis, double max, double plotHeight,
            int baseline, Color color) {
        final int h = (int) Math.round(Math.sqrt(millis / max) * plotHeight);
        g.setColor(color);
        g.fillRect(x, baseline - h, width, h);
    }

    private static String scale(double scaleFactor) {
        return scaleFactor == Math.rint(scaleFactor) ? Long.toString((long) scaleFactor)
                : Double.toString(scaleFactor);
    }
}
