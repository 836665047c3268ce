package io.pgconverge.facts;

import io.pgconverge.model.PgLayout;
import io.pgconverge.model.ServerLog;

import java.util.List;

/**
 * The one bash script that reads a node's OS-level facts in a single round trip. It prints {@code key=value}
 * lines, a {@code controldata} block and one block per file, multi-line text base64-encoded so that no content
 * can be mistaken for a delimiter; {@link OsReportParser} reads it back. The script always exits 0: a missing
 * directory or unreadable file is a fact, not a failure. It never prints the content of the passfile.
 */
public final class OsFactsScript {
    /** Marks the first line of the script's output, with the format version. */
    static final String HEADER = "@@pgconverge-facts 1";

    private OsFactsScript() {
    }

    /** The script for a node laid out as {@code layout}. */
    public static String of(PgLayout layout) {
        return of(layout, List.of());
    }

    /**
     * The script for a node laid out as {@code layout} that also reports on {@code paths} (existence, owner and
     * mode, no content): directories the playbook names, such as the WAL archive.
     */
    public static String of(PgLayout layout, List<String> paths) {
        StringBuilder s = new StringBuilder();
        s.append("export LC_ALL=C\n");
        s.append("BIN=").append(quote(layout.binDir())).append('\n');
        s.append("DATA=").append(quote(layout.dataDir())).append('\n');
        s.append("CONF=").append(quote(layout.configDir())).append('\n');
        s.append("LOG=").append(quote(ServerLog.path(layout))).append('\n');
        s.append(FUNCTIONS);
        s.append("echo '").append(HEADER).append("'\n");
        s.append(SYSTEM);
        s.append(PlatformReport.SCRIPT);
        s.append(DATA_DIR);
        s.append(HBA_FILE);
        s.append(SERVER_LOG);
        for (ManagedFile f : files()) {
            s.append("file ").append(f.shellPath()).append(f.withContent() ? " 1\n" : " 0\n");
        }
        for (String path : paths) {
            s.append("file ").append(quote(path)).append(" 0\n");
        }
        s.append(INCLUDES);
        s.append(LeftoversScript.of(layout));
        s.append("exit 0\n");
        return s.toString();
    }

    /** A file the script reports on; its path is a shell word using $CONF, $DATA or $HBA. */
    record ManagedFile(String shellPath, boolean withContent) {
    }

    static List<ManagedFile> files() {
        return List.of(
                new ManagedFile("\"$CONF/postgresql.conf\"", true),
                new ManagedFile("\"$HBA\"", true),
                new ManagedFile("\"$CONF/pg_ident.conf\"", true),
                new ManagedFile("\"$CONF/pgconverge.conf\"", true),
                new ManagedFile("\"$DATA/postgresql.auto.conf\"", true),
                new ManagedFile("\"$DATA/recovery.conf\"", true),
                new ManagedFile("\"$CONF/pgconverge.applied\"", true),
                new ManagedFile("\"$CONF/pgconverge.rewind-failed\"", true),
                new ManagedFile("\"$CONF/pgconverge.pgpass\"", false));
    }

    private static final String FUNCTIONS = """
            file() {
              printf '@@file %s\\n' "$1"
              if [ -e "$1" ]; then
                printf 'exists=1\\nowner=%s\\nmode=%s\\n' "$(stat -c %U "$1" 2>/dev/null)" "$(stat -c %a "$1" 2>/dev/null)"
                if [ "$2" = 1 ]; then
                  if [ -r "$1" ] && [ -f "$1" ]; then echo readable=1; echo '@@content'; base64 < "$1"; else echo readable=0; fi
                elif [ -r "$1" ] && [ -f "$1" ]; then
                  printf 'sha256=%s\\n' "$(sha256sum < "$1" | cut -d' ' -f1)"
                fi
              else
                echo exists=0
              fi
              echo '@@end'
            }
            """;

    private static final String SYSTEM = """
            ( . /etc/os-release 2>/dev/null; printf 'os_id=%s\\nos_version=%s\\n' "$ID" "$VERSION_ID" )
            printf 'arch=%s\\nhostname=%s\\n' "$(uname -m)" "$(uname -n)"
            if [ -x "$BIN/postgres" ]; then
              echo bin_postgres=1
              printf 'bin_version=%s\\n' "$("$BIN/postgres" --version 2>/dev/null | head -n 1)"
            else
              echo bin_postgres=0
            fi
            """;

