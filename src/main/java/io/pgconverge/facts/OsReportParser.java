package io.pgconverge.facts;

import io.pgconverge.model.EngineException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the output of {@link OsFactsScript} into an {@link OsReport}. Pure. */
public final class OsReportParser {
    private static final Pattern POSTGRES_VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\S+)");

    private OsReportParser() {
    }

    /** One {@code @@file} section: its key=value lines and its content, when it was read. */
    private record RawFile(String path, Map<String, String> values, Optional<String> content) {
    }

    /** The output split into top-level values, decoded blocks and file sections. */
    private record Sections(Map<String, String> values, Map<String, String> blocks, List<RawFile> files) {
    }

    /**
     * @param dataDir the data directory the script looked at
     * @param binDir  the binaries directory the script looked at
     * @throws EngineException when the output is not the script's (it does not start with its header)
     */
    public static OsReport parse(String output, String dataDir, String binDir) {
        Sections s = split(output);
        Map<String, String> v = s.values();
        Optional<OsFacts> os = Optional.of(new OsFacts(orUnknown(v.get("os_id")), orUnknown(v.get("os_version")),
                orUnknown(v.get("arch")), v.getOrDefault("hostname", "")));
        boolean binaries = "1".equals(v.get("bin_postgres"));
        Optional<String> installed = Optional.ofNullable(v.get("bin_version")).flatMap(OsReportParser::postgresVersion);
        Map<String, FileFact> files = new LinkedHashMap<>();
        for (RawFile f : s.files()) {
            files.put(f.path(), fileFact(f));
        }
        Optional<AppliedRecord> applied = s.files().stream()
                .filter(f -> f.path().endsWith("/pgconverge.applied")).findFirst()
                .flatMap(RawFile::content).flatMap(AppliedRecordFile::parse);
        return new OsReport(os, binaries ? Optional.of(binDir) : Optional.empty(), installed,
                dataDirFacts(dataDir, v, s.blocks()), "1".equals(v.get("data_readable")), "1".equals(v.get("running")),
                v.getOrDefault("hba_file", ""), files, applied, HotStandbyFacts.of(
                ControlData.parse(s.blocks().getOrDefault("controldata", "")), s.blocks().getOrDefault("serverlog", "")),
                walTimeline(v.get("wal_newest_segment")));
    }

    /** The timeline of the newest WAL segment's name (its first eight hex digits), when there is one. */
    static Optional<Integer> walTimeline(String segment) {
        if (segment == null || !segment.matches("[0-9A-F]{24}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(segment.substring(0, 8), 16)).filter(t -> t > 0);
    }

    /** "15.18" from "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
    static Optional<String> postgresVersion(String versionLine) {
        Matcher m = POSTGRES_VERSION.matcher(versionLine);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static DataDirFacts dataDirFacts(String path, Map<String, String> v, Map<String, String> blocks) {
        ControlData control = ControlData.parse(blocks.getOrDefault("controldata", ""));
        return new DataDirFacts(path, "1".equals(v.get("data_exists")), "1".equals(v.get("data_initialised")),
                v.getOrDefault("data_owner", ""), Optional.ofNullable(v.get("pg_version")).flatMap(PgVersions::majorOf),
                control.systemIdentifier(), control.clusterState(), control.checkpointTimeline(),
                control.checkpointLsn(), "1".equals(v.get("standby_signal")), "1".equals(v.get("recovery_conf")),
                control.walLogHints(), control.dataChecksums());
    }

    private static FileFact fileFact(RawFile f) {
        if (!"1".equals(f.values().get("exists"))) {
            return FileFact.absent(f.path());
        }
        return new FileFact(f.path(), true, f.content().map(ConninfoMasker::mask),
                f.values().getOrDefault("owner", ""), mode(f.values().getOrDefault("mode", "")),
                Optional.ofNullable(f.values().get("sha256")));
    }

    /** "0600" from stat's "600". */
    private static String mode(String statMode) {
        if (statMode.isEmpty()) {
            return "";
        }
        return statMode.length() >= 4 ? statMode : "0".repeat(4 - statMode.length()) + statMode;
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    private static Sections split(String output) {
        String[] lines = output.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].equals(OsFactsScript.HEADER)) {
            i++;
        }
        if (i == lines.length) {
            throw new EngineException("the facts script printed no facts (is bash the login shell's interpreter?)");
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> blocks = new HashMap<>();
        List<RawFile> files = new ArrayList<>();
        for (i++; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("@@block ")) {
                int end = endOf(lines, i + 1);
                blocks.put(line.substring(8).strip(), decode(lines, i + 1, end));
                i = end;
            } else if (line.startsWith("@@file ")) {
                i = readFile(lines, i, files);
            } else {
                putValue(line, values);
            }
        }
        return new Sections(values, blocks, files);
    }

    /** Reads the file section starting at {@code start}; returns the index of its {@code @@end}. */
    private static int readFile(String[] lines, int start, List<RawFile> files) {
        String path = lines[start].substring(7);
        Map<String, String> values = new HashMap<>();
        Optional<String> content = Optional.empty();
        int i = start + 1;
        for (; i < lines.length && !lines[i].equals("@@end"); i++) {
            if (lines[i].equals("@@content")) {
                int end = endOf(lines, i + 1);
                content = Optional.of(decode(lines, i + 1, end));
                i = end;
                break;
            }
            putValue(lines[i], values);
        }
        files.add(new RawFile(path, values, content));
        return i;
    }

    private static void putValue(String line, Map<String, String> values) {
        int eq = line.indexOf('=');
        if (eq > 0) {
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    private static int endOf(String[] lines, int from) {
        int i = from;
        while (i < lines.length && !lines[i].equals("@@end")) {
            i++;
        }
        return i;
    }

    private static String decode(String[] lines, int from, int to) {
        StringBuilder b64 = new StringBuilder();
        for (int i = from; i < to; i++) {
            b64.append(lines[i].strip());
        }
        try {
            return new String(Base64.getDecoder().decode(b64.toString()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EngineException("the facts script's output is damaged: " + e.getMessage(), e);
        }
    }
}
