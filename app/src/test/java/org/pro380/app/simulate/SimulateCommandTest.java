package org.pro380.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.app.Main;
import org.pro380.app.chart.SvgFiles;
import org.w3c.dom.Document;

/** pro380 simulate end to end: the rows, their exactness, the tariff schedule, the plot, and bad input. */
class SimulateCommandTest {

    /**
     * 3 x 230 V x 10 A x PF 1 = 6.9 kW from 00:00, nothing from 08:00, 3 x 230 V x 20 A x PF 0.5 =
     * 6.9 kW from 18:00: 8 h + 6 h at 6.9 kW = 96.6 kWh a day, 35,259 kWh in 365 days.
     */
    static final String STEP_PROFILE = String.join(
            "\n",
            "# period: 24h",
            "offset,l1_voltage,l1_current,l1_power_factor,l1_export,l1_capacitive,l2_voltage,l2_current,l2_power_factor,"
                    + "l2_export,l2_capacitive,l3_voltage,l3_current,l3_power_factor,l3_export,l3_capacitive",
            "00:00,230,10,1,false,false,230,10,1,false,false,230,10,1,false,false",
            "08:00,230,0,1,false,false,230,0,1,false,false,230,0,1,false,false",
            "18:00,230,20,0.5,false,false,230,20,0.5,false,false,230,20,0.5,false,false",
            "");

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path stepProfile() throws Exception {
        return Files.writeString(dir.resolve("steps.csv"), STEP_PROFILE);
    }

    private static String column(List<String> lines, String row, String name) {
        List<String> header = List.of(lines.get(0).split(","));
        return row.split(",")[header.indexOf(name)];
    }

    @Test
    void theYearsTotalIsTheIntegralOfTheProfileToTheLastWh() throws Exception {
        Path out = dir.resolve("year.csv");

        Result r = run(
                "simulate",
                "--profile",
                stepProfile().toString(),
                "--from",
                "2026-01-01",
                "--days",
                "365",
                "--out",
                out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + 35_040);
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("1,2027-01-01T00:00:00Z,");
        assertThat(column(lines, last, "tariff")).isEqualTo("1");
        assertThat(column(lines, last, "forward_active_energy")).isEqualTo("35259.000000");
        assertThat(column(lines, last, "forward_active_energy_t1")).isEqualTo("35259.000000");
        assertThat(column(lines, last, "forward_active_energy_l2")).isEqualTo("11753.000000");
        assertThat(column(lines, last, "reverse_active_energy")).isEqualTo("0.000000");
        assertThat(column(lines, lines.get(32), "active_power")).as("08:00").isEqualTo("0.0000");
        assertThat(column(lines, lines.get(31), "active_power")).as("07:45").isEqualTo("6.9000");
        assertThat(column(lines, lines.get(32), "forward_active_energy"))
                .as("08:00")
                .isEqualTo("55.200000");
        assertThat(r.out()).contains("1 meter(s) x 35040 steps of 15m");
    }