    private static final String DATA_DIR = """
            if [ -d "$DATA" ]; then
              echo data_exists=1
              printf 'data_owner=%s\\n' "$(stat -c %U "$DATA" 2>/dev/null)"
              if [ -r "$DATA" ] && [ -x "$DATA" ]; then echo data_readable=1; else echo data_readable=0; fi
              if [ -e "$DATA/PG_VERSION" ]; then
                echo data_initialised=1
                printf 'pg_version=%s\\n' "$(head -n 1 "$DATA/PG_VERSION" 2>/dev/null)"
              fi
              [ -e "$DATA/standby.signal" ] && echo standby_signal=1
              [ -e "$DATA/recovery.conf" ] && echo recovery_conf=1
              if [ -r "$DATA/postmaster.pid" ]; then
                pid=$(head -n 1 "$DATA/postmaster.pid")
                printf 'postmaster_pid=%s\\n' "$pid"
                if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
                  comm=$(cat "/proc/$pid/comm" 2>/dev/null)
                  case "$comm" in ''|postgres*|postmaster*) echo running=1 ;; *) printf 'pid_taken_by=%s\\n' "$comm" ;; esac
                fi
              fi
              for w in "$DATA/pg_wal" "$DATA/pg_xlog"; do
                [ -d "$w" ] && [ -r "$w" ] || continue
                printf 'wal_newest_segment=%s\\n' "$(ls "$w" | grep -E '^[0-9A-F]{24}$' | sort | tail -n 1)"
                break
              done
              if [ -x "$BIN/pg_controldata" ] && [ -r "$DATA/global/pg_control" ]; then
                echo '@@block controldata'
                "$BIN/pg_controldata" "$DATA" 2>&1 | base64
                echo '@@end'
              fi
            else
              echo data_exists=0
            fi
            """;

    /** The server log's last lines, for why a server stopped or did not start. */
    private static final String SERVER_LOG = """
            if [ -r "$LOG" ] && [ -f "$LOG" ]; then
              echo '@@block serverlog'
              tail -n 40 "$LOG" 2>/dev/null | base64
              echo '@@end'
            fi
            """;

    /**
     * The files postgresql.conf pulls in with include, include_if_exists and include_dir (files ending in .conf,
     * not hidden, in C order, as PostgreSQL reads them), followed to a depth of eight; the engine's own file is
     * reported above. The planner checks where they lie and that they form no cycle.
     */
    private static final String INCLUDES = """
            includes() {
              [ "$2" -lt 8 ] && [ -f "$1" ] && [ -r "$1" ] || return 0
              local dir kind target path entry
              dir=$(dirname "$1")
              sed -nE -e "s/^[[:space:]]*(include_if_exists|include_dir|include)([[:space:]]+|[[:space:]]*=[[:space:]]*)'([^']*)'.*/\\1 \\3/p" -e t \\
                -e "s/^[[:space:]]*(include_if_exists|include_dir|include)([[:space:]]+|[[:space:]]*=[[:space:]]*)([^'[:space:]#]+).*/\\1 \\3/p" "$1" |
              while read -r kind target; do
                case "$target" in /*) path=$target ;; *) path=$dir/$target ;; esac
                [ "$path" = "$CONF/pgconverge.conf" ] && continue
                if [ "$kind" = include_dir ]; then
                  file "$path" 0
                  for entry in $(ls -A "$path" 2>/dev/null | grep -E '^[^.].*[.]conf$' | sort); do
                    file "$path/$entry" 1
                    includes "$path/$entry" $(($2 + 1))
                  done
                else
                  file "$path" 1
                  includes "$path" $(($2 + 1))
                fi
              done
            }
            includes "$CONF/postgresql.conf" 0
            """;

    /** Where pg_hba.conf is: hba_file in postgresql.conf when set there, else beside postgresql.conf. */
    private static final String HBA_FILE = """
            HBA=''
            if [ -r "$CONF/postgresql.conf" ]; then
              HBA=$(sed -nE -e "s/^[[:space:]]*hba_file[[:space:]]*=?[[:space:]]*'([^']*)'.*/\\1/p" \\
                -e "s/^[[:space:]]*hba_file[[:space:]]*=?[[:space:]]*([^'[:space:]#]+).*/\\1/p" "$CONF/postgresql.conf" | tail -n 1)
            fi
            [ -n "$HBA" ] || HBA="$CONF/pg_hba.conf"
            case "$HBA" in /*) ;; *) HBA="$DATA/$HBA" ;; esac
            printf 'hba_file=%s\\n' "$HBA"
            """;

    /** Single-quotes a word for bash. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