    @Test
    void theTariffScheduleDrivesTheTariffAsThe12VInputWould() throws Exception {
        Path out = dir.resolve("tariffs.csv");

        Result r = run(
                "simulate",
                "--profile",
                stepProfile().toString(),
                "--days",
                "7",
                "--step",
                "1h",
                "--tariff-schedule",
                "T2=Mon-Sun 18:00-02:00",
                "--out",
                out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        String last = lines.get(lines.size() - 1);
        // T2 from 18:00 to 02:00: 6 h at 6.9 kW + 2 h at 6.9 kW = 55.2 kWh a day; T1 the other 6 h: 41.4 kWh
        assertThat(column(lines, last, "forward_active_energy_t2")).isEqualTo("386.400000"); // 7 x 55.2
        assertThat(column(lines, last, "forward_active_energy_t1")).isEqualTo("289.800000"); // 7 x 41.4
        assertThat(column(lines, last, "forward_active_energy_t3")).isEqualTo("0.000000");
        assertThat(column(lines, lines.get(19), "tariff"))
                .as("the step 18:00-19:00")
                .isEqualTo("2");
        assertThat(column(lines, lines.get(18), "tariff"))
                .as("the step 17:00-18:00")
                .isEqualTo("1");
    }

    @Test
    void sqliteHasOneRowPerMeterAndStep() throws Exception {
        Path out = dir.resolve("fleet.sqlite");

        Result r = run(
                "simulate",
                "--profile",
                stepProfile().toString(),
                "--meters",
                "3",
                "--days",
                "2",
                "--out",
                out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out)) {
            ResultSet count = db.createStatement()
                    .executeQuery(
                            "SELECT count(*), count(DISTINCT meter), count(DISTINCT time), min(time) FROM reading");
            assertThat(count.getInt(1)).isEqualTo(3 * 192);
            assertThat(count.getInt(2)).isEqualTo(3);
            assertThat(count.getInt(3)).isGreaterThanOrEqualTo(192);
            assertThat(count.getLong(4)).as("2026-01-01T00:15Z").isEqualTo(1_767_226_500_000L);
            ResultSet meterOne = db.createStatement()
                    .executeQuery(
                            "SELECT forward_active_energy, forward_active_energy_l3, tariff FROM reading WHERE meter = 1 ORDER BY time DESC LIMIT 1");
            assertThat(meterOne.getDouble(1)).isEqualTo(193.2); // 2 x 96.6 kWh
            assertThat(meterOne.getDouble(2)).isEqualTo(64.4);
            assertThat(meterOne.getInt(3)).isEqualTo(1);
            ResultSet others = db.createStatement()
                    .executeQuery(
                            "SELECT count(DISTINCT round(forward_active_energy, 3)) FROM reading WHERE time = (SELECT max(time) FROM reading)");
            assertThat(others.getInt(1)).as("three meters, three totals").isEqualTo(3);
            ResultSet order = db.createStatement()
                    .executeQuery(
                            "SELECT count(*) FROM reading a JOIN reading b"
                                    + " ON b.rowid = a.rowid + 1 WHERE b.meter < a.meter OR (b.meter = a.meter AND b.time <= a.time)");
            assertThat(order.getInt(1)).as("rows meter by meter, in time order").isZero();
            ResultSet about = db.createStatement().executeQuery("SELECT value FROM simulation WHERE key = 'meters'");
            assertThat(about.getString(1)).isEqualTo("3");
        }
        assertThat(Files.exists(dir.resolve("fleet.sqlite.part"))).isFalse();
    }

    @Test
    void thePlotIsDrawnAsSvgOrPng() throws Exception {
        Path svg = dir.resolve("pv.svg");
        Path png = dir.resolve("pv.png");

        Result a = run(
                "simulate",
                "--profile",
                "pv",
                "--days",
                "3",
                "--out",
                dir.resolve("a.csv").toString(),
                "--plot",
                svg.toString(),
                "--plot-day",
                "2026-01-02");
        Result b = run(
                "simulate",
                "--profile",
                "pv",
                "--days",
                "3",
                "--out",
                dir.resolve("b.csv").toString(),
                "--plot",
                png.toString());

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        Document document = SvgFiles.parse(svg);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readString(svg)).contains("power on 2026-01-02").contains(">0<");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(image.getHeight()).isEqualTo(640);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--days|0|the simulated range is empty: --days must be at least 1, got 0",
                "--profile|windmill|no profile 'windmill': the built-in ones are household, pv, ev-charging, heat-pump, office",
                "--step|2d|the step 172800 s is longer than the 86400 s simulated: nothing would be written",
                "--step|soon|--step: expected a span like 30s, 15m, 24h or 7d, got 'soon'",
                "--tariff-schedule|T4=Mon 22:00-06:00|--tariff-schedule: expected rules like 'T2=Mon-Fri 22:00-06:00'",
                "--from|yesterday|--from must be a date like 2026-01-01, got 'yesterday'",
                "--plot|out.gif|--plot must end in .png or .svg, got out.gif",
                "--meters|0|--meters must be at least 1, got 0",
                "--plot-day|2027-01-01|--plot-day 2027-01-01 is not one of the simulated days, 2026-01-01 to 2026-01-01",
            })
    void badInputIsOneLineAndWritesNothing(String option, String value, String message) throws Exception {
        Path out = dir.resolve("out.csv");
        List<String> args = new java.util.ArrayList<>(
                List.of("simulate", "--profile", "household", "--days", "1", "--out", out.toString()));
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.addAll(List.of(option, value));
        }

        Result r = run(args.toArray(String[]::new));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("pro380: ").contains(message).hasLineCount(1);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anExistingOutputIsNotOverwritten() throws Exception {
        Path out = Files.writeString(dir.resolve("taken.csv"), "mine");

        Result r = run("simulate", "--profile", "household", "--days", "1", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("taken.csv exists; remove it or choose another --out");
        assertThat(Files.readString(out)).isEqualTo("mine");
    }

    @Test
    void theTwinRefusesAnUnknownProfileInOneLine() {
        Result r = run(
                "twin",
                "--state",
                dir.resolve("s").toString(),
                "--tcp",
                "none",
                "--http",
                "none",
                "--profile",
                "windmill");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("pro380: no profile 'windmill'").hasLineCount(1);
    }
}
